import type { JobChange, JobSummary, OperationView } from '../../../shared/domain/outbox'
import { localize, type Localized } from '../app/language'

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
 * are page and document titles taken from the portals, so they are not ours to trust. A cell is
 * quoted when it holds any list separator a spreadsheet may split on, not only the comma: Excel in
 * Russian and most European locales splits on `;` (and a pasted file on tabs), and the piece after
 * the split would start a new cell, where `=HYPERLINK(...)` runs. Excel keeps a quoted stretch
 * whole whatever the separator; for readers that honour a quote only at a cell's start, a formula
 * lead right after a `;` or a tab inside the text gets the same apostrophe as a leading one.
 */
export const csvCell = (value: string | number | null | undefined): string => {
  let s = value === null || value === undefined ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  // A reader that honours quotes only at a cell's start would still split there: defuse what follows.
  s = s.replace(/([;\t]\s*)(?=[=+\-@])/g, "$1'")
  return /[",;\t\r\n']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** The state column of an object that changed on the portal beyond the job (not an operation of it). */
export const CHANGED_ON_PORTAL = 'changed_on_portal'

const changeTexts: Record<'published' | 'link', Record<'on' | 'off', Localized>> = {
  published: {
    on: {
      en: 'Also changed on the portal: now published (was not).',
      ru: 'Также изменено на портале: теперь опубликовано (было не опубликовано).'
    },
    off: {
      en: 'Also changed on the portal: now not published (was published).',
      ru: 'Также изменено на портале: теперь не опубликовано (было опубликовано).'
    }
  },
  link: {
    on: {
      en: 'Also changed on the portal: the public link is now on (was off).',
      ru: 'Также изменено на портале: публичная ссылка теперь включена (была выключена).'
    },
    off: {
      en: 'Also changed on the portal: the public link is now off (was on).',
      ru: 'Также изменено на портале: публичная ссылка теперь выключена (была включена).'
    }
  }
}

/** What the read-back saw change on an object beyond the job, in plain language. */
export const changeDescription = (c: JobChange): string =>
  localize(changeTexts[c.kind === 'document' ? 'link' : 'published'][c.after ? 'on' : 'off'])

/**
 * One line per operation with its outcome (an operation the portal reports otherwise has state
 * `mismatch` and says what the portal reports), then one line per object the portal also changed,
 * with state `changed_on_portal`, so one sheet holds the whole job.
 */
export const operationsCsv = (
  ops: readonly OperationView[],
  beyond: { jobId: number; changes: readonly JobChange[] } = { jobId: 0, changes: [] }
): string => {
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
  for (const c of beyond.changes) {
    lines.push(
      [
        '',
        beyond.jobId,
        c.portalId,
        c.kind,
        c.id,
        c.scope,
        '',
        c.title,
        CHANGED_ON_PORTAL,
        '',
        '',
        '',
        changeDescription(c),
        new Date(c.at).toISOString()
      ]
        .map(csvCell)
        .join(',')
    )
  }
  return `${lines.join('\r\n')}\r\n`
}

export const operationsJson = (
  job: JobSummary,
  ops: readonly OperationView[],
  changes: readonly JobChange[] = []
): string => `${JSON.stringify({ job, operations: ops, changes }, null, 2)}\n`

export const exportFilename = (jobId: number, format: 'csv' | 'json'): string =>
  `b24desk-outbox-job-${jobId}.${format}`
