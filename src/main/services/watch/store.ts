// The changes the watch saw (SQLite, table watch_changes) and when it last read each portal.
import type { LandingScope } from '../../../shared/domain/catalog'
import { migrate, transaction, type Database } from '../db/database'
import { watchMigrations } from './schema'
import type { ChangeField, ChangeSeen, ChangeState, ChangesQuery, WatchedKind } from './types'

interface Row {
  id: number
  portal_id: string
  kind: WatchedKind
  target_id: number
  title: string
  scope: string
  field: ChangeField
  before: string | null
  after: string | null
  seen_at: number
  state: ChangeState
  decided_at: number | null
  job_id: number | null
}

/** A change about to be recorded: everything but its id and state. */
export type NewChange = Omit<ChangeSeen, 'id' | 'state' | 'decidedAt' | 'jobId'>

const value = (json: string | null): boolean | string | null =>
  json === null ? null : (JSON.parse(json) as boolean | string)

const fromRow = (r: Row): ChangeSeen => ({
  id: r.id,
  portalId: r.portal_id,
  kind: r.kind,
  targetId: r.target_id,
  title: r.title,
  scope: r.scope as LandingScope,
  field: r.field,
  before: value(r.before),
  after: value(r.after),
  seenAt: r.seen_at,
  state: r.state,
  decidedAt: r.decided_at,
  jobId: r.job_id
})

export interface ChangesStore {
  /** Records the changes of one pass and the pass itself, in one transaction; answers them with ids. */
  recordPass(portalId: string, at: number, changes: readonly NewChange[]): ChangeSeen[]
  /** When the watch last read the portal (epoch ms), null before its first pass. */
  lastPass(portalId: string): number | null
  /** Newest first. */
  list(query: ChangesQuery): ChangeSeen[]
  get(id: number): ChangeSeen | undefined
  /** Moves a new change to `state` (put back by `jobId`); false when it was not new (already decided, or unknown). */
  decide(id: number, state: Exclude<ChangeState, 'new'>, at: number, jobId?: number): boolean
  forget(portalId: string): void
}

export const createChangesStore = (db: Database): ChangesStore => {
  migrate(db, 'watch', watchMigrations)
  const insert = db.prepare(
    `INSERT INTO watch_changes (portal_id, kind, target_id, title, scope, field, before, after, seen_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`
  )
  const json = (v: boolean | string | null): string | null => (v === null ? null : JSON.stringify(v))
  return {
    recordPass: (portalId, at, changes) =>
      transaction(db, () => {
        const out = changes.map((c) =>
          fromRow(
            insert.get(
              portalId,
              c.kind,
              c.targetId,
              c.title,
              c.scope,
              c.field,
              json(c.before),
              json(c.after),
              c.seenAt
            ) as unknown as Row
          )
        )
        db.prepare(
          `INSERT INTO watch_passes (portal_id, last_at) VALUES (?, ?)
           ON CONFLICT (portal_id) DO UPDATE SET last_at = excluded.last_at`
        ).run(portalId, at)
        return out
      }),
    lastPass: (portalId) => {
      const row = db.prepare('SELECT last_at FROM watch_passes WHERE portal_id = ?').get(portalId) as
        { last_at: number } | undefined
      return row?.last_at ?? null
    },
    list: ({ portalId, since, states }) => {
      const where: string[] = []
      const args: Array<string | number> = []
      if (portalId !== undefined) {
        where.push('portal_id = ?')
        args.push(portalId)
      }
      if (since !== undefined) {
        where.push('seen_at >= ?')
        args.push(since)
      }
      if (states && states.length > 0) {
        where.push(`state IN (${states.map(() => '?').join(', ')})`)
        args.push(...states)
      }
      const sql = `SELECT * FROM watch_changes ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY seen_at DESC, id DESC`
      return (db.prepare(sql).all(...args) as unknown as Row[]).map(fromRow)
    },
    get: (id) => {
      const row = db.prepare('SELECT * FROM watch_changes WHERE id = ?').get(id) as Row | undefined
      return row ? fromRow(row) : undefined
    },
    decide: (id, state, at, jobId) =>
      Number(
        db
          .prepare(
            `UPDATE watch_changes SET state = ?, decided_at = ?, job_id = ? WHERE id = ? AND state = 'new'`
          )
          .run(state, at, jobId ?? null, id).changes
      ) > 0,
    forget: (portalId) =>
      transaction(db, () => {
        db.prepare('DELETE FROM watch_changes WHERE portal_id = ?').run(portalId)
        db.prepare('DELETE FROM watch_passes WHERE portal_id = ?').run(portalId)
      })
  }
}
