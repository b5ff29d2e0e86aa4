import type { LaneState } from '../../../shared/domain/outbox'
import { AppError } from '../errors'
import { localize } from '../app/language'
import type { BatchCommand, BatchItemResult, PortalClient } from '../bitrix/types'
import { RestError } from '../bitrix/types'
import { batchSizeFor, chooseBatch, spreadBatchSize, targetOf } from './batch-choice'
import type { Clock } from './clock'
import { budgetKey, commandFor } from './commands'
import type { OverloadSignal, WindowSettings } from './concurrency'
import { InFlightWindow } from './concurrency'
import { remember, warmStart, type LaneMemoryStore } from './lane-memory'
import { messages } from './messages'
import type { Answered, LaneAction, OutcomeContext } from './outcomes'
import { asRestError, outcomesFor, outcomesForFailedRequest, transientOutcome } from './outcomes'
import type { BudgetOptions, PortalLimits } from './pacer'
import { OperatingBudget, RateBucket } from './pacer'
import type { RetrySettings } from './retry-policy'
import { classify, fullJitter, overloadSignalOf, probeDelay } from './retry-policy'
import type { LaneLowered, OutboxStore, Outcome, QueuedOperation } from './store'
import type { AnsweredOperation, ReadbackPort, Verdict, Verify } from './verify-types'
import { describeIdentity, identityDiffers } from '../portals/identity'

export type ProbeResult = 'reachable' | 'unreachable' | 'auth'

export interface LaneStats {
  requests: number
  batches: number
  singleCalls: number
  commands: number
  operatingLimitBlocks: number
  rateLimited: number
  /** Requests sent to read back what a batch changed (counted in `requests` too). */
  readbackRequests: number
  /** The most requests this lane had in flight at once. */
  peakInFlight: number
  /** Times the lane lowered its window because the portal showed overload. */
  lowerings: number
}

/** Proof that this process still drains the outbox: the runner lock's token, checked before every send. */
export interface LockFence {
  token: string
  holds(): boolean
}

export interface LaneDeps {
  portalId: string
  store: OutboxStore
  clock: Clock
  clientFor: (portalId: string) => Promise<PortalClient>
  /** Limits to pace by; by default from the client's preset. */
  limitsFor: (portalId: string, preset: PortalClient['limits']) => PortalLimits
  /** The person's ceiling of requests in flight on this portal (read before each batch: it may change). */
  ceilingFor: (portalId: string) => number
  probe: (portalId: string) => Promise<ProbeResult>
  reportOutcome: (portalId: string, error: RestError | null) => void
  /** The portal is no longer in B24 Desk: its work can never be sent. */
  portalGone: (portalId: string) => void
  fence: LockFence
  /** The lock is gone: another process drains the outbox now. */
  lockLost: () => void
  retry: RetrySettings
  budget: BudgetOptions
  window?: WindowSettings
  maxBatch: number
  /** While the budget is what holds a method back, wait until this many of its commands fit instead of sending a trickle. */
  minBudgetBatch: number
  random: () => number
  onChange: () => void
  /** Reads back what a batch touched; without it, the portal's answer is taken as the truth. */
  verify?: Verify
  /** What the lane learned about the portal in earlier jobs, and where it keeps what it learns now. */
  memory?: LaneMemoryStore
  /** Where pages and folders live, as the catalog knows it: batches keep one direction per site tree. */
  placesOf?: (
    portalId: string,
    ids: { pages: readonly number[]; folders: readonly number[] }
  ) => { pages: Map<number, { siteId: number }>; folders: Map<number, { siteId: number }> }
  /** Who the portal is now (portals/identity.ts): operations queued for another portal are held. */
  identityOf?: (portalId: string) => Promise<string>
  log: (line: string) => void
}

const CANDIDATES = 500
/** Tries of one read-back request the overloaded portal refused. */
const READ_ATTEMPTS = 3
/** An idle lane re-checks the queue this often even if nobody wakes it (clock ms). */
const IDLE_RECHECK_MS = 60_000
/** Operations left unfinished by an earlier runner read back at once (readBackTakenOver). */
const RECHECK_BATCH = 50

const commandsOf = (ops: readonly QueuedOperation[]): BatchCommand[] =>
  ops.map((o) => commandFor({ kind: o.kind, action: o.action, targetId: o.targetId, scope: o.scope }))

/** Estimated seconds per method, reserved in the budget while a request is on the wire. */
type Reservation = Array<[method: string, seconds: number]>

/** The ceiling's reason for a lowering, as a message key and values (built in the reader's language). */
const loweredWhy = (s: OverloadSignal): LaneLowered['why'] => {
  switch (s.kind) {
    case 'http':
      return { key: 'loweredHttp', values: { status: s.status ?? 500, code: s.code ?? '' } }
    case 'html':
      return { key: 'loweredHtml', values: { status: s.status ?? '' } }
    case 'timeout':
      return { key: 'loweredTimeout', values: {} }
    case 'dropped':
      return { key: 'loweredDropped', values: {} }
    case 'rate-limited':
      return { key: 'loweredRateLimited', values: {} }
    case 'slow':
      return { key: 'loweredSlow', values: { ms: s.perCommandMs ?? 0, best: s.bestMs ?? 0 } }
    case 'queued':
      return { key: 'loweredQueued', values: { ms: s.perCommandMs ?? 0, best: s.bestMs ?? 0 } }
  }
}

/**
 * One portal's lane: takes queued operations in order, packs them into batches the portal's limits
 * allow right now, keeps as many requests in flight as the portal takes (concurrency.ts), and writes
 * every outcome before the next step. A lane waits on its own: other portals' lanes are separate
 * objects running in parallel.
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
  private bucket: RateBucket | null = null
  private budget: OperatingBudget | null = null
  private client: PortalClient | null = null
  private wakeCtl = new AbortController()
  private stopping = false
  private loop: Promise<void> | null = null
  private batchLimit: number
  private transientStreak = 0
  private backoffUntil = 0
  /** Why the lane is backing off, for the person watching; built when shown so it follows the language. */
  private backoffReason: () => string = () => ''
  private unreachable: RestError | null = null
  private probeAttempt = 0
  /**
   * The lane waits for a person: the portal refused the credentials (`code`), or there are none we
   * can use (`reason` then says what to do, in the words of whoever found out).
   */
  private authError: { code: string; reason?: string } | null = null
  private status: { state: LaneState; reason: string | null; next: number | null } = {
    state: 'idle',
    reason: null,
    next: null
  }
  private readonly window: InFlightWindow
  /** Requests on the wire (batches and read-backs). */
  private inFlight = 0
  /** Read-backs waiting for a slot: they go before new batches, which wait for their verdicts. */
  private readonly slotWaiters: Array<() => void> = []
  /** Objects with an operation claimed and not yet settled (see targetOf). */
  private readonly busy = new Set<string>()
  private readonly pending = new Set<Promise<void>>()
  private lastFlight = ''
  private fenced = false
  /** Requests a batch costs with its read-back (a running mean), for sizing batches within the rate. */
  private requestsPerBatch: number
  /** Clock ms a request takes beyond the portal's processing (a running mean); null until known. */
  private overheadMs: number | null = null
  /** Answered batches waiting for the read-back (verifyQueued), and whether one runs now. */
  private readonly toVerify: Array<{
    answered: readonly Answered[]
    resolve: () => void
    /** The batch's slot is kept for this read-back. */
    lease: boolean
  }> = []
  private verifying = false
  /** Batches on the wire: their commands and when they went (for spread). */
  private readonly onWire = new Set<{ commands: number; sentAt: number }>()
  /** What was last written to the lane's memory (JSON), so unchanged memory is not written again. */
  private remembered = ''

  constructor(deps: LaneDeps) {
    this.deps = deps
    this.portalId = deps.portalId
    this.batchLimit = deps.maxBatch
    this.requestsPerBatch = deps.verify ? 2 : 1
    this.window = new InFlightWindow(deps.ceilingFor(deps.portalId), deps.window)
    this.recall()
  }

  /** The window starts where the portal's last job left off (lane-memory.ts). */
  private recall(): void {
    const memory = this.deps.memory
    if (!memory) return
    try {
      if (warmStart(this.window, memory.load(this.portalId), this.deps.clock.now()))
        this.remembered = JSON.stringify(this.window.memory())
    } catch (err) {
      this.deps.log(`outbox: lane ${this.portalId}: could not read what it learned: ${String(err)}`)
    }
  }

  /** Keeps what the window learned, when it changed (or, `force`, when a job ended). */
  private remember(force = false): void {
    if (!this.deps.memory || this.stopping) return
    const { memory, clock, log } = this.deps
    this.remembered = remember(memory, this.portalId, this.window, clock.now(), this.remembered, log, force)
  }

  get state(): LaneState {
    return this.status.state
  }

  start(): void {
    if (!this.loop) {
      this.writeFlight()
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
    this.client = null
    this.authError = null
    this.unreachable = null
    this.probeAttempt = 0
    this.notify()
  }

  /** The person asked to resume: an unreachable portal is probed at once instead of at the next backoff. */
  resume(): void {
    this.backoffUntil = 0
    this.probeAttempt = 0
    this.authError = null
    this.notify()
  }

  async stop(graceMs: number): Promise<void> {
    this.stopping = true
    this.notify()
    for (const w of this.slotWaiters.splice(0)) w()
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

  /** Requests in flight, the window and why it was lowered, for every process to show. */
  private writeFlight(): void {
    if (this.stopping) return
    const low = this.window.lowered
    const flight = {
      inFlight: this.inFlight,
      window: this.window.window,
      ceiling: this.window.ceiling,
      lowered: low ? { to: low.to, at: low.at, why: loweredWhy(low.signal) } : null
    }
    const key = JSON.stringify(flight)
    if (key === this.lastFlight) return
    this.lastFlight = key
    try {
      this.deps.store.setLaneFlight(this.portalId, flight)
    } catch (err) {
      // Only the display loses: the next change writes again.
      this.deps.log(`outbox: lane ${this.portalId}: could not save its window: ${String(err)}`)
    }
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
    if (store.isLanePaused(this.portalId)) {
      // Requests already on the wire finish; nothing new goes.
      this.setStatus('paused', localize(messages.lanePaused))
      return this.sleep(IDLE_RECHECK_MS)
    }
    if (this.authError) {
      this.setStatus(
        'auth',
        this.authError.reason ?? localize(messages.laneAuth, { code: this.authError.code })
      )
      return this.sleep(IDLE_RECHECK_MS)
    }
    if (this.unreachable) {
      if (this.inFlight > 0) return this.sleep(IDLE_RECHECK_MS)
      return this.probe(this.unreachable)
    }
    const now = clock.now()
    if (this.backoffUntil > now) {
      this.setStatus('waiting', this.backoffReason(), this.backoffUntil)
      return this.sleep(this.backoffUntil - now)
    }
    this.window.setCeiling(this.ceiling())
    this.writeFlight()
    if (this.inFlight >= this.window.window || this.slotWaiters.length > 0) {
      // Woken when an answer frees a slot.
      return this.sleep(IDLE_RECHECK_MS)
    }
    const queued = store.peekQueued(this.portalId, now, CANDIDATES)
    if (queued.length === 0) {
      if (this.inFlight > 0) return this.sleep(IDLE_RECHECK_MS)
      if (this.status.state !== 'idle') this.remember(true)
      const due = store.nextDue(this.portalId)
      this.setStatus('idle', null, due)
      return this.sleep(due === null ? IDLE_RECHECK_MS : Math.min(IDLE_RECHECK_MS, due - now))
    }
    const client = this.client ?? (await this.ensureClient())
    if (!client) return
    // While a new client was being made, a read-back may have taken the last free slot.
    if (this.inFlight >= this.window.window || this.slotWaiters.length > 0) return
    const candidates = await this.sameIdentity(queued)
    if (candidates.length === 0) return this.sleep(IDLE_RECHECK_MS)
    const rechecks = candidates.filter((c) => c.recheck && !this.busy.has(targetOf(c)))
    if (rechecks.length > 0) return this.readBackTakenOver(rechecks.slice(0, RECHECK_BATCH))
    const bucket = this.bucket as RateBucket
    const budget = this.budget as OperatingBudget

    const rateWait = bucket.delay(now)
    if (rateWait > 0) {
      this.setStatus('running')
      return this.sleep(rateWait)
    }

    const chosen = chooseBatch({
      candidates,
      budget,
      now,
      maxCommands: this.batchSize(candidates, budget, bucket, now),
      minBudgetBatch: this.deps.minBudgetBatch,
      busyTargets: this.busy,
      siteOf: this.siteOfCandidates(candidates)
    })
    if (chosen.ops.length === 0) {
      if (chosen.eligible === 0) {
        // Everything queued is on an object already on the wire: the answer wakes us.
        this.setStatus('running')
        return this.sleep(IDLE_RECHECK_MS)
      }
      if (this.inFlight > 0) {
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
    if (!this.stillRunner()) return
    const claimed = store.claim(
      chosen.ops.map((o) => o.id),
      this.deps.fence.token
    )
    // Claiming counted this send as an attempt in the database; keep the rows in step.
    const ops = chosen.ops.filter((o) => claimed.has(o.id)).map((o) => ({ ...o, attempts: o.attempts + 1 }))
    if (ops.length === 0) return
    for (const o of ops) this.busy.add(targetOf(o))
    this.setStatus('running')
    this.takeSlot()
    const sent = this.send(client, bucket, budget, ops)
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

  /**
   * The operations queued for the portal that answers now; those recorded for another one stay
   * queued, and when nothing else is left the lane says why it holds them.
   */
  private async sameIdentity(queued: readonly QueuedOperation[]): Promise<readonly QueuedOperation[]> {
    if (!this.deps.identityOf || !queued.some((o) => o.identity)) return queued
    const current = await this.deps.identityOf(this.portalId)
    const same = queued.filter((o) => !identityDiffers(o.identity, current))
    const other = queued.find((o) => identityDiffers(o.identity, current))
    if (other?.identity && same.length === 0)
      this.setStatus(
        'auth',
        localize(messages.laneIdentityChanged, {
          queued: describeIdentity(other.identity),
          now: describeIdentity(current)
        })
      )
    return same
  }

  private ceiling(): number {
    try {
      return this.deps.ceilingFor(this.portalId)
    } catch {
      return this.window.ceiling
    }
  }

  /** Commands for the next batch (batchSizeFor); one request at a time (ceiling 1) keeps the full batch. */
  private batchSize(
    candidates: readonly QueuedOperation[],
    budget: OperatingBudget,
    bucket: RateBucket,
    now: number
  ): number {
    if (this.window.ceiling <= 1) return this.batchLimit
    const first = candidates.find((c) => !this.busy.has(targetOf(c))) ?? candidates[0]
    const estimateSec = budget.estimate(budgetKey(commandFor(first).method))
    const size = batchSizeFor({
      remaining: candidates.length,
      estimateSec,
      window: this.window.window,
      requestsPerBatch: this.requestsPerBatch,
      room: bucket.room(now),
      drainPerSecond: bucket.drainPerSecond,
      limit: this.batchLimit,
      // Each request's own cost (round trip, our side) stays under a tenth of the batch.
      minBatchSeconds: Math.max(1, (10 * (this.overheadMs ?? 0)) / 1000),
      growingBatchSeconds: this.window.growing ? 0.5 : undefined
    })
    const spread = this.spread(candidates.length, estimateSec, now)
    return spread === null ? size : Math.max(size, spread)
  }

  /**
   * A short job's batches share its work evenly across the window (spreadBatchSize), once the
   * window is known: remembered from the last job, or grown to the ceiling. Null otherwise.
   */
  private spread(queued: number, estimateSec: number, now: number): number | null {
    if (this.window.growing || queued >= CANDIDATES) return null
    let onWire = 0
    for (const b of this.onWire) onWire += Math.max(0, b.commands - (now - b.sentAt) / (estimateSec * 1000))
    return spreadBatchSize({
      remaining: queued,
      onWire,
      window: this.window.window,
      free: this.window.window - this.inFlight,
      limit: this.batchLimit
    })
  }

  private takeSlot(): void {
    this.inFlight++
    if (this.inFlight > this.stats.peakInFlight) this.stats.peakInFlight = this.inFlight
    this.writeFlight()
  }

  /** An answer (or a failure) freed a slot: a waiting read-back takes it before any new batch. */
  private releaseSlot(): void {
    const next = this.slotWaiters.shift()
    if (next && !this.stopping) {
      next()
      return
    }
    this.inFlight = Math.max(0, this.inFlight - 1)
    this.writeFlight()
    this.notify()
  }

  private async waitForSlot(): Promise<void> {
    if (this.inFlight < this.window.window && this.slotWaiters.length === 0) {
      this.takeSlot()
      return
    }
    // The releasing request hands its slot over: inFlight stays as it is.
    await new Promise<void>((resolve) => this.slotWaiters.push(resolve))
    if (this.stopping) throw new Error('the lane stopped')
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

  private async ensureClient(): Promise<PortalClient | null> {
    if (this.client) return this.client
    try {
      const client = await this.deps.clientFor(this.portalId)
      const limits = this.deps.limitsFor(this.portalId, client.limits)
      const now = this.deps.clock.now()
      if (this.bucket) this.bucket.setLimit(limits.rate)
      else this.bucket = new RateBucket(limits.rate, now)
      if (this.budget) this.budget.setLimit(limits.operating)
      else {
        this.budget = new OperatingBudget(limits.operating, this.deps.budget)
        this.budget.restore(this.deps.store.loadBudget(this.portalId), now)
      }
      this.client = client
      return client
    } catch (err) {
      this.clientFailed(err)
      return null
    }
  }

  /**
   * No client: the portal was removed, it has no credentials we can use (a person must enter them),
   * or something in the way may pass by itself (a locked keychain, the demo portal starting).
   */
  private clientFailed(err: unknown): void {
    const e = err instanceof AppError ? err : null
    const code = e?.code ?? 'CLIENT_UNAVAILABLE'
    this.deps.log(
      `outbox: lane ${this.portalId}: no client (${code}): ${err instanceof Error ? err.message : String(err)}`
    )
    if (code === 'PORTAL_NOT_FOUND') {
      this.deps.portalGone(this.portalId)
      return
    }
    // An AppError's message is written for a person and says what to do; anything else is ours.
    const reason = e ? () => e.message : () => localize(messages.laneNoClient, { code })
    if (e?.category === 'auth') {
      this.authError = { code, reason: reason() }
      return
    }
    this.transientStreak++
    this.backoffUntil =
      this.deps.clock.now() + probeDelay(this.deps.retry.probe, this.transientStreak, this.deps.random)
    this.backoffReason = reason
  }

  private async probe(cause: RestError): Promise<void> {
    this.probeAttempt++
    const wait = probeDelay(this.deps.retry.probe, this.probeAttempt, this.deps.random)
    this.setStatus(
      'unreachable',
      localize(messages.laneUnreachable, { code: cause.code }),
      this.deps.clock.now() + wait
    )
    await this.sleep(wait)
    if (this.stopping || this.deps.store.isLanePaused(this.portalId) || !this.unreachable) return
    let result: ProbeResult
    try {
      result = await this.deps.probe(this.portalId)
    } catch {
      result = 'unreachable'
    }
    if (result === 'reachable') {
      this.unreachable = null
      this.probeAttempt = 0
      this.deps.log(`outbox: lane ${this.portalId}: portal answers again`)
    } else if (result === 'auth') {
      this.unreachable = null
      this.authError = { code: cause.code }
    }
  }

  private context(now: number): OutcomeContext {
    return { retry: this.deps.retry, random: this.deps.random, now }
  }

  private reserve(budget: OperatingBudget, commands: readonly BatchCommand[]): Reservation {
    const per = new Map<string, number>()
    for (const c of commands) per.set(budgetKey(c.method), (per.get(budgetKey(c.method)) ?? 0) + 1)
    return [...per].map(([m, n]) => [m, budget.reserve(m, n)])
  }

  /** The portal showed overload: fewer requests in flight from now on. */
  private overloaded(signal: OverloadSignal, generation: number): void {
    const to = this.window.overloaded(signal, generation, this.deps.clock.now())
    if (to === null) return
    this.stats.lowerings++
    const low = this.window.lowered
    this.deps.log(
      `outbox: lane ${this.portalId}: ${low?.from ?? '?'} -> ${to} requests in flight (${signal.kind}${signal.code ? ` ${signal.code}` : ''}${signal.status ? ` HTTP ${signal.status}` : ''})`
    )
    this.writeFlight()
    this.remember()
  }

  /** Sites of operations already looked up (an operation's target never moves between sites). */
  private readonly siteOfOp = new Map<number, number | null>()

  /** Each candidate's site tree, looked up in the catalog once per operation. */
  private siteOfCandidates(
    candidates: readonly QueuedOperation[]
  ): ((op: QueuedOperation) => number | undefined) | undefined {
    const placesOf = this.deps.placesOf
    if (!placesOf) return undefined
    if (this.siteOfOp.size > 10_000) this.siteOfOp.clear()
    const unknown = candidates.filter(
      (o) => o.kind !== 'site' && o.kind !== 'document' && !this.siteOfOp.has(o.id)
    )
    if (unknown.length > 0) {
      try {
        const places = placesOf(this.portalId, {
          pages: unknown.filter((o) => o.kind === 'page').map((o) => o.targetId),
          folders: unknown.filter((o) => o.kind === 'folder').map((o) => o.targetId)
        })
        for (const o of unknown) {
          const place = o.kind === 'page' ? places.pages.get(o.targetId) : places.folders.get(o.targetId)
          this.siteOfOp.set(o.id, place?.siteId ?? null)
        }
      } catch (err) {
        this.deps.log(`outbox: lane ${this.portalId}: could not look up sites: ${String(err)}`)
      }
    }
    return (op) => (op.kind === 'site' ? op.targetId : (this.siteOfOp.get(op.id) ?? undefined))
  }

  /** Sends one batch (its slot is already taken), then settles every operation in it. */
  private async send(
    client: PortalClient,
    bucket: RateBucket,
    budget: OperatingBudget,
    ops: QueuedOperation[]
  ): Promise<void> {
    const commands = commandsOf(ops)
    const single = this.batchLimit === 1 && ops.length === 1
    const { clock } = this.deps
    const crowded = this.inFlight > 1
    const generation = this.window.generation
    const reservation = this.reserve(budget, commands)
    const sentAt = clock.now()
    bucket.take(sentAt)
    this.stats.requests++
    const wire = { commands: ops.length, sentAt }
    this.onWire.add(wire)
    let items: BatchItemResult[]
    try {
      if (single) {
        this.stats.singleCalls++
        try {
          const r = await client.call(commands[0].method, commands[0].params)
          items = [{ ok: true, result: r.result, timing: r.timing }]
        } catch (err) {
          const e = asRestError(err, this.portalId, commands[0].method)
          // A single call's own refusal is that operation's answer, not the lane's.
          if (e.category === 'permanent' && classify(e, false) !== 'batch-refused')
            items = [{ ok: false, error: e, timing: null }]
          else throw e
        }
      } else {
        this.stats.batches++
        items = await client.batch(commands)
      }
    } catch (err) {
      this.onWire.delete(wire)
      for (const [m, s] of reservation) budget.settle(m, s)
      this.releaseSlot()
      const e = asRestError(err, this.portalId, single ? commands[0].method : 'batch')
      const signal = overloadSignalOf(e)
      if (signal) this.overloaded(signal, generation)
      this.failedRequest(e, ops, commands, bucket, budget, crowded)
      return
    }
    const receivedAt = clock.now()
    this.onWire.delete(wire)
    for (const [m, s] of reservation) budget.settle(m, s)
    this.stats.commands += ops.length
    this.transientStreak = 0
    budget.recordBatch(
      items.map((it, i) => ({ method: budgetKey(commands[i].method), timing: it.timing })),
      receivedAt
    )
    const before = this.window.window
    const processingMs = items.every((it) => typeof it.timing?.processing === 'number')
      ? items.reduce((n, it) => n + (it.timing?.processing ?? 0), 0) * 1000
      : null
    if (processingMs !== null) {
      // What a request costs beyond the portal's work (network, TLS, our own side), for sizing batches.
      const overhead = Math.max(0, receivedAt - sentAt - processingMs)
      this.overheadMs = this.overheadMs === null ? overhead : 0.8 * this.overheadMs + 0.2 * overhead
    }
    const after = this.window.answered({
      generation,
      processingMs,
      elapsedMs: receivedAt - sentAt,
      commands: ops.length,
      now: receivedAt,
      kind: [...new Set(commands.map((c) => budgetKey(c.method)))].sort().join(' ')
    })
    if (after !== null) {
      if (after < before) {
        this.stats.lowerings++
        this.deps.log(
          `outbox: lane ${this.portalId}: ${before} -> ${after} requests in flight (${this.window.lowered?.signal.kind ?? 'slow'} answers)`
        )
      }
      this.writeFlight()
      this.remember()
    }

    const { outcomes, answered, effects } = outcomesFor(ops, items, commands, this.context(receivedAt))
    // The answer's slot goes straight to its read-back when one starts now: released first, it
    // would be taken by the next batch, and the read would wait a whole batch for a slot.
    const lease = this.deps.verify !== undefined && answered.length > 0 && !this.verifying
    if (!lease) this.releaseSlot()
    for (const m of effects.operatingLimited) {
      this.stats.operatingLimitBlocks++
      budget.block(m, receivedAt, this.deps.retry.operatingBlockFallbackMs)
    }
    if (effects.rateLimited > 0) {
      this.stats.rateLimited += effects.rateLimited
      bucket.saturate(receivedAt)
      this.overloaded({ kind: 'rate-limited', code: 'QUERY_LIMIT_EXCEEDED' }, generation)
    }
    if (effects.refusedAt >= 0) this.batchLimit = Math.max(1, effects.refusedAt)
    if (effects.unreachable) this.unreachable ??= effects.unreachable
    this.deps.store.complete(outcomes, this.deps.fence.token)
    this.saveBudget(budget, commands, receivedAt)
    this.deps.reportOutcome(this.portalId, effects.laneError)
    if (answered.length > 0) await this.settleAnswered(answered, lease)
  }

  /**
   * The operations the portal answered stay `sending` (and their objects busy) until the read-back
   * says what the portal now shows; then their verdicts are committed. Batches answered while a
   * read-back runs are read back together in the next one: with several requests in flight,
   * answers come close together, and one read of 30 pages costs what a read of 10 does.
   */
  private settleAnswered(answered: readonly Answered[], lease = false): Promise<void> {
    if (!this.deps.verify) {
      this.commitVerdicts(
        answered.map((a): Outcome =>
          a.error ? { id: a.op.id, kind: 'failed', error: a.error } : { id: a.op.id, kind: 'done' }
        )
      )
      return Promise.resolve()
    }
    return new Promise<void>((resolve) => {
      this.toVerify.push({ answered, resolve, lease })
      void this.verifyQueued()
    })
  }

  private async verifyQueued(): Promise<void> {
    const verify = this.deps.verify
    if (this.verifying || !verify) return
    this.verifying = true
    try {
      while (this.toVerify.length > 0) {
        const group = this.toVerify.splice(0)
        const answered = group.flatMap((g) => g.answered)
        // Slots kept for this read-back: one is used for its reads, any other goes back now.
        const leases = group.filter((g) => g.lease).length
        for (let i = 1; i < leases; i++) this.releaseSlot()
        const lease = { held: leases > 0, inUse: false }
        const asked: AnsweredOperation[] = answered.map(({ op, result, confirmed, error }) => ({
          id: op.id,
          jobId: op.jobId,
          kind: op.kind,
          targetId: op.targetId,
          scope: op.scope,
          action: op.action,
          label: op.label,
          confirmed,
          result,
          error
        }))
        let outcomes: Outcome[]
        try {
          const reads = { count: 0 }
          const verdicts = await verify(
            this.portalId,
            asked,
            this.readbackPort(reads, lease),
            new Set(this.busy)
          )
          this.requestsPerBatch = 0.8 * this.requestsPerBatch + 0.2 * (1 + reads.count / group.length)
          outcomes = this.verdictOutcomes(answered, verdicts)
        } catch (err) {
          // The read-back failed: we cannot say what the portal shows. The intents are absolute
          // states, so sending them again is safe; the attempt is not held against them.
          const e = asRestError(err, this.portalId, 'batch')
          this.deps.log(
            `outbox: lane ${this.portalId}: read-back failed (${e.code}); the operations go again`
          )
          const now = this.deps.clock.now()
          // A refusal stays a refusal: only what the portal accepted goes again.
          outcomes = answered.map((a): Outcome =>
            a.error
              ? { id: a.op.id, kind: 'failed', error: a.error }
              : transientOutcome(a.op, e, this.context(now), true)
          )
        }
        if (lease.held) {
          lease.held = false
          this.releaseSlot()
        }
        try {
          this.commitVerdicts(outcomes)
        } catch (err) {
          // Left `sending`: the next runner start queues them again.
          this.deps.log(`outbox: lane ${this.portalId}: could not save verdicts: ${String(err)}`)
        }
        for (const g of group) g.resolve()
      }
    } finally {
      this.verifying = false
    }
  }

  /**
   * Operations another runner left `sending` (it crashed, or was presumed dead and taken over) may
   * have reached the portal, and the portal may have changed since: they are read back before they
   * are sent again. What the portal already shows is done without a second request; the rest goes
   * to the queue as usual (the read is not held against them). A read that fails leaves them marked,
   * to be read again after the usual backoff.
   */
  private async readBackTakenOver(ops: readonly QueuedOperation[]): Promise<void> {
    const { store, clock } = this.deps
    const verify = this.deps.verify
    if (!verify) {
      // Nothing can read the portal here: the intents are absolute states, so sending again is safe.
      store.clearRecheck(ops.map((o) => o.id))
      return
    }
    if (!this.stillRunner()) return
    const claimed = store.claim(
      ops.map((o) => o.id),
      this.deps.fence.token
    )
    const mine = ops.filter((o) => claimed.has(o.id))
    if (mine.length === 0) return
    for (const o of mine) this.busy.add(targetOf(o))
    let outcomes: Outcome[]
    try {
      const verdicts = await verify(
        this.portalId,
        mine.map((op) => ({
          id: op.id,
          jobId: op.jobId,
          kind: op.kind,
          targetId: op.targetId,
          scope: op.scope,
          action: op.action,
          label: op.label,
          confirmed: false,
          result: null
        })),
        this.readbackPort({ count: 0 })
      )
      const done = new Set(verdicts.filter((v) => v.kind === 'done').map((v) => v.id))
      const now = clock.now()
      outcomes = mine.map((o): Outcome =>
        done.has(o.id)
          ? { id: o.id, kind: 'done' }
          : { id: o.id, kind: 'requeue', notBefore: now, refundAttempt: true }
      )
      store.clearRecheck(mine.filter((o) => !done.has(o.id)).map((o) => o.id))
      this.deps.log(
        `outbox: lane ${this.portalId}: read back ${mine.length} operation(s) left unfinished by an earlier runner: ${done.size} already done, ${mine.length - done.size} to send`
      )
    } catch (err) {
      const e = asRestError(err, this.portalId, 'batch')
      this.deps.log(`outbox: lane ${this.portalId}: read-back of unfinished operations failed (${e.code})`)
      outcomes = mine.map((o) => transientOutcome(o, e, this.context(clock.now()), true))
    } finally {
      for (const o of mine) this.busy.delete(targetOf(o))
    }
    this.commitVerdicts(outcomes)
    this.deps.onChange()
  }

  private commitVerdicts(outcomes: readonly Outcome[]): void {
    this.deps.store.complete(outcomes, this.deps.fence.token)
  }

  private verdictOutcomes(answered: readonly Answered[], verdicts: readonly Verdict[]): Outcome[] {
    const byId = new Map(verdicts.map((v) => [v.id, v]))
    return answered.map(({ op, confirmed, error }): Outcome => {
      const v = byId.get(op.id)
      if (error) return { id: op.id, kind: 'failed', error: v?.kind === 'failed' ? v.error : error }
      if (v?.kind === 'done') return { id: op.id, kind: 'done' }
      if (v?.kind === 'mismatch' || v?.kind === 'failed')
        return { id: op.id, kind: 'mismatch', error: v.error }
      // No verdict: the verifier could not tell; the portal's own answer decides.
      if (confirmed) return { id: op.id, kind: 'done' }
      return {
        id: op.id,
        kind: 'mismatch',
        error: {
          code: 'PORTAL_REPORTS_OTHERWISE',
          message: localize(messages.unconfirmed),
          category: 'permanent'
        }
      }
    })
  }

  /**
   * Read-backs go through the same pacing as batches: slots, the rate bucket, the operating budget.
   * A read the overloaded portal refused is tried again (reads change nothing), up to
   * READ_ATTEMPTS times, once the smaller window lets it: failing the read-back would send the
   * whole group's operations again.
   */
  private readbackPort(
    reads: { count: number },
    lease: { held: boolean; inUse: boolean } = { held: false, inUse: false }
  ): ReadbackPort {
    return {
      send: async (commands) => {
        if (commands.length === 0) return []
        for (let attempt = 1; ; attempt++) {
          try {
            return await this.readOnce(commands, reads, lease)
          } catch (err) {
            if (
              attempt >= READ_ATTEMPTS ||
              this.stopping ||
              !(err instanceof RestError) ||
              !overloadSignalOf(err)
            )
              throw err
          }
        }
      }
    }
  }

  private async readOnce(
    commands: BatchCommand[],
    reads: { count: number },
    lease: { held: boolean; inUse: boolean }
  ): Promise<BatchItemResult[]> {
    // The slot kept from the answered batch, while no other read of this read-back uses it.
    const leased = lease.held && !lease.inUse
    if (leased) lease.inUse = true
    else await this.waitForSlot()
    const done = () => {
      if (leased) lease.inUse = false
      else this.releaseSlot()
    }
    const client = this.client
    const bucket = this.bucket
    const budget = this.budget
    if (!client || !bucket || !budget || !this.stillRunner()) {
      done()
      throw new Error('the lane cannot send now')
    }
    const generation = this.window.generation
    let reservation: Reservation = []
    try {
      for (;;) {
        const now = this.deps.clock.now()
        const wait = Math.max(
          bucket.delay(now),
          ...[...new Set(commands.map((c) => budgetKey(c.method)))].map((m) => {
            const n = commands.filter((c) => budgetKey(c.method) === m).length
            return budget.freeAt(m, now, n) - now
          })
        )
        if (wait <= 0 || this.stopping) break
        await this.deps.clock.sleep(wait)
      }
      if (this.stopping) throw new Error('the lane stopped')
      reservation = this.reserve(budget, commands)
      bucket.take(this.deps.clock.now())
      this.stats.requests++
      this.stats.readbackRequests++
      reads.count++
      const items = await client.batch(commands)
      budget.recordBatch(
        items.map((it, i) => ({ method: budgetKey(commands[i].method), timing: it.timing })),
        this.deps.clock.now()
      )
      // Reads take a different time per command than writes: their pace says nothing about the
      // writes' baseline, so only their failures count as signals.
      return items
    } catch (err) {
      const e = asRestError(err, this.portalId, 'batch')
      const signal = overloadSignalOf(e)
      if (signal) this.overloaded(signal, generation)
      if (e.code === 'QUERY_LIMIT_EXCEEDED') bucket.saturate(this.deps.clock.now())
      throw e
    } finally {
      for (const [m, s] of reservation) budget.settle(m, s)
      done()
    }
  }

  /** The budget of the methods just used, kept in the database so a restart knows what the portal still counts. */
  private saveBudget(budget: OperatingBudget, commands: readonly BatchCommand[], now: number): void {
    const methods = new Set(commands.map((c) => budgetKey(c.method)))
    try {
      this.deps.store.saveBudget(
        this.portalId,
        [...methods].map((m) => budget.save(m, now))
      )
    } catch (err) {
      // Losing this costs caution after a restart, never an operation: the outcomes are already committed.
      this.deps.log(
        `outbox: lane ${this.portalId}: could not save the operating budget: ${err instanceof Error ? err.message : String(err)}`
      )
    }
  }

  /** The request as a whole failed: settle its operations and do what the failure asks of the lane. */
  private failedRequest(
    err: RestError,
    ops: QueuedOperation[],
    commands: readonly BatchCommand[],
    bucket: RateBucket,
    budget: OperatingBudget,
    crowded: boolean
  ): void {
    const now = this.deps.clock.now()
    const { outcomes, action } = outcomesForFailedRequest(ops, err, commands, {
      ...this.context(now),
      crowded
    })
    this.apply(action, err, now, bucket, budget, commands, ops.length)
    this.deps.store.complete(outcomes, this.deps.fence.token)
    this.deps.reportOutcome(this.portalId, err)
  }

  private apply(
    action: LaneAction,
    err: RestError,
    now: number,
    bucket: RateBucket,
    budget: OperatingBudget,
    commands: readonly BatchCommand[],
    sent: number
  ): void {
    const { retry, random } = this.deps
    switch (action.kind) {
      case 'rate-limited':
        this.stats.rateLimited++
        bucket.saturate(now)
        return
      case 'operating-limited':
        this.stats.operatingLimitBlocks++
        for (const m of action.methods) budget.block(m, now, retry.operatingBlockFallbackMs)
        this.saveBudget(budget, commands, now)
        return
      case 'batch-refused':
        this.batchLimit = Math.max(1, Math.min(this.batchLimit, action.limit))
        this.deps.log(
          `outbox: lane ${this.portalId}: batch of ${sent} refused (${err.code}); now at most ${this.batchLimit}`
        )
        return
      case 'unreachable':
        this.unreachable = err
        this.probeAttempt = 0
        return
      case 'auth':
        // A portal that answers as another one says so in its own words: new credentials alone are not the fix.
        this.authError = {
          code: err.code,
          reason: err.code === 'PORTAL_IDENTITY_CHANGED' ? err.message : undefined
        }
        this.client = null
        return
      case 'backoff':
        this.transientStreak++
        this.backoffUntil =
          now +
          (action.base === 'probe'
            ? probeDelay(retry.probe, this.transientStreak, random)
            : fullJitter(retry.transient, this.transientStreak, random))
        this.backoffReason = () => localize(messages.laneBackoff, { code: err.code })
        return
      case 'overload':
      case 'none':
        return
    }
  }
}
