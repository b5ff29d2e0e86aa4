import type { Database } from '../db/database'
import { localize } from '../app/language'
import type { PortalsService } from '../portals'
import type { RestError } from '../bitrix/types'
import type { Clock } from './clock'
import type { LaneStats, ProbeResult } from './lane'
import { Lane } from './lane'
import { messages } from './messages'
import { pidIsAlive, RunnerLock } from './runner-lock'
import type { OutboxStore } from './store'
import type { Verify } from './verify-types'
import { createCatalogStore } from '../catalog'
import { DEFAULT_MAX_IN_FLIGHT } from '../../../shared/domain/portal'
import { dataVersion } from '../db/other-connections'
import type { ResolvedTuning } from './tuning'
import { createLaneMemoryStore, type LaneMemoryStore } from './lane-memory'

export interface RunnerDeps {
  db: Database
  store: OutboxStore
  portals: PortalsService
  clock: Clock
  tuning: ResolvedTuning
  wallNow: () => number
  log: (line: string) => void
  onChange: () => void
  verify?: Verify
}

/** The person's ceiling of requests in flight on a portal (PortalSummary.maxInFlight). */
export const ceilingOf = (portals: PortalsService, portalId: string): number =>
  portals.get(portalId)?.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT

const probeViaPortals =
  (portals: PortalsService) =>
  async (portalId: string): Promise<ProbeResult> => {
    try {
      const health = await portals.probe(portalId)
      if (health.state === 'auth_failed') return 'auth'
      return health.state === 'unreachable' ? 'unreachable' : 'reachable'
    } catch (err) {
      return (err as RestError).category === 'auth' ? 'auth' : 'unreachable'
    }
  }

/**
 * Drains the outbox when this process holds the runner lock: one lane per portal with work, all in
 * parallel. Polls the database so that work queued by another process (the command line while the
 * app runs, or the other way round) is found without any message between them.
 */
export class Runner {
  private readonly deps: RunnerDeps
  private readonly lock: RunnerLock
  private readonly catalog: ReturnType<typeof createCatalogStore>
  private readonly lanes = new Map<string, Lane>()
  private timer: NodeJS.Timeout | null = null
  private running = false
  private lastDataVersion = -1
  private unsubscribe: (() => void) | null = null
  /** What each lane learned about its portal, for its next job (lane-memory.ts). */
  private readonly memory: LaneMemoryStore

  constructor(deps: RunnerDeps) {
    this.deps = deps
    this.memory = createLaneMemoryStore(deps.db, deps.wallNow)
    this.lock = new RunnerLock(deps.db, { now: deps.wallNow, staleMs: deps.tuning.lockStaleMs })
    this.catalog = createCatalogStore(deps.db)
  }

  get isRunner(): boolean {
    return this.lock.isHeld
  }

  holder(): ReturnType<RunnerLock['holder']> {
    return this.lock.holder()
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.unsubscribe = this.deps.portals.onCredentialsChanged((portalId) =>
      this.lanes.get(portalId)?.credentialsChanged()
    )
    this.tick()
  }

  async stop(graceMs = 5_000): Promise<void> {
    this.running = false
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.unsubscribe?.()
    await Promise.all([...this.lanes.values()].map((l) => l.stop(graceMs)))
    this.lanes.clear()
    this.lock.release()
  }

  /** Wake the lane of a portal (or every lane) to look at the queue now. */
  notify(portalId?: string): void {
    if (!this.lock.isHeld) return
    if (portalId === undefined) {
      this.syncLanes()
      for (const l of this.lanes.values()) l.notify()
    } else this.laneFor(portalId).notify()
  }

  resumeLane(portalId: string): void {
    if (this.lock.isHeld) this.laneFor(portalId).resume()
  }

  /**
   * The portal was removed (in this process, or in another one and seen through the database): its
   * work can never be sent, so it is cancelled and its lane goes away. Runs without the runner lock
   * too: whichever process removes a portal cancels its work.
   */
  portalRemoved(portalId: string): void {
    const n = this.deps.store.cancelPortal(portalId, {
      code: 'PORTAL_REMOVED',
      message: localize(messages.portalRemoved),
      category: 'permanent'
    })
    const lane = this.lanes.get(portalId)
    this.lanes.delete(portalId)
    if (n > 0 || lane)
      this.deps.log(`outbox: portal ${portalId} removed; ${n} operation${n === 1 ? '' : 's'} cancelled`)
    // A batch in flight finishes into cancelled rows and changes nothing; a stopped lane writes no status.
    void lane?.stop(0)
    this.deps.onChange()
  }

  laneState(portalId: string): Lane['state'] | undefined {
    return this.lanes.get(portalId)?.state
  }

  stats(): Record<string, LaneStats> {
    return Object.fromEntries([...this.lanes].map(([id, l]) => [id, { ...l.stats }]))
  }

  private tick = (): void => {
    if (!this.running) return
    try {
      if (this.lock.isHeld) {
        if (!this.lock.heartbeat()) this.lockLost()
        else {
          // Scheduled jobs start on time even on a lane that is backing off and not looking at its queue.
          if (this.deps.store.startDueJobs().length > 0) this.deps.onChange()
          this.pollForWork()
        }
      } else if (this.lock.tryAcquire()) {
        const recovered = this.deps.store.recoverSending()
        this.recoverInterrupted()
        this.deps.log(
          `outbox: this process drains the outbox${recovered ? ` (${recovered} interrupted operations queued again)` : ''}`
        )
        this.syncLanes()
        this.deps.onChange()
      }
    } catch (err) {
      this.deps.log(`outbox: runner: ${err instanceof Error ? err.message : String(err)}`)
    }
    this.timer = setTimeout(this.tick, this.deps.tuning.pollMs)
    this.timer.unref?.()
  }

  /** Another process decided we were dead and took over; stop sending at once. */
  private lockLost(): void {
    if (this.lanes.size === 0 && !this.lock.isHeld) return
    this.deps.log('outbox: runner lock lost; this process stops draining')
    for (const l of this.lanes.values()) void l.stop(0)
    this.lanes.clear()
  }

  /** Jobs another process on this machine was recording when it died are rolled back (store.enqueue). */
  private recoverInterrupted(): void {
    const n = this.deps.store.recoverInterrupted(pidIsAlive)
    if (n > 0) {
      this.deps.log(
        `outbox: ${n} job${n === 1 ? '' : 's'} left half-recorded by a process that stopped ${n === 1 ? 'was' : 'were'} rolled back`
      )
      this.deps.onChange()
    }
  }

  /** `data_version` changes only when another connection commits, so an idle poll costs one pragma. */
  private pollForWork(): void {
    this.recoverInterrupted()
    const version = dataVersion(this.deps.db)
    if (version === this.lastDataVersion) return
    this.lastDataVersion = version
    // Another process may have removed a portal whose lane runs here.
    for (const id of [...this.lanes.keys()]) if (!this.deps.portals.get(id)) this.portalRemoved(id)
    this.syncLanes()
    for (const l of this.lanes.values()) l.notify()
    this.deps.onChange()
  }

  private syncLanes(): void {
    for (const { portalId } of this.deps.store.pendingPortals()) this.laneFor(portalId)
  }

  private laneFor(portalId: string): Lane {
    let lane = this.lanes.get(portalId)
    if (!lane) {
      const t = this.deps.tuning
      lane = new Lane({
        portalId,
        store: this.deps.store,
        clock: this.deps.clock,
        clientFor: (id) => this.deps.portals.clientFor(id),
        identityOf: (id) => this.deps.portals.identityOf(id),
        limitsFor: t.limitsFor,
        ceilingFor: (id) => ceilingOf(this.deps.portals, id),
        fence: { token: this.lock.fenceToken, holds: () => this.lock.stillHeld() },
        lockLost: () => this.lockLost(),
        window: t.window,
        verify: this.deps.verify,
        placesOf: (id, ids) => this.catalog.placesOf(id, ids),
        probe: t.probe ?? probeViaPortals(this.deps.portals),
        reportOutcome: (id, err) => {
          try {
            this.deps.portals.reportOutcome(id, err)
          } catch (e) {
            this.deps.log(`outbox: reportOutcome failed: ${String(e)}`)
          }
        },
        portalGone: (id) => this.portalRemoved(id),
        retry: t.retry,
        budget: t.budget,
        maxBatch: t.maxBatch,
        minBudgetBatch: t.minBudgetBatch,
        random: t.random,
        onChange: this.deps.onChange,
        memory: this.memory,
        log: this.deps.log
      })
      this.lanes.set(portalId, lane)
      lane.start()
    }
    return lane
  }
}
