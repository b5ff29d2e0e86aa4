import { hostname } from 'node:os'
import type { StatementSync } from 'node:sqlite'
import type { Database } from '../db/database'
import { migrate, transaction } from '../db/database'
import type {
  Intent,
  JobState,
  JobSummary,
  LaneState,
  OperationState,
  OperationView,
  StateCounts
} from '../../../shared/domain/outbox'
import { operationStateSchema } from '../../../shared/domain/outbox'
import type { LandingScope } from '../../../shared/domain/catalog'
import { outboxMigrations } from './schema'
import { SUPERSEDE_OLDER_SQL, SUPERSEDE_WHEN_DUE_SQL, supersededWithin } from './coalesce'
import type { SavedMethodBudget } from './pacer'
import { localize } from '../app/language'
import { messages } from './messages'
import { AppError } from '../errors'

export const OPERATION_STATES: readonly OperationState[] = operationStateSchema.options
const PENDING = "('queued','sending')"
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

interface JobRow {
  id: number
  title: string
  created_at: number
  finished_at: number | null
  paused: number
  total: number
  sealed: number
  start_at: string | null
  due_at: number | null
  started_at: number | null
  late_by_ms: number | null
  max_late_ms: number | null
  missed_at: number | null
  restore_snapshot_id: number | null
  restore_matches: number | null
  restore_differences: number | null
}

/** How a job is queued besides its intents (issue 13). */
export interface EnqueueOptions {
  /** Start at this time, as the person gave it (ISO 8601 with offset); absent = now. */
  startAt?: string
  /** One per intent: nothing of a later phase is sent while one of a lower phase (same job and portal) is pending. */
  phases?: readonly number[]
  /** The job restores this snapshot: its read-back result is kept with the job. */
  restoreSnapshotId?: number
  /** How late a scheduled job may still start (ms); later, it waits as missed. Default DEFAULT_MAX_LATE_MS. */
  maxLateMs?: number
  /** Each portal's identity now (portalIdentity), recorded with its operations. */
  identities?: ReadonlyMap<string, string>
}

/**
 * A scheduled job found more than this past its time (the app was closed for a day, the machine was
 * off for weeks) does not start blindly: it waits, marked as having missed its time, until it is
 * rescheduled or started by hand. Settable per job (EnqueueOptions.maxLateMs).
 */
export const DEFAULT_MAX_LATE_MS = 24 * 3_600_000

/** The furthest ahead a job may be scheduled: a start time years away is a typo. */
export const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 3_600_000

/** Refuses a start time more than MAX_SCHEDULE_AHEAD_MS ahead of `now`, in the person's language. */
const assertStartWithinAYear = (startAt: string, now: number): void => {
  if (Date.parse(startAt) - now <= MAX_SCHEDULE_AHEAD_MS) return
  throw new AppError('START_TOO_FAR', localize(messages.startTooFar, { startAt }), { category: 'permanent' })
}

/** A scheduled job that starts later than this after its time says it started late (app closed, machine asleep). */
export const LATE_AFTER_MS = 5_000

/** Operations of the job and portal in a lower phase still pending hold back a later phase. */
const PHASE_CLEAR = `NOT EXISTS (SELECT 1 FROM outbox_operations p WHERE p.job_id = o.job_id
  AND p.portal_id = o.portal_id AND p.state IN ('queued','sending') AND p.phase < o.phase)`
/** A scheduled job's operations wait until it has started. */
const STARTED = '(j.start_at IS NULL OR j.started_at IS NOT NULL)'

interface LaneDbRow {
  portal_id: string
  paused: number
  state: LaneState
  reason: string | null
  next_attempt_at: number | null
  in_flight: number
  window_size: number
  ceiling: number | null
  lowered: string | null
}

/** Why a lane last lowered its window: `reason` is built when shown, so it follows the language. */
export interface LaneLowered {
  to: number
  at: number
  /** A message key of ./messages and its values. */
  why: { key: keyof typeof messages; values: Record<string, string | number> }
}

/** What a lane's requests in flight look like, kept in the database for every process to show. */
export interface LaneFlight {
  inFlight: number
  window: number
  ceiling: number
  lowered: LaneLowered | null
}

export interface LaneRow {
  portalId: string
  paused: boolean
  state: LaneState
  reason: string | null
  nextAttemptAt: number | null
  flight: LaneFlight
}

const parseLowered = (text: string | null): LaneLowered | null => {
  if (!text) return null
  try {
    const v = JSON.parse(text) as LaneLowered
    return typeof v.to === 'number' && typeof v.at === 'number' && v.why && v.why.key in messages ? v : null
  } catch {
    return null
  }
}

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

export const emptyCounts = (): StateCounts => ({
  queued: 0,
  sending: 0,
  done: 0,
  failed: 0,
  mismatch: 0,
  superseded: 0,
  cancelled: 0
})

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

/** SQLite caps bound parameters; long id lists go in slices. */
const chunks = <T>(items: readonly T[], size = 400): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

export interface StoreOptions {
  /** Intents recorded per write transaction when a job is large (see enqueue). */
  enqueueChunk?: number
  /** Lets other writers in between two chunks; by default one turn of the event loop. */
  yieldBetweenChunks?: () => Promise<void>
  pid?: number
  host?: string
}

const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r))

/**
 * Every read and write of the outbox tables. Each method that changes state commits before it
 * returns, so whatever the process does next, the database already says what happened.
 */
export class OutboxStore {
  private readonly db: Database
  private readonly now: () => number
  private readonly chunk: number
  private readonly yieldBetween: () => Promise<void>
  private readonly pid: number
  private readonly host: string
  private readonly stmts: {
    insertJob: StatementSync
    insertOp: StatementSync
    supersede: StatementSync
    supersedeOne: StatementSync
    peek: StatementSync
    nextNotBefore: StatementSync
    getJob: StatementSync
  }

  constructor(db: Database, now: () => number, opts: StoreOptions = {}) {
    this.db = db
    this.now = now
    this.chunk = Math.max(1, opts.enqueueChunk ?? 2_000)
    this.yieldBetween = opts.yieldBetweenChunks ?? nextTurn
    this.pid = opts.pid ?? process.pid
    this.host = opts.host ?? hostname()
    migrate(db, 'outbox', outboxMigrations)
    this.stmts = {
      insertJob: db.prepare(
        `INSERT INTO outbox_jobs (title, created_at, total, sealed, loading_pid, loading_host)
        VALUES (?, ?, ?, ?, ?, ?) RETURNING id`
      ),
      insertOp: db.prepare(`INSERT INTO outbox_operations
        (job_id, portal_id, kind, target_id, scope, action, label, state, created_at, updated_at, phase, portal_identity)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
      supersede: db.prepare(SUPERSEDE_OLDER_SQL),
      supersedeOne: db.prepare(
        "UPDATE outbox_operations SET state = 'superseded', superseded_by = ?, updated_at = ? WHERE id = ?"
      ),
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
          AND ${PHASE_CLEAR}`),
      getJob: db.prepare('SELECT * FROM outbox_jobs WHERE id = ?')
    }
  }

  /**
   * One job for the intents; older queued intents on the same targets are superseded.
   *
   * A large request is recorded in chunks of `enqueueChunk` intents, one write transaction each,
   * with a turn of the event loop between them: 100,000 intents in one transaction would hold the
   * database's write lock for seconds, and the runner (in this process or another) could not commit
   * a single outcome meanwhile. The job row comes first, marked as still being recorded (sealed = 0,
   * with this process's pid); its operations are not sent until the last chunk seals it. A request
   * is all or nothing for the person who made it: if the process dies half-way, sending the first
   * 40,000 of 100,000 intents would leave the portals in a state nobody asked for. Such a job is
   * rolled back by the next runner (see recoverInterrupted): what it superseded is queued again and
   * its operations are cancelled with a reason, so the person sees what happened and can queue it again.
   */
  async enqueue(title: string, intents: readonly Intent[], opts: EnqueueOptions = {}): Promise<number> {
    const now = this.now()
    if (opts.startAt !== undefined) assertStartWithinAYear(opts.startAt, now)
    const dueAt = opts.startAt !== undefined ? Date.parse(opts.startAt) : now
    // A job scheduled for later replaces nothing now and is replaced by nothing: see startDueJobs.
    const scheduled = dueAt > now
    const chunked = intents.length > this.chunk
    const jobId = transaction(this.db, () => {
      const { id } = this.stmts.insertJob.get(
        title,
        now,
        intents.length,
        chunked ? 0 : 1,
        chunked ? this.pid : null,
        chunked ? this.host : null
      ) as { id: number }
      this.db
        .prepare(
          'UPDATE outbox_jobs SET start_at = ?, due_at = ?, restore_snapshot_id = ?, max_late_ms = ? WHERE id = ?'
        )
        .run(opts.startAt ?? null, dueAt, opts.restoreSnapshotId ?? null, opts.maxLateMs ?? null, id)
      if (!chunked) this.insertChunk(id, intents, now, opts.phases ?? [], scheduled, opts.identities)
      return id
    })
    if (!chunked) return jobId
    try {
      for (let i = 0; i < intents.length; i += this.chunk) {
        await this.yieldBetween()
        transaction(this.db, () =>
          this.insertChunk(
            jobId,
            intents.slice(i, i + this.chunk),
            now,
            (opts.phases ?? []).slice(i, i + this.chunk),
            scheduled,
            opts.identities
          )
        )
      }
      transaction(this.db, () => {
        this.db
          .prepare('UPDATE outbox_jobs SET sealed = 1, loading_pid = NULL, loading_host = NULL WHERE id = ?')
          .run(jobId)
        this.refreshJobs([jobId], this.now())
      })
    } catch (err) {
      this.rollBackInterrupted(jobId)
      throw err
    }
    return jobId
  }

  /** Inserts intents of one job and supersedes what they replace; the caller holds the transaction. */
  private insertChunk(
    jobId: number,
    intents: readonly Intent[],
    now: number,
    phases: readonly number[] = [],
    scheduled = false,
    identities?: ReadonlyMap<string, string>
  ): void {
    const ids: number[] = []
    const touchedJobs = new Set<number>([jobId])
    for (const [n, i] of intents.entries()) {
      const { id } = this.stmts.insertOp.get(
        jobId,
        i.portalId,
        i.kind,
        i.targetId,
        i.scope ?? '',
        i.action,
        i.label ?? null,
        'queued',
        now,
        now,
        phases[n] ?? 0,
        identities?.get(i.portalId) ?? null
      ) as { id: number }
      ids.push(id)
      if (scheduled) continue
      // Also reaches earlier chunks of the same job: they are queued and not sent until it is sealed.
      const older = this.stmts.supersede.all({
        newId: id,
        now,
        portalId: i.portalId,
        kind: i.kind,
        targetId: i.targetId
      }) as Array<{ job_id: number }>
      for (const r of older) touchedJobs.add(r.job_id)
    }
    // Duplicates inside one chunk: the earlier rows were inserted first and already lost to the later.
    supersededWithin(intents).forEach((winner, index) => {
      if (winner !== undefined) this.stmts.supersedeOne.run(ids[winner], now, ids[index])
    })
    this.refreshJobs([...touchedJobs], now)
    this.touchLanes(
      intents.map((i) => i.portalId),
      now
    )
  }

  /**
   * Jobs left half-recorded by a process on this machine that no longer runs (killed, crashed)
   * are rolled back; answers how many. Jobs of other machines (a shared data folder) are left as
   * they are: their pid means nothing here, and the person can cancel them.
   */
  recoverInterrupted(isAlive: (pid: number) => boolean): number {
    const rows = this.db
      .prepare('SELECT id, loading_pid, loading_host FROM outbox_jobs WHERE sealed = 0')
      .all() as Array<{ id: number; loading_pid: number | null; loading_host: string | null }>
    let n = 0
    for (const r of rows) {
      if (r.loading_host !== this.host || r.loading_pid === null) continue
      if (r.loading_pid === this.pid || isAlive(r.loading_pid)) continue
      this.rollBackInterrupted(r.id)
      n++
    }
    return n
  }

  /** Undo a half-recorded job: what it superseded goes back to the queue, its own operations are cancelled. */
  private rollBackInterrupted(jobId: number): void {
    const now = this.now()
    transaction(this.db, () => {
      // Unless something newer than the job on the same target was accepted since: it has the last word.
      const restored = this.db
        .prepare(
          `UPDATE outbox_operations AS o SET state = 'queued', superseded_by = NULL, updated_at = ?
          WHERE o.state = 'superseded' AND o.job_id != ?
            AND o.superseded_by IN (SELECT id FROM outbox_operations WHERE job_id = ?)
            AND NOT EXISTS (SELECT 1 FROM outbox_operations n WHERE n.portal_id = o.portal_id AND n.kind = o.kind
              AND n.target_id = o.target_id AND n.id > o.id AND n.job_id != ? AND n.state IN ('queued','sending','done'))
          RETURNING job_id`
        )
        .all(now, jobId, jobId, jobId) as Array<{ job_id: number }>
      const recorded = Number(
        (
          this.db.prepare('SELECT COUNT(*) AS n FROM outbox_operations WHERE job_id = ?').get(jobId) as {
            n: number
          }
        ).n
      )
      const total = Number((this.stmts.getJob.get(jobId) as JobRow | undefined)?.total ?? recorded)
      this.db
        .prepare(
          `UPDATE outbox_operations SET state = 'cancelled', error_code = 'ENQUEUE_INTERRUPTED', error_message = ?,
          error_category = 'permanent', updated_at = ? WHERE job_id = ? AND state = 'queued'`
        )
        .run(localize(messages.enqueueInterrupted, { recorded, count: total }), now, jobId)
      this.db
        .prepare('UPDATE outbox_jobs SET sealed = 1, loading_pid = NULL, loading_host = NULL WHERE id = ?')
        .run(jobId)
      this.refreshJobs([...new Set([jobId, ...restored.map((r) => r.job_id)])], now)
    })
  }

  /** Queued operations the lane may send now, oldest first; paused jobs and delayed retries are left out. */
  peekQueued(portalId: string, now: number, limit: number): QueuedOperation[] {
    // Scheduled jobs whose time has come start before anything is chosen, so what they replace is not sent.
    this.startDueJobs()
    return (this.stmts.peek.all(portalId, now, limit) as unknown as OperationRow[]).map(toQueued)
  }

  /**
   * Scheduled jobs whose time has come start: each, in the order of their times, records when it
   * started (and how late, when the app was closed or the machine asleep at its time) and its
   * intents replace the queued ones on the same targets that took effect before it. Answers the
   * started job ids. Cheap when nothing is waiting (a partial index holds only waiting jobs).
   */
  startDueJobs(): number[] {
    const now = this.now()
    const due = this.db
      .prepare(
        `SELECT id, due_at, max_late_ms FROM outbox_jobs WHERE start_at IS NOT NULL AND started_at IS NULL
        AND due_at <= ? AND sealed = 1 AND missed_at IS NULL ORDER BY due_at, id`
      )
      .all(now) as Array<{ id: number; due_at: number; max_late_ms: number | null }>
    if (due.length === 0) return []
    const supersede = this.db.prepare(SUPERSEDE_WHEN_DUE_SQL)
    const started: number[] = []
    for (const job of due) {
      if (now - job.due_at > (job.max_late_ms ?? DEFAULT_MAX_LATE_MS)) {
        // Past its lateness: held, marked, until rescheduled or started by hand (reschedule).
        this.db
          .prepare('UPDATE outbox_jobs SET missed_at = ? WHERE id = ? AND missed_at IS NULL')
          .run(now, job.id)
        continue
      }
      started.push(job.id)
      transaction(this.db, () => {
        const late = now - job.due_at
        const started = this.db
          .prepare(
            'UPDATE outbox_jobs SET started_at = ?, late_by_ms = ? WHERE id = ? AND started_at IS NULL RETURNING id'
          )
          .get(now, late > LATE_AFTER_MS ? late : null, job.id)
        if (!started) return
        const touched = new Set<number>()
        const ops = this.db
          .prepare(
            "SELECT id, portal_id, kind, target_id FROM outbox_operations WHERE job_id = ? AND state = 'queued'"
          )
          .all(job.id) as Array<{ id: number; portal_id: string; kind: string; target_id: number }>
        for (const o of ops) {
          for (const r of supersede.all({
            newId: o.id,
            now,
            portalId: o.portal_id,
            kind: o.kind,
            targetId: o.target_id,
            jobId: job.id,
            due: job.due_at
          }) as Array<{ job_id: number }>)
            touched.add(r.job_id)
        }
        this.refreshJobs([...touched], now)
      })
    }
    return started
  }

  /**
   * A new start time for a job that has not started (null: now). Answers false when the job has
   * started already (or was never scheduled and is under way).
   */
  reschedule(jobId: number, startAt: string | null): boolean {
    const now = this.now()
    return transaction(this.db, () => {
      const row = this.stmts.getJob.get(jobId) as JobRow | undefined
      if (!row || row.finished_at !== null || row.start_at === null || row.started_at !== null) return false
      if (startAt !== null) {
        assertStartWithinAYear(startAt, now)
        this.db
          .prepare('UPDATE outbox_jobs SET start_at = ?, due_at = ?, missed_at = NULL WHERE id = ?')
          .run(startAt, Date.parse(startAt), jobId)
        return true
      }
      // Now (also how a job that missed its time is started by hand): the job becomes an ordinary
      // one that takes effect at this moment.
      this.db
        .prepare('UPDATE outbox_jobs SET start_at = NULL, due_at = ?, missed_at = NULL WHERE id = ?')
        .run(now, jobId)
      const touched = new Set<number>()
      const supersede = this.db.prepare(SUPERSEDE_WHEN_DUE_SQL)
      for (const o of this.db
        .prepare(
          "SELECT id, portal_id, kind, target_id FROM outbox_operations WHERE job_id = ? AND state = 'queued'"
        )
        .all(jobId) as Array<{ id: number; portal_id: string; kind: string; target_id: number }>) {
        for (const r of supersede.all({
          newId: o.id,
          now,
          portalId: o.portal_id,
          kind: o.kind,
          targetId: o.target_id,
          jobId,
          due: now
        }) as Array<{ job_id: number }>)
          touched.add(r.job_id)
      }
      this.refreshJobs([...touched], now)
      return true
    })
  }

  /** What a restore's read-back found: whether the portal matches the snapshot, and how many objects do not. */
  setRestoreResult(jobId: number, matches: boolean, differences: number): void {
    this.db
      .prepare('UPDATE outbox_jobs SET restore_matches = ?, restore_differences = ? WHERE id = ?')
      .run(matches ? 1 : 0, differences, jobId)
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
      this.refreshJobs([...jobs], now)
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
      this.refreshJobs([jobId], now)
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
      this.refreshJobs([...new Set(rows.map((r) => r.job_id))], now)
      this.forgetLane(portalId)
      return rows.length
    })
  }

  forgetLane(portalId: string): void {
    this.db.prepare('DELETE FROM outbox_lanes WHERE portal_id = ?').run(portalId)
    this.db.prepare('DELETE FROM outbox_budget WHERE portal_id = ?').run(portalId)
  }

  saveBudget(portalId: string, methods: readonly SavedMethodBudget[]): void {
    if (methods.length === 0) return
    const now = this.now()
    const stmt = this.db
      .prepare(`INSERT INTO outbox_budget (portal_id, method, state, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (portal_id, method) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`)
    transaction(this.db, () => {
      for (const m of methods) stmt.run(portalId, m.method, JSON.stringify(m), now)
    })
  }

  /** What the lane's last run knew about the portal's operating-time budget; unreadable rows are skipped. */
  loadBudget(portalId: string): SavedMethodBudget[] {
    const rows = this.db
      .prepare('SELECT state FROM outbox_budget WHERE portal_id = ?')
      .all(portalId) as Array<{ state: string }>
    const out: SavedMethodBudget[] = []
    for (const r of rows) {
      try {
        const v = JSON.parse(r.state) as SavedMethodBudget
        if (typeof v.method === 'string' && Array.isArray(v.spends)) out.push(v)
      } catch {
        // A row from a damaged write costs at most one cautious first command.
      }
    }
    return out
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
      this.refreshJobs([jobId], now)
      return n
    })
  }

  setJobPaused(jobId: number, paused: boolean): void {
    this.db.prepare('UPDATE outbox_jobs SET paused = ? WHERE id = ?').run(paused ? 1 : 0, jobId)
  }

  jobExists(jobId: number): boolean {
    return this.stmts.getJob.get(jobId) !== undefined
  }

  setLanePaused(portalId: string, paused: boolean): void {
    this.db
      .prepare(
        `INSERT INTO outbox_lanes (portal_id, paused, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (portal_id) DO UPDATE SET paused = excluded.paused, updated_at = excluded.updated_at`
      )
      .run(portalId, paused ? 1 : 0, this.now())
  }

  /** What the runner is doing on a lane, kept in the database so another process can show it too. */
  setLaneStatus(
    portalId: string,
    state: LaneState,
    reason: string | null,
    nextAttemptAt: number | null
  ): void {
    this.db
      .prepare(
        `INSERT INTO outbox_lanes (portal_id, state, reason, next_attempt_at, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (portal_id) DO UPDATE SET state = excluded.state, reason = excluded.reason,
          next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at`
      )
      .run(portalId, state, reason, nextAttemptAt, this.now())
  }

  /** The lane's requests in flight and window, written by the runner as they change. */
  setLaneFlight(portalId: string, f: LaneFlight): void {
    this.db
      .prepare(
        `INSERT INTO outbox_lanes (portal_id, in_flight, window_size, ceiling, lowered, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (portal_id) DO UPDATE SET in_flight = excluded.in_flight, window_size = excluded.window_size,
          ceiling = excluded.ceiling, lowered = excluded.lowered, updated_at = excluded.updated_at`
      )
      .run(
        portalId,
        f.inFlight,
        f.window,
        f.ceiling,
        f.lowered ? JSON.stringify(f.lowered) : null,
        this.now()
      )
  }

  lanes(): LaneRow[] {
    const rows = this.db
      .prepare(
        `SELECT portal_id, paused, state, reason, next_attempt_at, in_flight, window_size, ceiling, lowered
        FROM outbox_lanes ORDER BY portal_id`
      )
      .all() as unknown as LaneDbRow[]
    return rows.map((r) => ({
      portalId: r.portal_id,
      paused: r.paused === 1,
      state: r.state,
      reason: r.reason,
      nextAttemptAt: r.next_attempt_at,
      flight: {
        inFlight: r.in_flight,
        window: r.window_size,
        // 0: no runner has written it yet (the snapshot then asks the portal's setting).
        ceiling: r.ceiling ?? 0,
        lowered: parseLowered(r.lowered)
      }
    }))
  }

  isLanePaused(portalId: string): boolean {
    const row = this.db.prepare('SELECT paused FROM outbox_lanes WHERE portal_id = ?').get(portalId) as
      { paused: number } | undefined
    return row?.paused === 1
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

  /** Unfinished jobs plus the most recent finished ones (history). */
  jobs(finishedLimit = 20): JobSummary[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM (SELECT * FROM outbox_jobs WHERE finished_at IS NULL
        UNION ALL SELECT * FROM (SELECT * FROM outbox_jobs WHERE finished_at IS NOT NULL ORDER BY finished_at DESC, id DESC LIMIT ?))
        ORDER BY id DESC`
      )
      .all(finishedLimit) as unknown as JobRow[]
    return this.summaries(rows)
  }

  job(jobId: number): JobSummary | undefined {
    const row = this.stmts.getJob.get(jobId) as JobRow | undefined
    return row ? this.summaries([row])[0] : undefined
  }

  operations(jobId: number, states?: readonly OperationState[]): OperationView[] {
    const filter = states && states.length > 0 ? ` AND state IN (${states.map(() => '?').join(',')})` : ''
    const rows = this.db
      .prepare(`SELECT * FROM outbox_operations WHERE job_id = ?${filter} ORDER BY id`)
      .all(jobId, ...(states ?? [])) as unknown as OperationRow[]
    return rows.map(toOperationView)
  }

  private summaries(rows: readonly JobRow[]): JobSummary[] {
    if (rows.length === 0) return []
    const ids = rows.map((r) => r.id)
    const counts = new Map<number, StateCounts>()
    const portals = new Map<number, string[]>()
    const changes = new Map<number, number>()
    for (const part of chunks(ids)) {
      const marks = part.map(() => '?').join(',')
      for (const c of this.db
        .prepare(
          `SELECT job_id, state, COUNT(*) AS n FROM outbox_operations WHERE job_id IN (${marks}) GROUP BY job_id, state`
        )
        .all(...part) as Array<{ job_id: number; state: OperationState; n: number }>) {
        const k = counts.get(c.job_id) ?? emptyCounts()
        k[c.state] = c.n
        counts.set(c.job_id, k)
      }
      for (const p of this.db
        .prepare(
          `SELECT DISTINCT job_id, portal_id FROM outbox_operations WHERE job_id IN (${marks}) ORDER BY portal_id`
        )
        .all(...part) as Array<{ job_id: number; portal_id: string }>) {
        portals.set(p.job_id, [...(portals.get(p.job_id) ?? []), p.portal_id])
      }
      for (const c of this.db
        .prepare(
          `SELECT job_id, COUNT(*) AS n FROM outbox_job_changes WHERE job_id IN (${marks}) GROUP BY job_id`
        )
        .all(...part) as Array<{ job_id: number; n: number }>) {
        changes.set(c.job_id, c.n)
      }
    }
    return rows.map((r) => {
      const state: JobState = r.finished_at !== null ? 'finished' : r.paused ? 'paused' : 'active'
      return {
        id: r.id,
        title: r.title,
        createdAt: r.created_at,
        finishedAt: r.finished_at,
        state,
        total: r.total,
        counts: counts.get(r.id) ?? emptyCounts(),
        portalIds: portals.get(r.id) ?? [],
        changes: changes.get(r.id) ?? 0,
        startAt: r.start_at ?? null,
        startedAt: r.started_at ?? null,
        lateByMs: r.late_by_ms ?? null,
        missedAt: r.missed_at ?? null,
        restore:
          r.restore_snapshot_id !== null && r.restore_snapshot_id !== undefined
            ? {
                snapshotId: r.restore_snapshot_id,
                matches: r.restore_matches === null ? null : r.restore_matches === 1,
                differences: r.restore_differences ?? 0
              }
            : null
      }
    })
  }

  /** A job is finished exactly when it is recorded whole and none of its operations can still change. */
  private refreshJobs(jobIds: readonly number[], now: number): void {
    const stmt = this.db.prepare(`UPDATE outbox_jobs SET finished_at = CASE
        WHEN sealed = 0 OR EXISTS (SELECT 1 FROM outbox_operations WHERE job_id = outbox_jobs.id AND state IN ${PENDING}) THEN NULL
        ELSE COALESCE(finished_at, ?) END WHERE id = ?`)
    for (const id of jobIds) stmt.run(now, id)
  }

  private touchLanes(portalIds: readonly string[], now: number): void {
    const stmt = this.db.prepare(
      'INSERT INTO outbox_lanes (portal_id, updated_at) VALUES (?, ?) ON CONFLICT (portal_id) DO NOTHING'
    )
    for (const p of new Set(portalIds)) stmt.run(p, now)
  }
}
