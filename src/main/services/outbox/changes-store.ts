import type { LandingScope } from '../../../shared/domain/catalog'
import type { JobChange, TargetKind } from '../../../shared/domain/outbox'
import type { Handlers } from '../../../shared/ipc/handlers'
import { localize } from '../app/language'
import { migrate, transaction, type Database } from '../db/database'
import { AppError } from '../errors'
import { messages } from './messages'
import { outboxMigrations } from './schema'

/** One object the read-back found changed, attributed to the job whose operation made us read it. */
export interface ObservedChange {
  jobId: number
  portalId: string
  kind: TargetKind
  id: number
  title: string
  scope: LandingScope
  before: boolean | null
  after: boolean
}

interface ChangeRow {
  job_id: number
  portal_id: string
  kind: TargetKind
  target_id: number
  title: string
  scope: string
  before: number | null
  after: number
  at: number
}

const bool = (v: number | null): boolean | null => (v === null ? null : v === 1)
const int = (v: boolean | null): number | null => (v === null ? null : v ? 1 : 0)

/**
 * What changed on a portal beyond a job's selection, as the read-back saw it (a site publication
 * that also published inactive pages, a folder unpublication that took its parents offline). One
 * row per job and object holds the net change: the state before the job first touched it and the
 * latest state read; an object that went back to where it was leaves the list.
 */
export const createJobChangesStore = (db: Database) => {
  // The table is an outbox migration; whichever store opens first brings the schema up to date.
  migrate(db, 'outbox', outboxMigrations)
  const upsert = db.prepare(`INSERT INTO outbox_job_changes
      (job_id, portal_id, kind, target_id, title, scope, before, after, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (job_id, portal_id, kind, target_id) DO UPDATE SET
      title = excluded.title, after = excluded.after, at = excluded.at`)
  const dropUnchanged = db.prepare(`DELETE FROM outbox_job_changes
    WHERE job_id = ? AND portal_id = ? AND kind = ? AND target_id = ? AND before IS after`)
  const inJob = db.prepare(
    'SELECT 1 FROM outbox_operations WHERE portal_id = ? AND kind = ? AND target_id = ? AND job_id = ? LIMIT 1'
  )
  const ofJob = db.prepare('SELECT * FROM outbox_job_changes WHERE job_id = ? ORDER BY at, id')
  const job = db.prepare('SELECT 1 FROM outbox_jobs WHERE id = ?')

  return {
    /** Whether the job has an operation on this object: such a change is the job's own, not a side effect. */
    isTarget(jobId: number, portalId: string, kind: TargetKind, id: number): boolean {
      return inJob.get(portalId, kind, id, jobId) !== undefined
    },

    record(changes: readonly ObservedChange[], at: number): void {
      if (changes.length === 0) return
      transaction(db, () => {
        for (const c of changes) {
          upsert.run(c.jobId, c.portalId, c.kind, c.id, c.title, c.scope, int(c.before), int(c.after), at)
          dropUnchanged.run(c.jobId, c.portalId, c.kind, c.id)
        }
      })
    },

    /** Throws for a job that does not exist, as the other job requests do. */
    forJob(jobId: number): JobChange[] {
      if (job.get(jobId) === undefined)
        throw new AppError('OUTBOX_JOB_NOT_FOUND', localize(messages.jobNotFound, { id: jobId }))
      return (ofJob.all(jobId) as unknown as ChangeRow[]).map((r) => ({
        portalId: r.portal_id,
        kind: r.kind,
        id: r.target_id,
        title: r.title,
        scope: r.scope as LandingScope,
        before: bool(r.before),
        after: r.after === 1,
        at: r.at
      }))
    }
  }
}

export type JobChangesStore = ReturnType<typeof createJobChangesStore>

/** `outbox:changes`: what else changed on the portals during a job, for the window and `b24desk job`. */
export const createJobChangesHandlers = (store: JobChangesStore): Pick<Handlers, 'outbox:changes'> => ({
  'outbox:changes': ({ jobId }) => store.forJob(jobId)
})
