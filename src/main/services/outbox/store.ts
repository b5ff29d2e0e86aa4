/** The outbox's one door to its tables: opens the schema and hands each call to the store of its concern. */
import type { Database } from '../db/database'
import { migrate } from '../db/database'
import type {
  Intent,
  JobSummary,
  LaneState,
  OperationState,
  OperationView,
  StateCounts
} from '../../../shared/domain/outbox'
import { outboxMigrations } from './schema'
import type { SavedMethodBudget } from './pacer'
import { JobsStore, type EnqueueOptions, type StoreOptions } from './jobs-store'
import { LaneStateStore, type LaneFlight, type LaneRow } from './lane-state-store'
import { OperationsStore, type OperationError, type Outcome, type QueuedOperation } from './operations-store'
import { ScheduleStore } from './schedule-store'

export { OPERATION_STATES, emptyCounts } from './store-common'
export type { EnqueueOptions, StoreOptions } from './jobs-store'
export { DEFAULT_MAX_LATE_MS, LATE_AFTER_MS, MAX_SCHEDULE_AHEAD_MS } from './schedule-store'
export type { LaneFlight, LaneLowered, LaneRow } from './lane-state-store'
export type { OperationError, Outcome, QueuedOperation } from './operations-store'

/**
 * Every read and write of the outbox tables. Each method that changes state commits before it
 * returns, so whatever the process does next, the database already says what happened. The work is
 * done by one store per concern: jobs-store.ts (recording jobs, their summaries), schedule-store.ts
 * (scheduled starts), operations-store.ts (the queue), lane-state-store.ts (lanes and budgets); the
 * tables are schema.ts's, the read-back's changes changes-store.ts's, lane memory lane-memory.ts's.
 */
export class OutboxStore {
  private readonly jobStore: JobsStore
  private readonly scheduleStore: ScheduleStore
  private readonly operationStore: OperationsStore
  private readonly laneStore: LaneStateStore

  constructor(db: Database, now: () => number, opts: StoreOptions = {}) {
    migrate(db, 'outbox', outboxMigrations)
    this.laneStore = new LaneStateStore(db, now)
    this.jobStore = new JobsStore(db, now, this.laneStore, opts)
    this.scheduleStore = new ScheduleStore(db, now)
    this.operationStore = new OperationsStore(db, now, this.scheduleStore, this.laneStore)
  }

  // Jobs (jobs-store.ts).

  /** One job for the intents; older queued intents on the same targets are superseded (see JobsStore). */
  enqueue(title: string, intents: readonly Intent[], opts: EnqueueOptions = {}): Promise<number> {
    return this.jobStore.enqueue(title, intents, opts)
  }

  /** Rolls back jobs left half-recorded by a dead process of this machine; answers how many. */
  recoverInterrupted(isAlive: (pid: number) => boolean): number {
    return this.jobStore.recoverInterrupted(isAlive)
  }

  /** What a restore's read-back found: whether the portal matches the snapshot, and how many objects do not. */
  setRestoreResult(jobId: number, matches: boolean, differences: number): void {
    this.jobStore.setRestoreResult(jobId, matches, differences)
  }

  setJobPaused(jobId: number, paused: boolean): void {
    this.jobStore.setJobPaused(jobId, paused)
  }

  jobExists(jobId: number): boolean {
    return this.jobStore.jobExists(jobId)
  }

  /** Unfinished jobs plus the most recent finished ones (history). */
  jobs(finishedLimit = 20): JobSummary[] {
    return this.jobStore.jobs(finishedLimit)
  }

  job(jobId: number): JobSummary | undefined {
    return this.jobStore.job(jobId)
  }

  // Scheduled starts (schedule-store.ts).

  /** Scheduled jobs whose time has come start; answers the started job ids. */
  startDueJobs(): number[] {
    return this.scheduleStore.startDueJobs()
  }

  /** A new start time for a job that has not started (null: now); false when it has started already. */
  reschedule(jobId: number, startAt: string | null): boolean {
    return this.scheduleStore.reschedule(jobId, startAt)
  }

  // The queue (operations-store.ts).

  /** Queued operations the lane may send now, oldest first; paused jobs and delayed retries are left out. */
  peekQueued(portalId: string, now: number, limit: number): QueuedOperation[] {
    return this.operationStore.peekQueued(portalId, now, limit)
  }

  /** When the lane's earliest delayed operation becomes due (null when it has nothing to send). */
  nextDue(portalId: string): number | null {
    return this.operationStore.nextDue(portalId)
  }

  /** queued -> sending for those of `ids` still queued, stamped with the runner's lock `token`. */
  claim(ids: readonly number[], token: string): Set<number> {
    return this.operationStore.claim(ids, token)
  }

  /** Applies a batch's outcomes in one commit, only to rows still claimed by `token`; answers the done ids. */
  complete(outcomes: readonly Outcome[], token: string): Set<number> {
    return this.operationStore.complete(outcomes, token)
  }

  /** Whatever was being sent goes back to the queue, marked to be read back first. */
  recoverSending(): number {
    return this.operationStore.recoverSending()
  }

  /** The read-back of these operations is done (or impossible): from now on they are sent as usual. */
  clearRecheck(ids: readonly number[]): void {
    this.operationStore.clearRecheck(ids)
  }

  cancel(jobId: number, operationIds?: readonly number[]): number {
    return this.operationStore.cancel(jobId, operationIds)
  }

  /** Everything still to send for a portal that no longer exists is cancelled with `reason`; its lane goes. */
  cancelPortal(portalId: string, reason: OperationError): number {
    return this.operationStore.cancelPortal(portalId, reason)
  }

  /** Failed operations of the job go back to the queue, unless something newer on the target was accepted. */
  retryFailed(jobId: number): number {
    return this.operationStore.retryFailed(jobId)
  }

  /** Portals with queued work and when it is due; the runner polls this to pick up other processes' work. */
  pendingPortals(): Array<{ portalId: string; due: number }> {
    return this.operationStore.pendingPortals()
  }

  hasPending(): boolean {
    return this.operationStore.hasPending()
  }

  laneCounts(): Map<string, StateCounts> {
    return this.operationStore.laneCounts()
  }

  operations(jobId: number, states?: readonly OperationState[]): OperationView[] {
    return this.operationStore.operations(jobId, states)
  }

  // Lanes and budgets (lane-state-store.ts).

  forgetLane(portalId: string): void {
    this.laneStore.forgetLane(portalId)
  }

  saveBudget(portalId: string, methods: readonly SavedMethodBudget[]): void {
    this.laneStore.saveBudget(portalId, methods)
  }

  /** What the lane's last run knew about the portal's operating-time budget; unreadable rows are skipped. */
  loadBudget(portalId: string): SavedMethodBudget[] {
    return this.laneStore.loadBudget(portalId)
  }

  setLanePaused(portalId: string, paused: boolean): void {
    this.laneStore.setLanePaused(portalId, paused)
  }

  /** What the runner is doing on a lane, kept in the database so another process can show it too. */
  setLaneStatus(
    portalId: string,
    state: LaneState,
    reason: string | null,
    nextAttemptAt: number | null
  ): void {
    this.laneStore.setLaneStatus(portalId, state, reason, nextAttemptAt)
  }

  /** The lane's requests in flight and window, written by the runner as they change. */
  setLaneFlight(portalId: string, f: LaneFlight): void {
    this.laneStore.setLaneFlight(portalId, f)
  }

  lanes(): LaneRow[] {
    return this.laneStore.lanes()
  }

  isLanePaused(portalId: string): boolean {
    return this.laneStore.isLanePaused(portalId)
  }
}
