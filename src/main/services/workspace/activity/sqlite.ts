import { userInfo } from 'node:os'
import type { SQLInputValue } from 'node:sqlite'
import { migrate, type Database, type Migration } from '../../db/database'
import { workstationName } from '../connection'
import { formatActivity } from './export'
import { DEFAULT_SEARCH_LIMIT, type ActivityEntry, type ActivityLog, type ActivityQuery } from './types'

/**
 * The local workspace's activity log, in the data folder's SQLite file. Triggers refuse UPDATE and
 * DELETE, as the team database does (the person owns the file, so this guards against the app's own
 * mistakes, not against them).
 */
export const ACTIVITY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
CREATE TABLE activity (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  workstation TEXT,
  portal_id TEXT,
  portal_name TEXT,
  object_kind TEXT,
  object_id TEXT,
  action TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  details TEXT
);
CREATE INDEX activity_at ON activity (at, id);
CREATE INDEX activity_portal ON activity (portal_id, at);
CREATE INDEX activity_actor ON activity (actor, at);
CREATE INDEX activity_object ON activity (object_kind, object_id, at);
CREATE TRIGGER activity_no_update BEFORE UPDATE ON activity
BEGIN SELECT RAISE(ABORT, 'the activity log is append-only: UPDATE is not allowed'); END;
CREATE TRIGGER activity_no_delete BEFORE DELETE ON activity
BEGIN SELECT RAISE(ABORT, 'the activity log is append-only: DELETE is not allowed'); END;`
  }
]

interface Row {
  id: number
  at: number
  actor: string
  workstation: string | null
  portal_id: string | null
  portal_name: string | null
  object_kind: string | null
  object_id: string | null
  action: string
  summary: string
  details: string | null
}

const parseDetails = (text: string | null): Record<string, unknown> | null => {
  if (text === null) return null
  try {
    const v = JSON.parse(text) as unknown
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null
  } catch {
    return null
  }
}

const fromRow = (r: Row): ActivityEntry => ({
  id: Number(r.id),
  at: Number(r.at),
  actor: r.actor,
  workstation: r.workstation,
  portalId: r.portal_id,
  portalName: r.portal_name,
  objectKind: r.object_kind,
  objectId: r.object_id,
  action: r.action,
  summary: r.summary,
  details: parseDetails(r.details)
})

/** WHERE clause and values for a query; shared by search and export. */
const where = (q: ActivityQuery): { sql: string; values: SQLInputValue[] } => {
  const parts: string[] = []
  const values: SQLInputValue[] = []
  const add = (sql: string, v: SQLInputValue) => {
    parts.push(sql)
    values.push(v)
  }
  if (q.portalId !== undefined) add('portal_id = ?', q.portalId)
  if (q.actor !== undefined) add('actor = ?', q.actor)
  if (q.objectKind !== undefined) add('object_kind = ?', q.objectKind)
  if (q.objectId !== undefined) add('object_id = ?', q.objectId)
  if (q.since !== undefined) add('at >= ?', q.since)
  if (q.until !== undefined) add('at < ?', q.until)
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', values }
}

export interface SqliteActivityOptions {
  now?: () => number
  /** Who this installation's entries are by when an entry does not say: the OS user. */
  actor?: string
  workstation?: string
}

const osUser = (): string => {
  try {
    return userInfo().username
  } catch {
    return 'unknown'
  }
}

export const createSqliteActivityLog = (db: Database, opts: SqliteActivityOptions = {}): ActivityLog => {
  migrate(db, 'activity', ACTIVITY_MIGRATIONS)
  const now = opts.now ?? Date.now
  const actor = opts.actor ?? osUser()
  const workstation = opts.workstation ?? workstationName()
  const insert = db.prepare(`INSERT INTO activity
    (at, actor, workstation, portal_id, portal_name, object_kind, object_id, action, summary, details)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`)
  const select = (q: ActivityQuery, limit: number | undefined): ActivityEntry[] => {
    const w = where(q)
    const rows = db
      .prepare(
        `SELECT * FROM activity ${w.sql} ORDER BY at DESC, id DESC${limit !== undefined ? ' LIMIT ?' : ''}`
      )
      .all(...w.values, ...(limit !== undefined ? [limit] : [])) as unknown as Row[]
    return rows.map(fromRow)
  }
  return {
    async append(e) {
      const row = insert.get(
        e.at ?? now(),
        e.actor ?? actor,
        e.workstation === undefined ? workstation : e.workstation,
        e.portalId ?? null,
        e.portalName ?? null,
        e.objectKind ?? null,
        e.objectId ?? null,
        e.action,
        e.summary ?? '',
        e.details ? JSON.stringify(e.details) : null
      ) as unknown as Row
      return fromRow(row)
    },
    async search(q = {}) {
      return select(q, q.limit ?? DEFAULT_SEARCH_LIMIT)
    },
    async exportEntries(q, format) {
      return formatActivity(select(q, q.limit), format)
    }
  }
}
