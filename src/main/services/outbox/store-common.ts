/** What the outbox's stores share: the pending states, state counts, id slices, and when a job is finished. */
import type { Database } from '../db/database'
import type { OperationState, StateCounts } from '../../../shared/domain/outbox'
import { operationStateSchema } from '../../../shared/domain/outbox'

export const OPERATION_STATES: readonly OperationState[] = operationStateSchema.options

/** States an operation can still leave by itself, as SQL. */
export const PENDING = "('queued','sending')"

export const emptyCounts = (): StateCounts => ({
  queued: 0,
  sending: 0,
  done: 0,
  failed: 0,
  mismatch: 0,
  superseded: 0,
  cancelled: 0
})

/** SQLite caps bound parameters; long id lists go in slices. */
export const chunks = <T>(items: readonly T[], size = 400): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** A job is finished exactly when it is recorded whole and none of its operations can still change. */
export const refreshJobs = (db: Database, jobIds: readonly number[], now: number): void => {
  const stmt = db.prepare(`UPDATE outbox_jobs SET finished_at = CASE
        WHEN sealed = 0 OR EXISTS (SELECT 1 FROM outbox_operations WHERE job_id = outbox_jobs.id AND state IN ${PENDING}) THEN NULL
        ELSE COALESCE(finished_at, ?) END WHERE id = ?`)
  for (const id of jobIds) stmt.run(now, id)
}
