/** The operation queue: what a lane may send, claiming and completing it, recovery, cancel and retry, counts. */
import type { StatementSync } from 'node:sqlite'
import type { Database } from '../db/database'
import { transaction } from '../db/database'
import type { Intent, OperationState, OperationView, StateCounts } from '../../../shared/domain/outbox'
import type { LandingScope } from '../../../shared/domain/catalog'
import type { LaneStateStore } from './lane-state-store'
import type { ScheduleStore } from './schedule-store'
import { PENDING, chunks, emptyCounts, refreshJobs } from './store-common'

/** Terminal states a person can send again with "retry failed". */
const RETRYABLE = "('failed','mismatch')"

/** The database's row; it stays inside the store (the rest of the outbox works with QueuedOperation). */
interface OperationRow {
  id: number
  job_id: number
  portal_id: string
  kind: Intent['kind']
  target_id: number
  scope: string
  action: Intent['action']
  label: string | null
  state: OperationState
  attempts: number
  not_before: number
  error_code: string | null
  error_message: string | null
  error_category: string | null
  superseded_by: number | null
  claimed_by: string | null
  recheck?: number
  portal_identity?: string | null
  created_at: number
  updated_at: number
}

/** An operation as the lane sees it: what to send, and how often it was tried. */
export interface QueuedOperation {
  id: number
  jobId: number
  portalId: string
  kind: Intent['kind']
  targetId: number
  scope: LandingScope
  action: Intent['action']
  label: string | null
  attempts: number
  /** Left `sending` by a runner that stopped or was taken over: read it back before sending it again. */
  recheck?: boolean
  /** Who the portal was when this was queued (portalIdentity); absent for older rows. */
  identity?: string
}

const toQueued = (r: OperationRow): QueuedOperation => ({
  id: r.id,
  jobId: r.job_id,
  portalId: r.portal_id,
  kind: r.kind,
  targetId: r.target_id,
  scope: r.scope as LandingScope,
  action: r.action,
  label: r.label,
  attempts: r.attempts,
  recheck: r.recheck === 1,
  ...(r.portal_identity ? { identity: r.portal_identity } : {})
})

export interface OperationError {
  code: string
  message: string
  category: string
}

/** How one sent operation ended up; applied together with the others of its batch. */
export type Outcome =
  | { id: number; kind: 'done' }
  | { id: number; kind: 'failed'; error: OperationError }
  /** The portal answered, but reading back shows otherwise (e.g. PORTAL_REPORTS_OTHERWISE). */
  | { id: number; kind: 'mismatch'; error: OperationError }
  /** Back to the queue: `notBefore` delays it; `error` keeps the last reason for the person watching. */
  | { id: number; kind: 'requeue'; notBefore: number; error?: OperationError; refundAttempt?: boolean }

const toOperationView = (r: OperationRow): OperationView => ({
  id: r.id,
  jobId: r.job_id,
  portalId: r.portal_id,
  kind: r.kind,
  targetId: r.target_id,
  scope: r.scope as LandingScope,
  action: r.action,
  ...(r.label !== null ? { label: r.label } : {}),
  state: r.state,
  attempts: r.attempts,
  error:
    r.error_code !== null || r.error_message !== null
      ? { code: r.error_code ?? '', message: r.error_message ?? '', category: r.error_category ?? '' }
      : null,
  updatedAt: r.updated_at
})

/** Operations of the job and portal in a lower phase still pending hold back a later phase. */
const PHASE_CLEAR = `NOT EXISTS (SELECT 1 FROM outbox_operations p WHERE p.job_id = o.job_id
  AND p.portal_id = o.portal_id AND p.state IN ('queued','sending') AND p.phase < o.phase)`
/** A scheduled job's operations wait until it has started. */
const STARTED = '(j.start_at IS NULL OR j.started_at IS NOT NULL)'

/** Reads and writes of `outbox_operations` once recorded (jobs-store.ts records them); changes commit before returning. */
export class OperationsStore {
  private readonly stmts: { peek: StatementSync; nextNotBefore: StatementSync }

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
    private readonly schedule: ScheduleStore,
    private readonly lanes: LaneStateStore
  ) {
    this.stmts = {
      // Jobs still being recorded (sealed = 0) are not sent: see enqueue. Nor scheduled jobs before
      // they start, nor a phase of a job while an earlier phase of it is pending on the portal.
      peek: db.prepare(`SELECT o.* FROM outbox_operations o JOIN outbox_jobs j ON j.id = o.job_id
        WHERE o.portal_id = ? AND o.state = 'queued' AND j.paused = 0 AND j.sealed = 1 AND o.not_before <= ?
          AND ${STARTED} AND ${PHASE_CLEAR}
        ORDER BY o.id LIMIT ?`),
      // A scheduled job that has not started is due at its start time.
      nextNotBefore: db.prepare(`SELECT MIN(CASE WHEN ${STARTED} THEN o.not_before
          ELSE MAX(o.not_before, COALESCE(j.due_at, 0)) END) AS at
        FROM outbox_operations o JOIN outbox_jobs j ON j.id = o.job_id
        WHERE o.portal_id = ? AND o.state = 'queued' AND j.paused = 0 AND j.sealed = 1 AND j.missed_at IS NULL
          AND ${PHASE_CLEAR}`)
    }
  }

  /** Queued operations the lane may send now, oldest first; paused jobs and delayed retries are left out. */
  peekQueued(portalId: string, now: number, limit: number): QueuedOperation[] {
    // Scheduled jobs whose time has come start before anything is chosen, so what they replace is not sent.
    this.schedule.startDueJobs()
    return (this.stmts.peek.all(portalId, now, limit) as unknown as OperationRow[]).map(toQueued)
  }

  /** When the lane's earliest delayed operation becomes due (null when it has nothing to send). */
  nextDue(portalId: string): number | null {
    const row = this.stmts.nextNotBefore.get(portalId) as { at: number | null } | undefined
    return row?.at ?? null
  }

  /**
   * queued -> sending for those of `ids` still queued (a cancel may have raced), stamped with the
   * claiming runner's lock `token`; returns the claimed ids.
   */
  claim(ids: readonly number[], token: string): Set<number> {
    const now = this.now()
    const claimed = new Set<number>()
    transaction(this.db, () => {
      for (const part of chunks(ids)) {
        const rows = this.db
          .prepare(
            `UPDATE outbox_operations SET state = 'sending', attempts = attempts + 1, claimed_by = ?, updated_at = ?
            WHERE state = 'queued' AND id IN (${part.map(() => '?').join(',')}) RETURNING id`
          )
          .all(token, now, ...part) as Array<{ id: number }>
        for (const r of rows) claimed.add(r.id)
      }
    })
    return claimed
  }

  /**
   * Applies a batch's outcomes in one commit: a crash leaves all of them applied or none. Only rows
   * still `sending` under the caller's claim `token` change: a runner that lost the lock (another
   * took over and queued its work again) changes nothing. Answers the ids that became done.
   */
  complete(outcomes: readonly Outcome[], token: string): Set<number> {
    const doneIds = new Set<number>()
    if (outcomes.length === 0) return doneIds
    const now = this.now()
    const mine = "state = 'sending' AND claimed_by = ?"
    const done = this.db
      .prepare(`UPDATE outbox_operations SET state = 'done', error_code = NULL, error_message = NULL,
      error_category = NULL, updated_at = ? WHERE id = ? AND ${mine} RETURNING job_id`)
    const ended = this.db.prepare(`UPDATE outbox_operations SET state = ?, error_code = ?, error_message = ?,
      error_category = ?, updated_at = ? WHERE id = ? AND ${mine} RETURNING job_id`)
    const requeue = this.db.prepare(`UPDATE outbox_operations SET state = 'queued', not_before = ?,
      attempts = MAX(0, attempts - ?), error_code = COALESCE(?, error_code), error_message = COALESCE(?, error_message),
      error_category = COALESCE(?, error_category), updated_at = ? WHERE id = ? AND ${mine} RETURNING job_id`)
    transaction(this.db, () => {
      const jobs = new Set<number>()
      for (const o of outcomes) {
        let row: { job_id: number } | undefined
        if (o.kind === 'done') row = done.get(now, o.id, token) as typeof row
        else if (o.kind === 'failed' || o.kind === 'mismatch') {
          row = ended.get(
            o.kind,
            o.error.code,
            o.error.message,
            o.error.category,
            now,
            o.id,
            token
          ) as typeof row
        } else {
          row = requeue.get(
            o.notBefore,
            o.refundAttempt ? 1 : 0,
            o.error?.code ?? null,
            o.error?.message ?? null,
            o.error?.category ?? null,
            now,
            o.id,
            token
          ) as typeof row
        }
        if (!row) continue
        jobs.add(row.job_id)
        if (o.kind === 'done') doneIds.add(o.id)
      }
      refreshJobs(this.db, [...jobs], now)
    })
    return doneIds
  }

  /**
   * After a crash or a takeover nothing of ours is on the wire: whatever was being sent goes back to
   * the queue, marked to be read back before it is sent again (the portal may have done it already,
   * and someone may have changed it since).
   */
  recoverSending(): number {
    const now = this.now()
    return Number(
      this.db
        .prepare(
          "UPDATE outbox_operations SET state = 'queued', recheck = 1, updated_at = ? WHERE state = 'sending'"
        )
        .run(now).changes
    )
  }

  /** The read-back of these operations is done (or impossible): from now on they are sent as usual. */
  clearRecheck(ids: readonly number[]): void {
    for (const part of chunks(ids))
      this.db
        .prepare(`UPDATE outbox_operations SET recheck = 0 WHERE id IN (${part.map(() => '?').join(',')})`)
        .run(...part)
  }

  cancel(jobId: number, operationIds?: readonly number[]): number {
    const now = this.now()
    return transaction(this.db, () => {
      let n = 0
      const base =
        "UPDATE outbox_operations SET state = 'cancelled', updated_at = ? WHERE job_id = ? AND state = 'queued'"
      if (operationIds === undefined) n = Number(this.db.prepare(base).run(now, jobId).changes)
      else {
        for (const part of chunks(operationIds)) {
          n += Number(
            this.db.prepare(`${base} AND id IN (${part.map(() => '?').join(',')})`).run(now, jobId, ...part)
              .changes
          )
        }
      }
      refreshJobs(this.db, [jobId], now)
      return n
    })
  }

  /**
   * Everything still to send for a portal that no longer exists is cancelled with `reason`, in one
   * commit; `sending` rows are included, since whatever comes back for them can no longer be kept.
   * The lane's row goes too, so the portal leaves the outbox's picture.
   */
  cancelPortal(portalId: string, reason: OperationError): number {
    const now = this.now()
    return transaction(this.db, () => {
      const rows = this.db
        .prepare(
          `UPDATE outbox_operations SET state = 'cancelled', error_code = ?, error_message = ?, error_category = ?,
          updated_at = ? WHERE portal_id = ? AND state IN ${PENDING} RETURNING job_id`
        )
        .all(reason.code, reason.message, reason.category, now, portalId) as Array<{ job_id: number }>
      refreshJobs(this.db, [...new Set(rows.map((r) => r.job_id))], now)
      this.lanes.forgetLane(portalId)
      return rows.length
    })
  }

  /**
   * Failed operations of the job (and those the portal reports otherwise) go back to the queue,
   * except where a newer operation on the same target was accepted since: replaying the old intent
   * would undo the newer one.
   */
  retryFailed(jobId: number): number {
    const now = this.now()
    return transaction(this.db, () => {
      const n = Number(
        this.db
          .prepare(
            `UPDATE outbox_operations AS o SET state = 'queued', not_before = 0, attempts = 0, updated_at = ?
            WHERE o.job_id = ? AND o.state IN ${RETRYABLE} AND NOT EXISTS (
              SELECT 1 FROM outbox_operations n WHERE n.portal_id = o.portal_id AND n.kind = o.kind
                AND n.target_id = o.target_id AND n.id > o.id AND n.state IN ('queued','sending','done'))`
          )
          .run(now, jobId).changes
      )
      refreshJobs(this.db, [jobId], now)
      return n
    })
  }

  /** Portals with queued work and when it is due; the runner polls this to pick up other processes' work. */
  pendingPortals(): Array<{ portalId: string; due: number }> {
    return this.db
      .prepare(
        `SELECT o.portal_id AS portalId, MIN(o.not_before) AS due FROM outbox_operations o
        JOIN outbox_jobs j ON j.id = o.job_id WHERE o.state = 'queued' AND j.paused = 0 AND j.sealed = 1
        GROUP BY o.portal_id`
      )
      .all() as unknown as Array<{ portalId: string; due: number }>
  }

  hasPending(): boolean {
    return (
      this.db.prepare(`SELECT 1 FROM outbox_operations WHERE state IN ${PENDING} LIMIT 1`).get() !== undefined
    )
  }

  laneCounts(): Map<string, StateCounts> {
    const rows = this.db
      .prepare(
        `SELECT portal_id, state, COUNT(*) AS n FROM outbox_operations
        WHERE job_id IN (SELECT id FROM outbox_jobs WHERE finished_at IS NULL) GROUP BY portal_id, state`
      )
      .all() as Array<{ portal_id: string; state: OperationState; n: number }>
    const out = new Map<string, StateCounts>()
    for (const r of rows) {
      const c = out.get(r.portal_id) ?? emptyCounts()
      c[r.state] = r.n
      out.set(r.portal_id, c)
    }
    return out
  }

  operations(jobId: number, states?: readonly OperationState[]): OperationView[] {
    const filter = states && states.length > 0 ? ` AND state IN (${states.map(() => '?').join(',')})` : ''
    const rows = this.db
      .prepare(`SELECT * FROM outbox_operations WHERE job_id = ?${filter} ORDER BY id`)
      .all(jobId, ...(states ?? [])) as unknown as OperationRow[]
    return rows.map(toOperationView)
  }
}
