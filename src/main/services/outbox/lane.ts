import type { LaneState } from '../../../shared/domain/outbox'
import { AppError } from '../errors'
import { localize } from '../app/language'
import type { BatchCommand, BatchItemResult, PortalClient } from '../bitrix/types'
import { RestError } from '../bitrix/types'
import type { Clock } from './clock'
import { budgetKey, commandFor, methodFor } from './commands'
import { messages } from './messages'
import type { BudgetOptions, PortalLimits } from './pacer'
import { OperatingBudget, RateBucket } from './pacer'
import type { RetrySettings } from './retry-policy'
import { classify, fullJitter, probeDelay } from './retry-policy'
import type { OperationError, OperationRow, OutboxStore, Outcome } from './store'

export type ProbeResult = 'reachable' | 'unreachable' | 'auth'

export interface LaneStats {
  requests: number
  batches: number
  singleCalls: number
  commands: number
  operatingLimitBlocks: number
  rateLimited: number
}

export interface LaneDeps {
  portalId: string
  store: OutboxStore
  clock: Clock
  clientFor: (portalId: string) => Promise<PortalClient>
  /** Limits to pace by; by default from the client's preset. */
  limitsFor: (portalId: string, preset: PortalClient['limits']) => PortalLimits
  probe: (portalId: string) => Promise<ProbeResult>
  reportOutcome: (portalId: string, error: RestError | null) => void
  /** The portal is no longer in B24 Desk: its work can never be sent. */
  portalGone: (portalId: string) => void
  retry: RetrySettings
  budget: BudgetOptions
  maxBatch: number
  /** While the budget is what holds a method back, wait until this many of its commands fit instead of sending a trickle. */
  minBudgetBatch: number
  random: () => number
  onChange: () => void
  /** Operations the portal confirmed, after their `done` is committed; once per batch. */
  operationsDone?: (portalId: string, ops: readonly OperationRow[]) => void
  log: (line: string) => void
}

const CANDIDATES = 500
/** An idle lane re-checks the queue this often even if nobody wakes it (clock ms). */
const IDLE_RECHECK_MS = 60_000

const errorOf = (err: RestError): OperationError => ({
  code: err.code,
  message: err.message,
  category: err.category
})

const commandsOf = (ops: readonly OperationRow[]): BatchCommand[] =>
  ops.map((o) => commandFor({ kind: o.kind, action: o.action, targetId: o.target_id, scope: o.scope }))

/** Anything that is not a RestError (a bug, a socket error the client did not wrap) counts as transient. */
const asRestError = (err: unknown, portalId: string, method: string): RestError =>
  err instanceof RestError
    ? err
    : new RestError({
        code: 'CLIENT_ERROR',
        message: err instanceof Error ? err.message : String(err),
        category: 'transient',
        portalId,
        method,
        httpStatus: null,
        cause: err
      })

/**
 * One portal's lane: takes queued operations in order, packs them into batches the portal's limits
 * allow right now, sends one request at a time, and writes every outcome before the next step.
 * A lane waits on its own: other portals' lanes are separate objects running in parallel.
 */
export class Lane {
  readonly portalId: string
  readonly stats: LaneStats = {
    requests: 0,
    batches: 0,
    singleCalls: 0,
    commands: 0,
    operatingLimitBlocks: 0,
    rateLimited: 0
  }
  private readonly d: LaneDeps
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

  constructor(deps: LaneDeps) {
    this.d = deps
    this.portalId = deps.portalId
    this.batchLimit = deps.maxBatch
  }

  get state(): LaneState {
    return this.status.state
  }

  start(): void {
    if (!this.loop)
      this.loop = this.run().catch((err: unknown) =>
        this.d.log(`outbox: lane ${this.portalId} stopped: ${String(err)}`)
      )
  }

  /** Something changed (new work, resume, a control action): look at the queue again now. */
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
    if (this.loop) {
      // A batch in flight may take long; what it leaves in `sending` goes back to the queue on the next start.
      await Promise.race([this.loop, new Promise((r) => setTimeout(r, graceMs))])
    }
  }

  private async sleep(ms: number): Promise<void> {
    if (this.wakeCtl.signal.aborted) this.wakeCtl = new AbortController()
    await this.d.clock.sleep(Math.max(0, ms), this.wakeCtl.signal)
    if (this.wakeCtl.signal.aborted) this.wakeCtl = new AbortController()
  }

  private setStatus(state: LaneState, reason: string | null = null, next: number | null = null): void {
    // A stopped lane may belong to a removed portal; writing its row again would bring it back.
    if (this.stopping) return
    const s = this.status
    if (s.state === state && s.reason === reason && s.next === next) return
    this.status = { state, reason, next }
    this.d.store.setLaneStatus(this.portalId, state, reason, next)
    this.d.onChange()
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.step()
      } catch (err) {
        // A failure of our own (database busy, a bug) must not kill the lane; wait and try again.
        this.d.log(
          `outbox: lane ${this.portalId}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`
        )
        await this.sleep(this.d.retry.transient.baseMs)
      }
    }
  }

  private async step(): Promise<void> {
    const { store, clock } = this.d
    if (store.isLanePaused(this.portalId)) {
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
    if (this.unreachable) return this.probe(this.unreachable)
    const now = clock.now()
    if (this.backoffUntil > now) {
      this.setStatus('waiting', this.backoffReason(), this.backoffUntil)
      return this.sleep(this.backoffUntil - now)
    }
    const candidates = store.peekQueued(this.portalId, now, CANDIDATES)
    if (candidates.length === 0) {
      const due = store.nextDue(this.portalId)
      this.setStatus('idle', null, due)
      return this.sleep(due === null ? IDLE_RECHECK_MS : Math.min(IDLE_RECHECK_MS, due - now))
    }
    const client = await this.ensureClient()
    if (!client) return
    const bucket = this.bucket as RateBucket
    const budget = this.budget as OperatingBudget

    const rateWait = bucket.delay(now)
    if (rateWait > 0) {
      this.setStatus('running')
      return this.sleep(rateWait)
    }

    const chosen = this.choose(candidates, budget, now)
    if (chosen.ops.length === 0) {
      this.setStatus(
        'waiting',
        localize(messages.laneOperatingBudget, { method: chosen.heldMethod ?? '' }),
        chosen.wakeAt
      )
      return this.sleep(chosen.wakeAt - now)
    }

    const claimed = store.claim(chosen.ops.map((o) => o.id))
    // Claiming counted this send as an attempt in the database; keep the rows in step.
    const ops = chosen.ops.filter((o) => claimed.has(o.id)).map((o) => ({ ...o, attempts: o.attempts + 1 }))
    if (ops.length === 0) return
    this.setStatus('running')
    this.d.onChange()
    await this.send(client, bucket, budget, ops)
    this.d.onChange()
  }

  /**
   * Takes queued operations in order while each method's budget allows, up to the batch limit.
   * A method the budget holds back is left out entirely while only a handful of its commands fit:
   * sending them one by one would spend requests for nothing.
   */
  private choose(
    candidates: readonly OperationRow[],
    budget: OperatingBudget,
    now: number
  ): { ops: OperationRow[]; wakeAt: number; heldMethod: string | null } {
    const allowance = new Map<string, number>()
    const waiting = new Map<string, number>()
    const picked = new Map<string, OperationRow[]>()
    let total = 0
    for (const op of candidates) {
      const m = budgetKey(methodFor(op.kind, op.action))
      waiting.set(m, (waiting.get(m) ?? 0) + 1)
      if (total >= this.batchLimit) continue
      let a = allowance.get(m)
      if (a === undefined) {
        a = budget.allowance(m, now)
        allowance.set(m, a)
      }
      if (a <= 0) continue
      allowance.set(m, a - 1)
      picked.set(m, [...(picked.get(m) ?? []), op])
      total++
    }
    let wakeAt = Infinity
    let heldMethod: string | null = null
    for (const [m, count] of waiting) {
      const got = picked.get(m)?.length ?? 0
      const held = got < count && (allowance.get(m) ?? 1) <= 0
      if (!held) continue
      const want = Math.min(count, this.d.minBudgetBatch, this.batchLimit)
      if (got > 0 && got < want && budget.observed(m)) {
        picked.delete(m)
        total -= got
      }
      if (got < want || got === 0) {
        const at = budget.freeAt(m, now, want)
        if (at < wakeAt) {
          wakeAt = at
          heldMethod = m
        }
      }
    }
    const ops = candidates.filter((o) => picked.get(budgetKey(methodFor(o.kind, o.action)))?.includes(o))
    return { ops, wakeAt: Number.isFinite(wakeAt) ? wakeAt : now + IDLE_RECHECK_MS, heldMethod }
  }

  private async ensureClient(): Promise<PortalClient | null> {
    if (this.client) return this.client
    try {
      const client = await this.d.clientFor(this.portalId)
      const limits = this.d.limitsFor(this.portalId, client.limits)
      const now = this.d.clock.now()
      if (this.bucket) this.bucket.setLimit(limits.rate)
      else this.bucket = new RateBucket(limits.rate, now)
      if (this.budget) this.budget.setLimit(limits.operating)
      else {
        this.budget = new OperatingBudget(limits.operating, this.d.budget)
        this.budget.restore(this.d.store.loadBudget(this.portalId), now)
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
    this.d.log(
      `outbox: lane ${this.portalId}: no client (${code}): ${err instanceof Error ? err.message : String(err)}`
    )
    if (code === 'PORTAL_NOT_FOUND') {
      this.d.portalGone(this.portalId)
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
      this.d.clock.now() + probeDelay(this.d.retry.probe, this.transientStreak, this.d.random)
    this.backoffReason = reason
  }

  private async probe(cause: RestError): Promise<void> {
    this.probeAttempt++
    const wait = probeDelay(this.d.retry.probe, this.probeAttempt, this.d.random)
    this.setStatus(
      'unreachable',
      localize(messages.laneUnreachable, { code: cause.code }),
      this.d.clock.now() + wait
    )
    await this.sleep(wait)
    if (this.stopping || this.d.store.isLanePaused(this.portalId) || !this.unreachable) return
    let result: ProbeResult
    try {
      result = await this.d.probe(this.portalId)
    } catch {
      result = 'unreachable'
    }
    if (result === 'reachable') {
      this.unreachable = null
      this.probeAttempt = 0
      this.d.log(`outbox: lane ${this.portalId}: portal answers again`)
    } else if (result === 'auth') {
      this.unreachable = null
      this.authError = { code: cause.code }
    }
  }

  private async send(
    client: PortalClient,
    bucket: RateBucket,
    budget: OperatingBudget,
    ops: OperationRow[]
  ): Promise<void> {
    const commands = commandsOf(ops)
    const single = this.batchLimit === 1 && ops.length === 1
    bucket.take(this.d.clock.now())
    this.stats.requests++
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
      this.failedRequest(
        asRestError(err, this.portalId, single ? commands[0].method : 'batch'),
        ops,
        bucket,
        budget
      )
      return
    }
    const receivedAt = this.d.clock.now()
    this.stats.commands += ops.length
    this.transientStreak = 0
    budget.recordBatch(
      items.map((it, i) => ({ method: budgetKey(commands[i].method), timing: it.timing })),
      receivedAt
    )
    const outcomes: Outcome[] = []
    let laneError: RestError | null = null
    let refusedAt = -1
    ops.forEach((op, i) => {
      const item = items[i] as BatchItemResult | undefined
      if (!item) {
        // The portal answered fewer commands than we sent: those not answered simply go again.
        outcomes.push({ id: op.id, kind: 'requeue', notBefore: 0, refundAttempt: true })
        return
      }
      if (item.ok) {
        outcomes.push({ id: op.id, kind: 'done' })
        return
      }
      const err = item.error
      const kind = classify(err, false)
      const method = budgetKey(commands[i].method)
      switch (kind) {
        case 'permanent':
          outcomes.push({ id: op.id, kind: 'failed', error: errorOf(err) })
          return
        case 'operating-limited':
          this.stats.operatingLimitBlocks++
          outcomes.push({
            id: op.id,
            kind: 'requeue',
            notBefore: budget.block(method, receivedAt, this.d.retry.operatingBlockFallbackMs),
            error: errorOf(err),
            refundAttempt: true
          })
          laneError ??= err
          return
        case 'rate-limited':
          this.stats.rateLimited++
          bucket.saturate(receivedAt)
          outcomes.push({ id: op.id, kind: 'requeue', notBefore: 0, refundAttempt: true })
          laneError ??= err
          return
        case 'batch-refused':
          if (refusedAt < 0) refusedAt = i
          outcomes.push({ id: op.id, kind: 'requeue', notBefore: 0, refundAttempt: true })
          return
        // classify() never gives one command 'auth' (its batch was authorised); retrying is the safe answer.
        case 'auth':
        case 'transient':
          outcomes.push(this.transientOutcome(op, err, receivedAt))
          return
        case 'limited':
          outcomes.push({
            id: op.id,
            kind: 'requeue',
            notBefore: receivedAt + fullJitter(this.d.retry.transient, op.attempts, this.d.random),
            error: errorOf(err),
            refundAttempt: true
          })
          laneError ??= err
          return
        case 'unreachable':
          this.unreachable ??= err
          outcomes.push({ id: op.id, kind: 'requeue', notBefore: 0, refundAttempt: true })
          laneError ??= err
          return
      }
    })
    if (refusedAt >= 0) this.batchLimit = Math.max(1, refusedAt)
    const doneIds = this.d.store.complete(outcomes)
    this.saveBudget(budget, commands, receivedAt)
    this.d.reportOutcome(this.portalId, laneError)
    if (doneIds.size > 0)
      this.d.operationsDone?.(
        this.portalId,
        ops.filter((o) => doneIds.has(o.id))
      )
  }

  /** The budget of the methods just used, kept in the database so a restart knows what the portal still counts. */
  private saveBudget(budget: OperatingBudget, commands: readonly BatchCommand[], now: number): void {
    const methods = new Set(commands.map((c) => budgetKey(c.method)))
    try {
      this.d.store.saveBudget(
        this.portalId,
        [...methods].map((m) => budget.save(m, now))
      )
    } catch (err) {
      // Losing this costs caution after a restart, never an operation: the outcomes are already committed.
      this.d.log(
        `outbox: lane ${this.portalId}: could not save the operating budget: ${err instanceof Error ? err.message : String(err)}`
      )
    }
  }

  private transientOutcome(op: OperationRow, err: RestError, now: number): Outcome {
    if (op.attempts >= this.d.retry.maxTransientAttempts) {
      return {
        id: op.id,
        kind: 'failed',
        error: {
          code: err.code,
          category: err.category,
          message: localize(messages.gaveUp, { attempts: op.attempts, message: err.message })
        }
      }
    }
    return {
      id: op.id,
      kind: 'requeue',
      notBefore: now + fullJitter(this.d.retry.transient, op.attempts, this.d.random),
      error: errorOf(err)
    }
  }

  /** The request as a whole failed: nothing in it was applied by the portal, or we cannot know. */
  private failedRequest(
    err: RestError,
    ops: OperationRow[],
    bucket: RateBucket,
    budget: OperatingBudget
  ): void {
    const now = this.d.clock.now()
    const kind = classify(err, true)
    const requeueAll = (notBefore = 0, refund = true, error?: OperationError): Outcome[] =>
      ops.map((o) => ({ id: o.id, kind: 'requeue', notBefore, refundAttempt: refund, error }))
    let outcomes: Outcome[]
    switch (kind) {
      case 'rate-limited':
        this.stats.rateLimited++
        bucket.saturate(now)
        outcomes = requeueAll()
        break
      case 'operating-limited':
        this.stats.operatingLimitBlocks++
        for (const o of ops)
          budget.block(budgetKey(methodFor(o.kind, o.action)), now, this.d.retry.operatingBlockFallbackMs)
        this.saveBudget(budget, commandsOf(ops), now)
        outcomes = requeueAll(0, true, errorOf(err))
        break
      case 'batch-refused':
        // The portal will not take a batch this big (or at all): halve it; at one, use plain calls.
        this.batchLimit = Math.max(1, Math.min(this.batchLimit, Math.floor(ops.length / 2)))
        this.d.log(
          `outbox: lane ${this.portalId}: batch of ${ops.length} refused (${err.code}); now at most ${this.batchLimit}`
        )
        outcomes = requeueAll()
        break
      case 'unreachable':
        this.unreachable = err
        this.probeAttempt = 0
        outcomes = requeueAll(0, true, errorOf(err))
        break
      case 'auth':
        this.authError = { code: err.code }
        this.client = null
        outcomes = requeueAll(0, true, errorOf(err))
        break
      case 'limited':
        this.transientStreak++
        this.backoffUntil = now + probeDelay(this.d.retry.probe, this.transientStreak, this.d.random)
        this.backoffReason = () => localize(messages.laneBackoff, { code: err.code })
        outcomes = requeueAll(0, true, errorOf(err))
        break
      case 'permanent':
        outcomes = ops.map((o) => ({ id: o.id, kind: 'failed', error: errorOf(err) }))
        break
      case 'transient':
        this.transientStreak++
        this.backoffUntil = now + fullJitter(this.d.retry.transient, this.transientStreak, this.d.random)
        this.backoffReason = () => localize(messages.laneBackoff, { code: err.code })
        outcomes = ops.map((o) => this.transientOutcome(o, err, now))
        break
    }
    this.d.store.complete(outcomes)
    this.d.reportOutcome(this.portalId, err)
  }
}
