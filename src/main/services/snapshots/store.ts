import { gunzipSync, gzipSync } from 'node:zlib'
import type { Database, Migration } from '../db/database'
import { migrate, transaction } from '../db/database'
import type { SnapshotCounts, SnapshotEntry } from '../../../shared/domain/snapshot'
import { decodeState, encodeState } from './codec'
import type { PortalState } from './model'

/**
 * Snapshots: one row each, one compressed blob per portal (see codec.ts). Restores made from a
 * snapshot keep what their read-back found not to match, so the report outlives the snapshot.
 */
export const SNAPSHOT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
CREATE TABLE snapshots (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  taken_at INTEGER NOT NULL,
  portal_ids TEXT NOT NULL,
  site_ids TEXT,
  counts TEXT NOT NULL,
  maintenance INTEGER NOT NULL DEFAULT 0,
  maintenance_until TEXT,
  maintenance_job_id INTEGER,
  maintenance_end_job_id INTEGER,
  maintenance_ended_at INTEGER
);
CREATE TABLE snapshot_portals (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
  portal_id TEXT NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (snapshot_id, portal_id)
);
CREATE TABLE snapshot_restores (
  job_id INTEGER PRIMARY KEY,
  snapshot_id INTEGER NOT NULL,
  portal_ids TEXT NOT NULL,
  site_ids TEXT,
  checked_at INTEGER,
  report BLOB
);`
  },
  {
    version: 2,
    // Issue 17: who each portal was when the snapshot was taken (portals/identity.ts); a restore to
    // a portal that now answers as another is refused. Older snapshots have none.
    sql: `ALTER TABLE snapshot_portals ADD COLUMN portal_identity TEXT;`
  }
]

export interface SnapshotRecord {
  id: number
  name: string
  takenAt: number
  portalIds: string[]
  siteIds: Array<{ portalId: string; siteId: number }> | null
  counts: SnapshotCounts
  maintenance: {
    until: string | null
    jobId: number | null
    endJobId: number | null
    /** Set when the window was ended with nothing left to put back. */
    endedAt: number | null
  } | null
}

export interface RestoreRecord {
  jobId: number
  snapshotId: number
  portalIds: string[]
  siteIds: Array<{ portalId: string; siteId: number }> | null
  checkedAt: number | null
  report: SnapshotEntry[] | null
}

interface SnapshotRow {
  id: number
  name: string
  taken_at: number
  portal_ids: string
  site_ids: string | null
  counts: string
  maintenance: number
  maintenance_until: string | null
  maintenance_job_id: number | null
  maintenance_end_job_id: number | null
  maintenance_ended_at: number | null
}

interface RestoreRow {
  job_id: number
  snapshot_id: number
  portal_ids: string
  site_ids: string | null
  checked_at: number | null
  report: Uint8Array | null
}

const toRecord = (r: SnapshotRow): SnapshotRecord => ({
  id: r.id,
  name: r.name,
  takenAt: r.taken_at,
  portalIds: JSON.parse(r.portal_ids) as string[],
  siteIds: r.site_ids === null ? null : (JSON.parse(r.site_ids) as SnapshotRecord['siteIds']),
  counts: JSON.parse(r.counts) as SnapshotCounts,
  maintenance: r.maintenance
    ? {
        until: r.maintenance_until,
        jobId: r.maintenance_job_id,
        endJobId: r.maintenance_end_job_id,
        endedAt: r.maintenance_ended_at
      }
    : null
})

const toRestore = (r: RestoreRow): RestoreRecord => ({
  jobId: r.job_id,
  snapshotId: r.snapshot_id,
  portalIds: JSON.parse(r.portal_ids) as string[],
  siteIds: r.site_ids === null ? null : (JSON.parse(r.site_ids) as RestoreRecord['siteIds']),
  checkedAt: r.checked_at,
  report: r.report ? (JSON.parse(gunzipSync(r.report).toString('utf8')) as SnapshotEntry[]) : null
})

export const countsOf = (states: readonly PortalState[]): SnapshotCounts => {
  const c: SnapshotCounts = { sites: 0, pages: 0, folders: 0, documents: 0, live: 0 }
  for (const s of states) {
    c.sites += s.sites.length
    c.pages += s.pages.length
    c.folders += s.folders.length
    c.documents += s.documents?.length ?? 0
    for (const list of [s.sites, s.pages, s.folders, s.documents ?? []])
      for (const o of list) if (o.live) c.live++
  }
  return c
}

export const createSnapshotStore = (db: Database) => {
  migrate(db, 'snapshots', SNAPSHOT_MIGRATIONS)
  const one = db.prepare('SELECT * FROM snapshots WHERE id = ?')
  return {
    insert(init: {
      name: string
      takenAt: number
      siteIds: SnapshotRecord['siteIds']
      states: readonly PortalState[]
      maintenance?: boolean
      /** Each portal's identity when it was read (portals/identity.ts). */
      identities?: ReadonlyMap<string, string>
    }): number {
      return transaction(db, () => {
        const { id } = db
          .prepare(
            `INSERT INTO snapshots (name, taken_at, portal_ids, site_ids, counts, maintenance)
            VALUES (?, ?, ?, ?, ?, ?) RETURNING id`
          )
          .get(
            init.name,
            init.takenAt,
            JSON.stringify(init.states.map((s) => s.portalId)),
            init.siteIds === null ? null : JSON.stringify(init.siteIds),
            JSON.stringify(countsOf(init.states)),
            init.maintenance ? 1 : 0
          ) as { id: number }
        const put = db.prepare(
          'INSERT INTO snapshot_portals (snapshot_id, portal_id, data, portal_identity) VALUES (?, ?, ?, ?)'
        )
        for (const s of init.states)
          put.run(id, s.portalId, encodeState(s), init.identities?.get(s.portalId) ?? null)
        return id
      })
    },

    list(): SnapshotRecord[] {
      return (db.prepare('SELECT * FROM snapshots ORDER BY id DESC').all() as unknown as SnapshotRow[]).map(
        toRecord
      )
    },

    get(id: number): SnapshotRecord | undefined {
      const r = one.get(id) as SnapshotRow | undefined
      return r ? toRecord(r) : undefined
    },

    states(id: number, portalIds?: readonly string[]): PortalState[] {
      const rows = db
        .prepare('SELECT portal_id, data FROM snapshot_portals WHERE snapshot_id = ? ORDER BY portal_id')
        .all(id) as Array<{ portal_id: string; data: Uint8Array }>
      return rows
        .filter((r) => !portalIds || portalIds.includes(r.portal_id))
        .map((r) => decodeState(r.portal_id, r.data))
    },

    /** Who each portal was when the snapshot was taken; portals recorded without are left out. */
    identities(id: number): Map<string, string> {
      const rows = db
        .prepare(
          'SELECT portal_id, portal_identity FROM snapshot_portals WHERE snapshot_id = ? AND portal_identity IS NOT NULL'
        )
        .all(id) as Array<{ portal_id: string; portal_identity: string }>
      return new Map(rows.map((r) => [r.portal_id, r.portal_identity]))
    },

    /** Bytes stored for a snapshot's portals (for diagnostics and the size report). */
    size(id: number): number {
      const row = db
        .prepare('SELECT COALESCE(SUM(LENGTH(data)), 0) AS n FROM snapshot_portals WHERE snapshot_id = ?')
        .get(id) as { n: number }
      return row.n
    },

    setMaintenance(
      id: number,
      m: { until?: string | null; jobId?: number | null; endJobId?: number | null; endedAt?: number | null }
    ) {
      const cur = this.get(id)?.maintenance ?? { until: null, jobId: null, endJobId: null, endedAt: null }
      db.prepare(
        `UPDATE snapshots SET maintenance = 1, maintenance_until = ?, maintenance_job_id = ?,
        maintenance_end_job_id = ?, maintenance_ended_at = ? WHERE id = ?`
      ).run(
        m.until !== undefined ? m.until : cur.until,
        m.jobId !== undefined ? m.jobId : cur.jobId,
        m.endJobId !== undefined ? m.endJobId : cur.endJobId,
        m.endedAt !== undefined ? m.endedAt : cur.endedAt,
        id
      )
    },

    delete(id: number): boolean {
      return Number(db.prepare('DELETE FROM snapshots WHERE id = ?').run(id).changes) > 0
    },

    addRestore(r: {
      jobId: number
      snapshotId: number
      portalIds: string[]
      siteIds: RestoreRecord['siteIds']
    }) {
      db.prepare(
        'INSERT OR REPLACE INTO snapshot_restores (job_id, snapshot_id, portal_ids, site_ids) VALUES (?, ?, ?, ?)'
      ).run(
        r.jobId,
        r.snapshotId,
        JSON.stringify(r.portalIds),
        r.siteIds === null ? null : JSON.stringify(r.siteIds)
      )
    },

    restore(jobId: number): RestoreRecord | undefined {
      const r = db.prepare('SELECT * FROM snapshot_restores WHERE job_id = ?').get(jobId) as
        RestoreRow | undefined
      return r ? toRestore(r) : undefined
    },

    /** Restores whose read-back has not been made yet. */
    unchecked(): RestoreRecord[] {
      return (
        db
          .prepare('SELECT * FROM snapshot_restores WHERE checked_at IS NULL ORDER BY job_id')
          .all() as unknown as RestoreRow[]
      ).map(toRestore)
    },

    setReport(jobId: number, report: readonly SnapshotEntry[], at: number) {
      db.prepare('UPDATE snapshot_restores SET checked_at = ?, report = ? WHERE job_id = ?').run(
        at,
        gzipSync(JSON.stringify(report)),
        jobId
      )
    }
  }
}

export type SnapshotStore = ReturnType<typeof createSnapshotStore>
