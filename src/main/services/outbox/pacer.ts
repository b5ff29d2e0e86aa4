import type { CallTiming } from '../bitrix/types'

/** A portal's request-rate bucket: `burst` requests at once, then `drainPerSecond` (docs/bitrix24.md#rate-limit). */
export interface RateLimit {
  burst: number
  drainPerSecond: number
}

/** A per-method operating-time budget: `limitSec` of execution per `windowMs` (docs/bitrix24.md#operating-limit). */
export interface OperatingLimit {
  limitSec: number
  windowMs: number
}

export interface PortalLimits {
  rate: RateLimit
  /** null: the portal has no operating limit (self-hosted with the limiter off). */
  operating: OperatingLimit | null
}

export const limitsForPreset = (preset: string): PortalLimits => {
  const operating = { limitSec: 480, windowMs: 600_000 }
  if (preset === 'enterprise') return { rate: { burst: 250, drainPerSecond: 5 }, operating }
  // Self-hosted portals usually run without the limiter; 420 s is their default when it is on.
  if (preset === 'self-hosted')
    return { rate: { burst: 50, drainPerSecond: 2 }, operating: { limitSec: 420, windowMs: 600_000 } }
  return { rate: { burst: 50, drainPerSecond: 2 }, operating }
}

/**
 * Our copy of the portal's leaky bucket. We count a request when we send it, which is no later than
 * the portal counts it, so our level is never below the portal's; one slot is kept spare for the
 * other callers of the same portal (catalog refreshes in the app).
 */
export class RateBucket {
  private level = 0
  private updatedAt: number
  private limit: RateLimit

  constructor(limit: RateLimit, now: number) {
    this.limit = limit
    this.updatedAt = now
  }

  setLimit(limit: RateLimit): void {
    this.limit = limit
  }

  private drain(now: number): void {
    this.level = Math.max(
      0,
      this.level - (Math.max(0, now - this.updatedAt) / 1000) * this.limit.drainPerSecond
    )
    this.updatedAt = Math.max(this.updatedAt, now)
  }

  /** ms until one more request fits. */
  delay(now: number): number {
    this.drain(now)
    const room = Math.max(1, this.limit.burst - 1)
    const excess = this.level + 1 - room
    return excess <= 0 ? 0 : Math.ceil((excess / this.limit.drainPerSecond) * 1000)
  }

  take(now: number): void {
    this.drain(now)
    this.level += 1
  }

  /** The portal said QUERY_LIMIT_EXCEEDED: it is full whatever we thought. */
  saturate(now: number): void {
    this.drain(now)
    this.level = Math.max(this.level, this.limit.burst)
  }

  current(now: number): number {
    this.drain(now)
    return this.level
  }

  /** Requests that fit now without waiting (keeping the spare slot). */
  room(now: number): number {
    this.drain(now)
    return Math.max(0, Math.floor(this.limit.burst - 1 - this.level))
  }

  get drainPerSecond(): number {
    return this.limit.drainPerSecond
  }
}

interface Spend {
  /** Our estimate of when the command started; never earlier than the real start, so we forget it late, never early. */
  at: number
  seconds: number
}

interface MethodBudget {
  spends: Spend[]
  /** Estimated seconds of commands on the wire now: counted as spent until their answer settles them. */
  reserved: number
  /** Mean processing seconds per command (EWMA), used to size the next batch. */
  estimate: number | null
  observed: boolean
  blockedUntil: number
  lastResetAt: number | null
}

export interface BudgetOptions {
  /** Processing seconds assumed for a method we have not seen answer yet. */
  initialEstimateSec: number
  /** Seconds kept free below the limit, on top of two commands' worth, to absorb variance. */
  marginSec: number
}

export const defaultBudgetOptions: BudgetOptions = { initialEstimateSec: 1, marginSec: 1 }

/**
 * What one method's budget keeps across a restart: the portal counts operating time for ten
 * minutes whether B24 Desk runs or not, so a restart inside a heavy window must not start from zero.
 */
export interface SavedMethodBudget {
  method: string
  /** [estimated start (clock ms), seconds], folded to one entry per minute at its latest start: small, and never forgotten early. */
  spends: Array<[number, number]>
  estimate: number | null
  blockedUntil: number
  lastResetAt: number | null
}

const FOLD_MS = 60_000

/**
 * The longest a portal may make us wait: its operating window is ten minutes (docs/bitrix24.md#operating-limit), so a
 * block or a reset time further ahead than this is a portal's mistake (or a hostile answer such as
 * `operating_reset_at: 1e11`) and is cut to this, in memory and in what is saved.
 */
export const MAX_PORTAL_WAIT_MS = 15 * 60_000

/** A time a portal gave (ms), no further ahead of `now` than MAX_PORTAL_WAIT_MS; not a number: null. */
export const clampPortalTime = (at: number, now: number): number | null =>
  Number.isFinite(at) ? Math.min(at, now + MAX_PORTAL_WAIT_MS) : null

/**
 * Tracks the operating time each method has spent on the portal in the last window, from the
 * `processing` each command reports, and decides how many more commands may start now without any
 * of them crossing the limit. The portal blocks a method for up to ten minutes once the sum goes over,
 * so the whole point is never to get there.
 *
 * The portal keeps ten one-minute buckets whose time expires together at the bucket's first call +
 * 10 minutes; we keep each command separately and expire it 10 minutes after its own (estimated)
 * start, which is never earlier than the portal does, and needs no agreement between the clocks.
 */
export class OperatingBudget {
  private readonly methods = new Map<string, MethodBudget>()
  private limit: OperatingLimit | null
  private readonly opts: BudgetOptions

  constructor(limit: OperatingLimit | null, opts: BudgetOptions = defaultBudgetOptions) {
    this.limit = limit
    this.opts = opts
  }

  setLimit(limit: OperatingLimit | null): void {
    this.limit = limit
  }

  private get(method: string): MethodBudget {
    let m = this.methods.get(method)
    if (!m) {
      m = { spends: [], reserved: 0, estimate: null, observed: false, blockedUntil: 0, lastResetAt: null }
      this.methods.set(method, m)
    }
    return m
  }

  private prune(m: MethodBudget, now: number): void {
    if (!this.limit) return
    const horizon = now - this.limit.windowMs
    let drop = 0
    while (drop < m.spends.length && m.spends[drop].at <= horizon) drop++
    if (drop > 0) m.spends.splice(0, drop)
  }

  /** Seconds the method has spent in the window, plus what its commands in flight are expected to spend. */
  used(method: string, now: number): number {
    return this.spent(method, now) + this.get(method).reserved
  }

  private spent(method: string, now: number): number {
    const m = this.get(method)
    this.prune(m, now)
    return m.spends.reduce((s, x) => s + x.seconds, 0)
  }

  /**
   * Commands of `method` are about to be sent: their estimated time counts as spent from now on, so
   * a second batch sent while the first is on the wire cannot overrun the budget. Answers the
   * seconds reserved, to hand back to `settle` when the answer (or the failure) comes.
   */
  reserve(method: string, commands: number): number {
    const seconds = commands * this.estimate(method)
    this.get(method).reserved += seconds
    return seconds
  }

  /** The answer came (its real processing is recorded by recordBatch), or the request failed. */
  settle(method: string, seconds: number): void {
    const m = this.get(method)
    m.reserved = Math.max(0, m.reserved - seconds)
  }

  observed(method: string): boolean {
    return this.get(method).observed
  }

  estimate(method: string): number {
    return Math.max(0.001, this.get(method).estimate ?? this.opts.initialEstimateSec)
  }

  private ceiling(method: string): number {
    return this.limit ? this.limit.limitSec - this.opts.marginSec - 2 * this.estimate(method) : Infinity
  }

  /**
   * How many commands of `method` may start now. Until the portal has told us how much of the
   * budget is already spent (a previous run, another app on the same webhook), only one goes.
   */
  allowance(method: string, now: number): number {
    const m = this.get(method)
    if (m.blockedUntil > now) return 0
    if (!this.limit) return Number.MAX_SAFE_INTEGER
    // One command at a time, and none while that one is on the wire.
    if (!m.observed) return m.reserved > 0 ? 0 : 1
    const free = this.ceiling(method) - this.used(method, now)
    return free <= 0 ? 0 : Math.floor(free / this.estimate(method))
  }

  /** When `commands` more commands of `method` will fit (now when they already do). */
  freeAt(method: string, now: number, commands: number): number {
    const m = this.get(method)
    const unblocked = Math.max(now, m.blockedUntil)
    if (!this.limit) return unblocked
    const need = commands * this.estimate(method)
    let used = this.used(method, now)
    const ceiling = this.ceiling(method)
    if (used + need <= ceiling) return unblocked
    for (const s of m.spends) {
      used -= s.seconds
      if (used + need <= ceiling) return Math.max(unblocked, s.at + this.limit.windowMs + 1)
    }
    return Math.max(unblocked, now + this.limit.windowMs)
  }

  /**
   * Records one batch's commands of all methods, in the order the portal ran them. The portal runs
   * them one after another, so command i started at most (its processing + the processing of the
   * ones after it) before the answer arrived.
   */
  recordBatch(items: ReadonlyArray<{ method: string; timing: CallTiming | null }>, receivedAt: number): void {
    let after = 0
    const starts: number[] = new Array<number>(items.length)
    for (let i = items.length - 1; i >= 0; i--) {
      const t = items[i].timing
      after += Math.max(0, t?.processing ?? this.estimate(items[i].method)) * 1000
      starts[i] = receivedAt - after
    }
    const reported = new Map<string, number>()
    const touched = new Set<MethodBudget>()
    items.forEach((item, i) => {
      const m = this.get(item.method)
      const t = item.timing
      const seconds = t?.processing
      if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0) {
        m.spends.push({ at: starts[i], seconds })
        m.estimate = m.estimate === null ? seconds : m.estimate * 0.8 + seconds * 0.2
      }
      if (t?.operatingResetAt) m.lastResetAt = clampPortalTime(t.operatingResetAt * 1000, receivedAt)
      if (typeof t?.operating === 'number')
        reported.set(item.method, Math.max(reported.get(item.method) ?? 0, t.operating))
      m.observed = true
      touched.add(m)
    })
    // Pruning reads the oldest first; a batch may interleave with a correction recorded earlier.
    for (const m of touched) m.spends.sort((a, b) => a.at - b.at)
    // Time the portal counts that we did not send (other runs, other apps on the webhook) is kept
    // for a whole window from now: we cannot know when it started, so we assume the latest.
    // Our own batches still in flight may already be in the portal's count: their reservations
    // stand for them. Counted again here, they would stay twice for a whole window and halve what
    // several requests in flight can do.
    for (const [method, operating] of reported) {
      const m = this.get(method)
      const missing = operating - this.used(method, receivedAt)
      if (missing > 0.01) {
        m.spends.push({ at: receivedAt, seconds: missing })
        m.spends.sort((a, b) => a.at - b.at)
      }
    }
  }

  /** The method's state worth keeping now (spends still inside the window), small enough to write after every batch. */
  save(method: string, now: number): SavedMethodBudget {
    const m = this.get(method)
    this.prune(m, now)
    const folded = new Map<number, [number, number]>()
    for (const s of m.spends) {
      const key = Math.floor(s.at / FOLD_MS)
      const f = folded.get(key)
      if (f) {
        f[0] = Math.max(f[0], s.at)
        f[1] += s.seconds
      } else folded.set(key, [s.at, s.seconds])
    }
    return {
      method,
      spends: [...folded.values()],
      estimate: m.estimate,
      blockedUntil: Math.min(m.blockedUntil, now + MAX_PORTAL_WAIT_MS),
      lastResetAt: m.lastResetAt
    }
  }

  /**
   * Takes back what a previous run saved. A method with time still inside the window counts as
   * observed: we know what our own last run spent, so there is no need to start with one command.
   */
  restore(saved: readonly SavedMethodBudget[], now: number): void {
    const horizon = this.limit ? now - this.limit.windowMs : -Infinity
    for (const s of saved) {
      const m = this.get(s.method)
      const spends = s.spends.filter(
        ([at, seconds]) => at > horizon && Number.isFinite(seconds) && seconds > 0
      )
      m.spends = [...m.spends, ...spends.map(([at, seconds]) => ({ at, seconds }))].sort(
        (a, b) => a.at - b.at
      )
      m.estimate ??= s.estimate
      // A saved block from before the clamp (or a changed file) is cut like a fresh one.
      m.blockedUntil = Math.max(m.blockedUntil, clampPortalTime(s.blockedUntil, now) ?? 0)
      m.lastResetAt ??= s.lastResetAt === null ? null : clampPortalTime(s.lastResetAt, now)
      if (spends.length > 0 || m.blockedUntil > now) m.observed = true
    }
  }

  /** The portal blocked the method anyway (OPERATION_TIME_LIMIT): wait for its oldest bucket to leave. */
  block(method: string, now: number, fallbackMs: number): number {
    const m = this.get(method)
    const until = m.lastResetAt !== null && m.lastResetAt > now ? m.lastResetAt : now + fallbackMs
    m.blockedUntil = Math.min(Math.max(m.blockedUntil, until), now + MAX_PORTAL_WAIT_MS)
    m.observed = true
    return m.blockedUntil
  }
}
