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
import { SUPERSEDE_OLDER_SQL, supersededWithin } from './coalesce'
import type { SavedMethodBudget } from './pacer'

export const OPERATION_STATES: readonly OperationState[] = operationStateSchema.options
const PENDING = "('queued','sending')"

export interface OperationRow {
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
  created_at: number
  updated_at: number
}

interface JobRow {
  id: number
  title: string
  created_at: number
  finished_at: number | null
  paused: number
  total: number
}

export interface LaneRow {
  portal_id: string
  paused: number
  state: LaneState
  reason: string | null
  next_attempt_at: number | null
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
  /** Back to the queue: `notBefore` delays it; `error` keeps the last reason for the person watching. */
  | { id: number; kind: 'requeue'; notBefore: number; error?: OperationError; refundAttempt?: boolean }

export const emptyCounts = (): StateCounts => ({
  queued: 0,
  sending: 0,
  done: 0,
  failed: 0,
  superseded: 0,
  cancelled: 0
})

export const toOperationView = (r: OperationRow): OperationView => ({
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

/**
 * Every read and write of the outbox tables. Each method that changes state commits before it
 * returns, so whatever the process does next, the database already says what happened.
 */
export class OutboxStore {
  private readonly db: Database
  private readonly now: () => number
  private readonly stmts: {
    insertJob: StatementSync
    insertOp: StatementSync
    supersede: StatementSync
    supersedeOne: StatementSync
    peek: StatementSync
    nextNotBefore: StatementSync
    getJob: StatementSync
  }

  constructor(db: Database, now: () => number) {
    this.db = db
    this.now = now
    migrate(db, 'outbox', outboxMigrations)
    this.stmts = {
      insertJob: db.prepare(
        'INSERT INTO outbox_jobs (title, created_at, total) VALUES (?, ?, ?) RETURNING id'
      ),
      insertOp: db.prepare(`INSERT INTO outbox_operations
        (job_id, portal_id, kind, target_id, scope, action, label, state, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
      supersede: db.prepare(SUPERSEDE_OLDER_SQL),
      supersedeOne: db.prepare(
        "UPDATE outbox_operations SET state = 'superseded', superseded_by = ?, updated_at = ? WHERE id = ?"
      ),
      peek: db.prepare(`SELECT o.* FROM outbox_operations o JOIN outbox_jobs j ON j.id = o.job_id
        WHERE o.portal_id = ? AND o.state = 'queued' AND j.paused = 0 AND o.not_before <= ?
        ORDER BY o.id LIMIT ?`),
      nextNotBefore:
        db.prepare(`SELECT MIN(o.not_before) AS at FROM outbox_operations o JOIN outbox_jobs j ON j.id = o.job_id
        WHERE o.portal_id = ? AND o.state = 'queued' AND j.paused = 0`),
      getJob: db.prepare('SELECT * FROM outbox_jobs WHERE id = ?')
    }
  }

  /** One job for the intents; older queued intents on the same targets are superseded in the same commit. */
  enqueue(title: string, intents: readonly Intent[]): number {
    const now = this.now()
    return transaction(this.db, () => {
      const { id: jobId } = this.stmts.insertJob.get(title, now, intents.length) as { id: number }
      const ids: number[] = []
      const touchedJobs = new Set<number>([jobId])
      for (const i of intents) {
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
          now
        ) as { id: number }
        ids.push(id)
        const older = this.stmts.supersede.all({
          newId: id,
          now,
          portalId: i.portalId,
          kind: i.kind,
          targetId: i.targetId
        }) as Array<{ job_id: number }>
        for (const r of older) touchedJobs.add(r.job_id)
      }
      // Duplicates inside one request: the earlier rows were inserted first and already lost to the later.
      supersededWithin(intents).forEach((winner, index) => {
        if (winner !== undefined) this.stmts.supersedeOne.run(ids[winner], now, ids[index])
      })
      this.refreshJobs([...touchedJobs], now)
      this.touchLanes(
        intents.map((i) => i.portalId),
        now
      )
      return jobId
    })
  }

  /** Queued operations the lane may send now, oldest first; paused jobs and delayed retries are left out. */
  peekQueued(portalId: string, now: number, limit: number): OperationRow[] {
    return this.stmts.peek.all(portalId, now, limit) as unknown as OperationRow[]
  }

  /** When the lane's earliest delayed operation becomes due (null when it has nothing to send). */
  nextDue(portalId: string): number | null {
    const row = this.stmts.nextNotBefore.get(portalId) as { at: number | null } | undefined
    return row?.at ?? null
  }

  /** queued -> sending for those of `ids` still queued (a cancel may have raced); returns the claimed ids. */
  claim(ids: readonly number[]): Set<number> {
    const now = this.now()
    const claimed = new Set<number>()
    transaction(this.db, () => {
      for (const part of chunks(ids)) {
        const rows = this.db
          .prepare(
            `UPDATE outbox_operations SET state = 'sending', attempts = attempts + 1, updated_at = ?
            WHERE state = 'queued' AND id IN (${part.map(() => '?').join(',')}) RETURNING id`
          )
          .all(now, ...part) as Array<{ id: number }>
        for (const r of rows) claimed.add(r.id)
      }
    })
    return claimed
  }

  /**
   * Applies a batch's outcomes in one commit: a crash leaves all of them applied or none. Answers
   * the ids that became done; one no longer `sending` (cancelled meanwhile) is not among them.
   */
  complete(outcomes: readonly Outcome[]): Set<number> {
    const doneIds = new Set<number>()
    if (outcomes.length === 0) return doneIds
    const now = this.now()
    const done = this.db
      .prepare(`UPDATE outbox_operations SET state = 'done', error_code = NULL, error_message = NULL,
      error_category = NULL, updated_at = ? WHERE id = ? AND state = 'sending' RETURNING job_id`)
    const failed = this.db
      .prepare(`UPDATE outbox_operations SET state = 'failed', error_code = ?, error_message = ?,
      error_category = ?, updated_at = ? WHERE id = ? AND state = 'sending' RETURNING job_id`)
    const requeue = this.db.prepare(`UPDATE outbox_operations SET state = 'queued', not_before = ?,
      attempts = MAX(0, attempts - ?), error_code = COALESCE(?, error_code), error_message = COALESCE(?, error_message),
      error_category = COALESCE(?, error_category), updated_at = ? WHERE id = ? AND state = 'sending' RETURNING job_id`)
    transaction(this.db, () => {
      const jobs = new Set<number>()
      for (const o of outcomes) {
        let row: { job_id: number } | undefined
        if (o.kind === 'done') row = done.get(now, o.id) as typeof row
        else if (o.kind === 'failed') {
          row = failed.get(o.error.code, o.error.message, o.error.category, now, o.id) as typeof row
        } else {
          row = requeue.get(
            o.notBefore,
            o.refundAttempt ? 1 : 0,
            o.error?.code ?? null,
            o.error?.message ?? null,
            o.error?.category ?? null,
            now,
            o.id
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

  /** After a crash nothing is on the wire any more: whatever was being sent goes back to the queue. */
  recoverSending(): number {
    const now = this.now()
    return Number(
      this.db
        .prepare("UPDATE outbox_operations SET state = 'queued', updated_at = ? WHERE state = 'sending'")
        .run(now).changes
    )
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
   * Failed operations of the job go back to the queue, except where a newer operation on the same
   * target was accepted since: replaying the old intent would undo the newer one.
   */
  retryFailed(jobId: number): number {
    const now = this.now()
    return transaction(this.db, () => {
      const n = Number(
        this.db
          .prepare(
            `UPDATE outbox_operations AS o SET state = 'queued', not_before = 0, attempts = 0, updated_at = ?
            WHERE o.job_id = ? AND o.state = 'failed' AND NOT EXISTS (
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

  lanes(): LaneRow[] {
    return this.db
      .prepare(
        'SELECT portal_id, paused, state, reason, next_attempt_at FROM outbox_lanes ORDER BY portal_id'
      )
      .all() as unknown as LaneRow[]
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
        JOIN outbox_jobs j ON j.id = o.job_id WHERE o.state = 'queued' AND j.paused = 0 GROUP BY o.portal_id`
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
        portalIds: portals.get(r.id) ?? []
      }
    })
  }

  /** A job is finished exactly when none of its operations can still change. */
  private refreshJobs(jobIds: readonly number[], now: number): void {
    const stmt = this.db.prepare(`UPDATE outbox_jobs SET finished_at = CASE
        WHEN EXISTS (SELECT 1 FROM outbox_operations WHERE job_id = outbox_jobs.id AND state IN ${PENDING}) THEN NULL
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
