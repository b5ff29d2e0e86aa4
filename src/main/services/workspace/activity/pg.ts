import type pg from 'pg'
import { workstationName } from '../connection'
import { formatActivity } from './export'
import { DEFAULT_SEARCH_LIMIT, type ActivityEntry, type ActivityLog, type ActivityQuery } from './types'

/** A client or a pool: whatever runs one statement. */
export type Queryable = Pick<pg.ClientBase, 'query'>

interface Row {
  id: string
  at: string
  actor: string
  workstation: string | null
  portal_id: string | null
  portal_name: string | null
  object_kind: string | null
  object_id: string | null
  action: string
  summary: string
  details: Record<string, unknown> | null
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
  details: r.details
})

const COLUMNS =
  'id, at, actor, workstation, portal_id, portal_name, object_kind, object_id, action, summary, details'

const where = (q: ActivityQuery): { sql: string; values: unknown[] } => {
  const parts: string[] = []
  const values: unknown[] = []
  const add = (column: string, op: string, v: unknown) => {
    values.push(v)
    parts.push(`${column} ${op} $${values.length}`)
  }
  if (q.portalId !== undefined) add('portal_id', '=', q.portalId)
  if (q.actor !== undefined) add('actor', '=', q.actor)
  if (q.objectKind !== undefined) add('object_kind', '=', q.objectKind)
  if (q.objectId !== undefined) add('object_id', '=', q.objectId)
  if (q.since !== undefined) add('at', '>=', q.since)
  if (q.until !== undefined) add('at', '<', q.until)
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', values }
}

export interface PgActivityOptions {
  now?: () => number
  workstation?: string
}

/**
 * The team workspace's activity log (table b24desk.activity). The database decides the actor (the
 * login role) and what each role may read (row-level security: entries about the portals of its
 * groups, and its own); it refuses every UPDATE and DELETE.
 */
export const createPgActivityLog = (db: Queryable, opts: PgActivityOptions = {}): ActivityLog => {
  const now = opts.now ?? Date.now
  const workstation = opts.workstation ?? workstationName()
  const select = async (q: ActivityQuery, limit: number | undefined): Promise<ActivityEntry[]> => {
    const w = where(q)
    const values = limit !== undefined ? [...w.values, limit] : w.values
    const r = await db.query<Row>(
      `SELECT ${COLUMNS} FROM b24desk.activity ${w.sql} ORDER BY at DESC, id DESC${
        limit !== undefined ? ` LIMIT $${values.length}` : ''
      }`,
      values
    )
    return r.rows.map(fromRow)
  }
  return {
    async append(e) {
      const r = await db.query<Row>(
        `INSERT INTO b24desk.activity
          (at, actor, workstation, portal_id, portal_name, object_kind, object_id, action, summary, details)
         VALUES ($1, coalesce($2, session_user), $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
        [
          e.at ?? now(),
          e.actor ?? null,
          e.workstation === undefined ? workstation : e.workstation,
          e.portalId ?? null,
          e.portalName ?? null,
          e.objectKind ?? null,
          e.objectId ?? null,
          e.action,
          e.summary ?? '',
          e.details ? JSON.stringify(e.details) : null
        ]
      )
      return fromRow(r.rows[0])
    },
    async search(q = {}) {
      return select(q, q.limit ?? DEFAULT_SEARCH_LIMIT)
    },
    async exportEntries(q, format) {
      return formatActivity(await select(q, q.limit), format)
    }
  }
}
