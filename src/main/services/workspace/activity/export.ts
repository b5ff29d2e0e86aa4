import { csvCell } from '../../outbox'
import type { ActivityEntry, ActivityExportFormat } from './types'

const COLUMNS = [
  'id',
  'at',
  'actor',
  'workstation',
  'portal_id',
  'portal_name',
  'object_kind',
  'object_id',
  'action',
  'summary',
  'details'
] as const

/**
 * The entries as a document: JSON (an array, times also as ISO 8601 for people) or CSV (one row each,
 * RFC 4180 quoting; cells a spreadsheet would run as a formula are defused, since summaries carry
 * page titles read from portals).
 */
export const formatActivity = (entries: readonly ActivityEntry[], format: ActivityExportFormat): string => {
  if (format === 'json')
    return `${JSON.stringify(
      entries.map((e) => ({ ...e, atIso: new Date(e.at).toISOString() })),
      null,
      2
    )}\n`
  const lines = [COLUMNS.join(',')]
  for (const e of entries)
    lines.push(
      [
        e.id,
        new Date(e.at).toISOString(),
        e.actor,
        e.workstation,
        e.portalId,
        e.portalName,
        e.objectKind,
        e.objectId,
        e.action,
        e.summary,
        e.details ? JSON.stringify(e.details) : null
      ]
        .map(csvCell)
        .join(',')
    )
  return `${lines.join('\r\n')}\r\n`
}
