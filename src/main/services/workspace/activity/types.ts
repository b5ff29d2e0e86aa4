/**
 * The activity log (issue 21, "who did what"): one entry per job, operation outcome, snapshot,
 * restore, maintenance start and end, portal change and credentials change. Append-only in both
 * engines; the only ways in are append and search. Times are milliseconds since the epoch.
 */
export interface ActivityInput {
  /** When it happened; now when left out (an entry uploaded later keeps its own time). */
  at?: number
  /**
   * Who did it. The local workspace records this (the OS user by default); a team workspace records
   * the database login role instead and ignores it, except for its administrators (an import).
   */
  actor?: string
  /** The computer it was done on; this one when left out. */
  workstation?: string | null
  portalId?: string | null
  /** The portal's name at the time, so the entry still reads well after a rename or removal. */
  portalName?: string | null
  /** What it was done to: 'job', 'operation', 'snapshot', 'maintenance', 'portal', 'credentials', … */
  objectKind?: string | null
  objectId?: string | null
  /** What was done, e.g. 'job.enqueue', 'snapshot.restore', 'maintenance.end'. */
  action: string
  /** One line for people. */
  summary?: string
  details?: Record<string, unknown> | null
}

export interface ActivityEntry {
  id: number
  at: number
  actor: string
  workstation: string | null
  portalId: string | null
  portalName: string | null
  objectKind: string | null
  objectId: string | null
  action: string
  summary: string
  details: Record<string, unknown> | null
}

/** Every given field narrows the search; entries come newest first. */
export interface ActivityQuery {
  portalId?: string
  actor?: string
  objectKind?: string
  objectId?: string
  /** At or after (ms). */
  since?: number
  /** Before (ms). */
  until?: number
  /** At most this many; search() defaults to 500, exportEntries() to all. */
  limit?: number
}

export type ActivityExportFormat = 'csv' | 'json'

export interface ActivityLog {
  append(entry: ActivityInput): Promise<ActivityEntry>
  search(query?: ActivityQuery): Promise<ActivityEntry[]>
  /** The matching entries as a CSV or JSON document (newest first, like search). */
  exportEntries(query: ActivityQuery, format: ActivityExportFormat): Promise<string>
}

export const DEFAULT_SEARCH_LIMIT = 500
