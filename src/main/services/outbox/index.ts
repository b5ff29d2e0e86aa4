import type { Database } from '../db/database'
import type { LandingScope } from '../../../shared/domain/catalog'
import type { AppEvents } from '../events'
import type { PortalsService } from '../portals'
import type { Intent, JobSummary, OutboxView, TargetKind } from '../../../shared/domain/outbox'
import { systemClock } from './clock'
import { createJobChangesStore } from './changes-store'
import { createOutboxHandlers, type OutboxHandlers } from './handlers'
import type { LaneStats } from './lane'
import { ProgressThrottle } from './progress'
import { cachedTargets } from '../catalog'
import { ceilingOf, Runner } from './runner'
import { buildOutboxView } from './view'
import { touchedTargets } from './touched'
import { OutboxStore, type EnqueueOptions } from './store'
import type { OutboxTuning } from './tuning'
import { resolveTuning } from './tuning'
import type { Verify } from './verify-types'

export type { OutboxTuning } from './tuning'
export { csvCell } from './export'
export { touchedKey } from './touched'

export type { OutboxHandlers }

export interface OutboxDeps {
  db: Database
  dataDir: string
  events: AppEvents
  log: (line: string) => void
  now: () => number
  portals: PortalsService
  /** Clocks, limits and backoffs for tests and benchmarks; production uses the defaults. */
  tuning?: OutboxTuning
  /**
   * Reads back what each batch changed and says whether the portal shows each intent (issue 9);
   * without it (tests with fake portals), the portal's answer is taken as the truth.
   */
  verify?: Verify
}

export interface OutboxService {
  handlers: OutboxHandlers
  /** Take the runner lock and drain; a process that cannot get the lock only enqueues (and keeps trying). */
  start(): void
  /** Stops draining; requests still in flight after `graceMs` are left in `sending` for the next start to recover. */
  stop(graceMs?: number): Promise<void>
  hasPendingWork(): boolean
  /** What the window shows of the outbox: jobs, lanes, counts. */
  view(): OutboxView
  /** Whether this process is the one draining the outbox right now. */
  isRunner(): boolean
  /** The process that drains the outbox, if any is alive. */
  runnerHolder(): { pid: number; host: string } | null
  /** Per-lane counters of what this process sent (benchmarks, diagnostics). */
  stats(): Record<string, LaneStats>
  /** Another process committed to the outbox (queued, drained): push a fresh view to the window. */
  changedElsewhere(): void
  /**
   * Queues a job with what `outbox:enqueue` cannot say: phases (a restore's order) and the snapshot
   * it restores (issue 13). Wakes the lanes like the handler does.
   */
  enqueueJob(spec: { title: string; intents: Intent[] } & EnqueueOptions): Promise<JobSummary>
  job(jobId: number): JobSummary | undefined
  /** Unfinished jobs and the latest `finishedLimit` finished ones, newest first. */
  jobs(finishedLimit?: number): JobSummary[]
  /**
   * What the cached catalog knows of targets (their landing scope, their title), for callers that
   * queue work by id alone (the command line). Targets it does not know are left out.
   */
  knownTargets(portalId: string, kind: TargetKind, targetIds: readonly number[]): Map<number, KnownTarget>
  setRestoreResult(jobId: number, matches: boolean, differences: number): void
  /** Cancels what of a job has not been sent (all of it, or `operationIds`); answers how many. */
  cancelJob(jobId: number, operationIds?: number[]): Promise<number>
  /** Pauses a portal's lane: nothing more is sent to it until it is resumed. */
  pauseLane(portalId: string): Promise<void>
  /**
   * The objects of a portal this app's jobs are changing, or changed since `since` (epoch ms), as
   * `touchedKey(kind, id)`: the watch leaves them out of what others changed (outbox/touched.ts).
   */
  touchedTargets(portalId: string, since: number): Set<string>
}

export interface KnownTarget {
  /** Absent for documents, which have no landing scope. */
  scope?: LandingScope
  title: string
}

export const createOutboxService = (deps: OutboxDeps): OutboxService => {
  const tuning = resolveTuning(deps.tuning)
  const clock = tuning.clock ?? systemClock(deps.now)
  const store = new OutboxStore(deps.db, deps.now)
  const view = () =>
    buildOutboxView(store, runner.isRunner || runner.holder() !== null, (id) => ceilingOf(deps.portals, id))
  const progress = new ProgressThrottle(tuning.progressIntervalMs, () =>
    deps.events.emit('outbox:progress', view())
  )
  const runner: Runner = new Runner({
    db: deps.db,
    store,
    portals: deps.portals,
    clock,
    tuning,
    wallNow: deps.now,
    log: deps.log,
    onChange: () => progress.changed(),
    verify: deps.verify
  })
  const jobChanges = createJobChangesStore(deps.db)
  // Who each portal is as its work is queued; a portal that cannot say now (keychain locked) gets
  // its work recorded without, and sent as before.
  const identitiesOf = async (portalIds: readonly string[]): Promise<ReadonlyMap<string, string>> => {
    const out = new Map<string, string>()
    for (const id of new Set(portalIds)) {
      try {
        out.set(id, await deps.portals.identityOf(id))
      } catch {
        // Not recorded: see above.
      }
    }
    return out
  }
  const handlers = createOutboxHandlers({
    store,
    identitiesOf,
    view,
    wake: (portalId) => runner.notify(portalId),
    resumeLane: (portalId) => runner.resumeLane(portalId),
    changed: () => progress.changed(),
    changes: (jobId) => jobChanges.forJob(jobId)
  })
  // Every process listens, not only the runner: the one that removes a portal cancels its work.
  const unsubscribeRemoved = deps.portals.onRemoved((portalId) => runner.portalRemoved(portalId))
  return {
    handlers,
    start: () => runner.start(),
    async stop(graceMs?: number) {
      unsubscribeRemoved()
      await runner.stop(graceMs)
      progress.flush()
      progress.dispose()
    },
    hasPendingWork: () => store.hasPending(),
    view,
    isRunner: () => runner.isRunner,
    runnerHolder: () => {
      const h = runner.holder()
      return h ? { pid: h.pid, host: h.host } : null
    },
    stats: () => runner.stats(),
    changedElsewhere: () => progress.changed(),
    async enqueueJob({ title, intents, ...opts }) {
      const identities = await identitiesOf(intents.map((i) => i.portalId))
      const id = await store.enqueue(title, intents, { ...opts, identities })
      for (const portalId of new Set(intents.map((i) => i.portalId))) runner.notify(portalId)
      progress.changed()
      return store.job(id) as JobSummary
    },
    job: (jobId) => store.job(jobId),
    jobs: (finishedLimit) => store.jobs(finishedLimit),
    knownTargets: (portalId, kind, targetIds) => cachedTargets(deps.db, portalId, kind, targetIds),
    setRestoreResult(jobId, matches, differences) {
      store.setRestoreResult(jobId, matches, differences)
      progress.changed()
    },
    // The same paths as the window's buttons (handlers.ts), for services that act on jobs (snapshots, desktop).
    cancelJob: async (jobId, operationIds) => handlers['outbox:cancel']({ jobId, operationIds }),
    pauseLane: async (portalId) => {
      await handlers['outbox:pauseLane']({ portalId })
    },
    touchedTargets: (portalId, since) => touchedTargets(deps.db, portalId, since)
  }
}
