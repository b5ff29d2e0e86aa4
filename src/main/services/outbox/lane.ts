import type { LaneState } from '../../../shared/domain/outbox'
import { localize } from '../app/language'
import { chooseBatch, targetOf } from './batch-choice'
import { sameIdentity } from './identity-hold'
import { LaneBatches } from './lane-batches'
import { CANDIDATES, type LaneCore, type LaneDeps, type LaneStats } from './lane-core'
import { LaneHealth } from './lane-health'
import { LaneReadback } from './lane-readback'
import { sendBatch, type SendParts } from './lane-send'
import { LaneWindow } from './lane-window'
import { messages } from './messages'
import type { OperatingBudget, RateBucket } from './pacer'
import { SlotPool } from './slot-pool'

export type { LaneDeps, LaneStats, LockFence, ProbeResult } from './lane-core'

/** An idle lane re-checks the queue this often even if nobody wakes it (clock ms). */
const IDLE_RECHECK_MS = 60_000
/** Operations left unfinished by an earlier runner read back at once (LaneReadback.takenOver). */
const RECHECK_BATCH = 50

/**
 * One portal's lane: takes queued operations in order, packs them into batches the portal's limits
 * allow right now, keeps as many requests in flight as the portal takes (concurrency.ts), and writes
 * every outcome before the next step. A lane waits on its own: other portals' lanes are separate
 * objects running in parallel.
 *
 * This is the loop; its concerns live in helpers it composes: slots in flight (slot-pool.ts), the
 * window and its memory (lane-window.ts), the client's health and backoff (lane-health.ts), batch
 * sizing and site trees (lane-batches.ts), sending (lane-send.ts, lane-apply.ts, lane-pacing.ts),
 * the read-back (lane-readback.ts) and the identity hold (identity-hold.ts).
 */
export class Lane {
  readonly portalId: string
  readonly stats: LaneStats = {
    requests: 0,
    batches: 0,
    singleCalls: 0,
    commands: 0,
    operatingLimitBlocks: 0,
    rateLimited: 0,
    readbackRequests: 0,
    peakInFlight: 0,
    lowerings: 0
  }
  private readonly deps: LaneDeps
  private wakeCtl = new AbortController()
  private stopping = false
  private loop: Promise<void> | null = null
  private status: { state: LaneState; reason: string | null; next: number | null } = {
    state: 'idle',
    reason: null,
    next: null
  }
  /** Objects with an operation claimed and not yet settled (see targetOf). */
  private readonly busy = new Set<string>()
  private readonly pending = new Set<Promise<void>>()
  private fenced = false
  private readonly core: LaneCore
  private readonly slots: SlotPool
  private readonly win: LaneWindow
  private readonly health: LaneHealth
  private readonly batches: LaneBatches
  private readonly readback: LaneReadback
  private readonly parts: SendParts

  constructor(deps: LaneDeps) {
    this.deps = deps
    this.portalId = deps.portalId
    this.core = {
      deps,
      portalId: deps.portalId,
      stats: this.stats,
      busy: this.busy,
      stopping: () => this.stopping,
      notify: () => this.notify(),
      setStatus: (state, reason, next) => this.setStatus(state, reason, next),
      sleep: (ms) => this.sleep(ms),
      stillRunner: () => this.stillRunner()
    }
    this.slots = new SlotPool({
      stats: this.stats,
      window: () => this.win.window.window,
      stopping: () => this.stopping,
      changed: () => this.win.show(),
      freed: () => this.notify()
    })
    this.win = new LaneWindow(this.core, () => this.slots.inFlight)
    this.health = new LaneHealth(this.core)
    this.batches = new LaneBatches(this.core, this.win, this.slots)
    this.readback = new LaneReadback(this.core, this.slots, this.health, this.win, this.batches)
    this.parts = {
      core: this.core,
      slots: this.slots,
      win: this.win,
      health: this.health,
      batches: this.batches,
      readback: this.readback
    }
  }

  get state(): LaneState {
    return this.status.state
  }

  start(): void {
    if (!this.loop) {
      this.win.show()
      this.loop = this.run().catch((err: unknown) =>
        this.deps.log(`outbox: lane ${this.portalId} stopped: ${String(err)}`)
      )
    }
  }

  /** Something changed (new work, resume, a control action, an answer): look at the queue again now. */
  notify(): void {
    this.wakeCtl.abort()
  }

  credentialsChanged(): void {
    this.health.credentialsChanged()
    this.notify()
  }

  /** The person asked to resume: an unreachable portal is probed at once instead of at the next backoff. */
  resume(): void {
    this.health.resume()
    this.notify()
  }

  async stop(graceMs: number): Promise<void> {
    this.stopping = true
    this.notify()
    this.slots.stop()
    // Requests in flight may take long; what they leave in `sending` goes back to the queue on the next start.
    const all = Promise.all([...(this.loop ? [this.loop] : []), ...this.pending])
    await Promise.race([all, new Promise((r) => setTimeout(r, graceMs))])
  }

  private async sleep(ms: number): Promise<void> {
    // A wake-up that came while the lane was busy is not lost: with several requests in flight,
    // an answer may arrive between deciding to wait and waiting.
    if (this.wakeCtl.signal.aborted) {
      this.wakeCtl = new AbortController()
      return
    }
    await this.deps.clock.sleep(Math.max(0, ms), this.wakeCtl.signal)
    if (this.wakeCtl.signal.aborted) this.wakeCtl = new AbortController()
  }

  private setStatus(state: LaneState, reason: string | null = null, next: number | null = null): void {
    // A stopped lane may belong to a removed portal; writing its row again would bring it back.
    if (this.stopping) return
    const s = this.status
    if (s.state === state && s.reason === reason && s.next === next) return
    this.status = { state, reason, next }
    this.deps.store.setLaneStatus(this.portalId, state, reason, next)
    this.deps.onChange()
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.step()
      } catch (err) {
        // A failure of our own (database busy, a bug) must not kill the lane; wait and try again.
        this.deps.log(
          `outbox: lane ${this.portalId}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`
        )
        await this.sleep(this.deps.retry.transient.baseMs)
      }
    }
  }

  /** One decision: send a batch, or wait for what stops us from sending one. */
  private async step(): Promise<void> {
    const { store, clock } = this.deps
    const { health, slots, win } = this
    if (store.isLanePaused(this.portalId)) {
      // Requests already on the wire finish; nothing new goes.
      this.setStatus('paused', localize(messages.lanePaused))
      return this.sleep(IDLE_RECHECK_MS)
    }
    if (health.authError) {
      this.setStatus(
        'auth',
        health.authError.reason ?? localize(messages.laneAuth, { code: health.authError.code })
      )
      return this.sleep(IDLE_RECHECK_MS)
    }
    if (health.unreachable) {
      if (slots.inFlight > 0) return this.sleep(IDLE_RECHECK_MS)
      return health.probe(health.unreachable)
    }
    const now = clock.now()
    if (health.backoffUntil > now) {
      this.setStatus('waiting', health.backoffReason(), health.backoffUntil)
      return this.sleep(health.backoffUntil - now)
    }
    win.refreshCeiling()
    win.show()
    if (slots.full()) {
      // Woken when an answer frees a slot.
      return this.sleep(IDLE_RECHECK_MS)
    }
    const queued = store.peekQueued(this.portalId, now, CANDIDATES)
    if (queued.length === 0) {
      if (slots.inFlight > 0) return this.sleep(IDLE_RECHECK_MS)
      if (this.status.state !== 'idle') win.remember(true)
      const due = store.nextDue(this.portalId)
      this.setStatus('idle', null, due)
      return this.sleep(due === null ? IDLE_RECHECK_MS : Math.min(IDLE_RECHECK_MS, due - now))
    }
    const client = health.client ?? (await health.ensureClient())
    if (!client) return
    // While a new client was being made, a read-back may have taken the last free slot.
    if (slots.full()) return
    const candidates = await sameIdentity(this.core, queued)
    if (candidates.length === 0) return this.sleep(IDLE_RECHECK_MS)
    const rechecks = candidates.filter((c) => c.recheck && !this.busy.has(targetOf(c)))
    if (rechecks.length > 0) return this.readback.takenOver(rechecks.slice(0, RECHECK_BATCH))
    const bucket = health.bucket as RateBucket
    const budget = health.budget as OperatingBudget

    const rateWait = bucket.delay(now)
    if (rateWait > 0) {
      this.setStatus('running')
      return this.sleep(rateWait)
    }

    const chosen = chooseBatch({
      candidates,
      budget,
      now,
      maxCommands: this.batches.size(candidates, budget, bucket, now),
      minBudgetBatch: this.deps.minBudgetBatch,
      busyTargets: this.busy,
      siteOf: this.batches.siteOf(candidates)
    })
    if (chosen.ops.length === 0) {
      if (chosen.eligible === 0) {
        // Everything queued is on an object already on the wire: the answer wakes us.
        this.setStatus('running')
        return this.sleep(IDLE_RECHECK_MS)
      }
      if (slots.inFlight > 0) {
        // What holds the budget back may be our own commands on the wire (a method not seen
        // answering goes one command at a time): their answer wakes us.
        return this.sleep(
          chosen.wakeAt > now ? Math.min(chosen.wakeAt - now, IDLE_RECHECK_MS) : IDLE_RECHECK_MS
        )
      }
      this.setStatus(
        'waiting',
        localize(messages.laneOperatingBudget, { method: chosen.heldMethod ?? '' }),
        chosen.wakeAt
      )
      // Never a tight loop, whatever the budget says.
      return this.sleep(Math.max(chosen.wakeAt - now, this.deps.retry.transient.baseMs))
    }
    // A read-back may have taken the slot while the identity was checked.
    if (slots.full() || !this.stillRunner()) return
    const claimed = store.claim(
      chosen.ops.map((o) => o.id),
      this.deps.fence.token
    )
    // Claiming counted this send as an attempt in the database; keep the rows in step.
    const ops = chosen.ops.filter((o) => claimed.has(o.id)).map((o) => ({ ...o, attempts: o.attempts + 1 }))
    if (ops.length === 0) return
    for (const o of ops) this.busy.add(targetOf(o))
    this.setStatus('running')
    slots.take()
    const sent = sendBatch(this.parts, client, bucket, budget, ops)
      .catch((err: unknown) =>
        this.deps.log(`outbox: lane ${this.portalId}: a batch failed unexpectedly: ${String(err)}`)
      )
      .finally(() => {
        this.pending.delete(sent)
        for (const o of ops) this.busy.delete(targetOf(o))
        this.notify()
        this.deps.onChange()
      })
    this.pending.add(sent)
    this.deps.onChange()
  }

  /** Before anything goes on the wire: another process may have taken the runner lock over. */
  private stillRunner(): boolean {
    if (this.fenced) return false
    let holds: boolean
    try {
      holds = this.deps.fence.holds()
    } catch {
      holds = false
    }
    if (holds) return true
    this.fenced = true
    this.deps.log(`outbox: lane ${this.portalId}: the runner lock was taken over; this lane stops sending`)
    this.stopping = true
    this.notify()
    this.deps.lockLost()
    return false
  }
}
