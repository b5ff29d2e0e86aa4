/** Jobs: recording a request's intents (in chunks, all or nothing), their flags, and their summaries. */
import { hostname } from 'node:os'
import type { StatementSync } from 'node:sqlite'
import type { Database } from '../db/database'
import { transaction } from '../db/database'
import type { Intent, JobState, JobSummary, OperationState, StateCounts } from '../../../shared/domain/outbox'
import { localize } from '../app/language'
import { SUPERSEDE_OLDER_SQL, supersededWithin } from './coalesce'
import type { LaneStateStore } from './lane-state-store'
import { messages } from './messages'
import { assertStartWithinAYear } from './schedule-store'
import { chunks, emptyCounts, refreshJobs } from './store-common'

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

export interface StoreOptions {
  /** Intents recorded per write transaction when a job is large (see enqueue). */
  enqueueChunk?: number
  /** Lets other writers in between two chunks; by default one turn of the event loop. */
  yieldBetweenChunks?: () => Promise<void>
  pid?: number
  host?: string
}

const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r))

/** Reads and writes of `outbox_jobs`, and the recording of a job's operations; changes commit before returning. */
export class JobsStore {
  private readonly chunk: number
  private readonly yieldBetween: () => Promise<void>
  private readonly pid: number
  private readonly host: string
  private readonly stmts: {
    insertJob: StatementSync
    insertOp: StatementSync
    supersede: StatementSync
    supersedeOne: StatementSync
    getJob: StatementSync
  }

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
    private readonly lanes: LaneStateStore,
    opts: StoreOptions = {}
  ) {
    this.chunk = Math.max(1, opts.enqueueChunk ?? 2_000)
    this.yieldBetween = opts.yieldBetweenChunks ?? nextTurn
    this.pid = opts.pid ?? process.pid
    this.host = opts.host ?? hostname()
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
        refreshJobs(this.db, [jobId], this.now())
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
    refreshJobs(this.db, [...touchedJobs], now)
    this.lanes.touchLanes(
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
      refreshJobs(this.db, [...new Set([jobId, ...restored.map((r) => r.job_id)])], now)
    })
  }

  /** What a restore's read-back found: whether the portal matches the snapshot, and how many objects do not. */
  setRestoreResult(jobId: number, matches: boolean, differences: number): void {
    this.db
      .prepare('UPDATE outbox_jobs SET restore_matches = ?, restore_differences = ? WHERE id = ?')
      .run(matches ? 1 : 0, differences, jobId)
  }

  setJobPaused(jobId: number, paused: boolean): void {
    this.db.prepare('UPDATE outbox_jobs SET paused = ? WHERE id = ?').run(paused ? 1 : 0, jobId)
  }

  jobExists(jobId: number): boolean {
    return this.stmts.getJob.get(jobId) !== undefined
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
}
