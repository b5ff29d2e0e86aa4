import type { JobSummary, OperationView } from '../../../shared/domain/outbox'

const CSV_COLUMNS = [
  'operation_id',
  'job_id',
  'portal_id',
  'kind',
  'target_id',
  'scope',
  'action',
  'label',
  'state',
  'attempts',
  'error_code',
  'error_category',
  'error_message',
  'updated_at'
] as const

/**
 * RFC 4180 quoting, plus a leading apostrophe on cells a spreadsheet would run as a formula: labels
 * are page and document titles taken from the portals, so they are not ours to trust.
 */
export const csvCell = (value: string | number | null | undefined): string => {
  let s = value === null || value === undefined ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export const operationsCsv = (ops: readonly OperationView[]): string => {
  const lines = [CSV_COLUMNS.join(',')]
  for (const o of ops) {
    lines.push(
      [
        o.id,
        o.jobId,
        o.portalId,
        o.kind,
        o.targetId,
        o.scope,
        o.action,
        o.label ?? '',
        o.state,
        o.attempts,
        o.error?.code ?? '',
        o.error?.category ?? '',
        o.error?.message ?? '',
        new Date(o.updatedAt).toISOString()
      ]
        .map(csvCell)
        .join(',')
    )
  }
  return `${lines.join('\r\n')}\r\n`
}

export const operationsJson = (job: JobSummary, ops: readonly OperationView[]): string =>
  `${JSON.stringify({ job, operations: ops }, null, 2)}\n`

export const exportFilename = (jobId: number, format: 'csv' | 'json'): string =>
  `b24desk-outbox-job-${jobId}.${format}`
