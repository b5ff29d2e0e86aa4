/**
 * How many batch requests a lane keeps in flight on its portal, found the way TCP finds its
 * congestion window: start at one, grow while answers come back clean and no slower per command,
 * and halve at once when the portal shows it is overloaded.
 *
 * - Slow start: until the portal first shows overload, every clean answer adds one request (the
 *   window doubles per round trip), so a capable portal is used fully within a few batches.
 * - Additive increase: afterwards, one more request per window's worth of clean answers; and the
 *   size that overloaded the portal last time is tried again only after `probeRounds` times as many
 *   clean answers, so a portal that takes 2 but not 3 is probed rarely, not every few seconds.
 * - Multiplicative decrease: an overload signal (HTTP 5xx, an HTML page, a timeout, a dropped
 *   connection, QUERY_LIMIT_EXCEEDED, or answers steeply slower than the best seen, twice in a row:
 *   commands taking more than twice as long on the portal, or requests waiting more than twice as
 *   long beyond that) halves the window, at least to 1. Requests sent before that decrease were sized for
 *   the old window; their failures say nothing new and do not halve it again.
 *
 * The window never exceeds the portal's ceiling (a setting per portal; 1 turns the whole thing off).
 *
 * What the window learned outlives the job (`memory`, `resume`; kept per portal by lane-memory.ts):
 * the next job starts at the size the portal sustained, judges answers against the per-command times
 * it saw, and grows back to a size that overloaded the portal only with the same patience as before.
 * An overload signal halves it at once, as always.
 */

export type OverloadKind = 'http' | 'html' | 'timeout' | 'dropped' | 'rate-limited' | 'slow' | 'queued'

export interface OverloadSignal {
  kind: OverloadKind
  /** HTTP status for 'http' and 'html'. */
  status?: number | null
  /** 'slow': the per-command time seen and the best, in ms; 'queued': the wait beyond processing, and the least seen. */
  perCommandMs?: number
  bestMs?: number
  code?: string
}

export interface WindowSettings {
  /** Per-command time above this multiple of the best seen is an overload signal... */
  slowFactor: number
  /** ...when the batch also took this much longer (ms) than at the best pace: small batches are noisy. */
  slowSlackMs: number
  /** Growth only while the per-command time stays within this multiple of the best (or within half the slack). */
  flatFactor: number
  /** Clean answers, in windows' worth, before trying again the size that overloaded the portal. */
  probeRounds: number
  /** Slow answers in a row before the window goes down: one late answer is noise, two are a trend. */
  slowConfirm: number
}

export const defaultWindowSettings: WindowSettings = {
  slowFactor: 2,
  slowSlackMs: 1_000,
  flatFactor: 1.5,
  probeRounds: 8,
  slowConfirm: 2
}

export interface Lowering {
  from: number
  to: number
  at: number
  signal: OverloadSignal
}

export interface Answer {
  /** The window generation the request was sent in (`generation` at send time). */
  generation: number
  elapsedMs: number
  /**
   * The portal's own processing time for the request's commands (their `time.processing`), when it
   * says: then the per-command time is the portal's, and what the request spent beyond it (network,
   * waiting for a free worker) is watched on its own.
   */
  processingMs?: number | null
  commands: number
  now: number
  /** What the request did (e.g. its methods): per-command times are compared only within one kind. */
  kind: string
}

/** What a window learned about its portal, for the next job (see InFlightWindow.memory). */
export interface WindowMemory {
  /** Requests the portal took in flight: a size with a whole window's worth of answers at it and no overload sign. */
  sustained: number
  /** The size at which the portal last showed overload, and when the window last went down (clock ms). */
  overloadedAt: number | null
  loweredAt: number | null
  /** The best per-command processing time seen (ms), per kind of request. */
  perCommandMs: Record<string, number>
  /** The least time a request spent beyond the portal's processing (ms). */
  waitMs: number | null
}

export class InFlightWindow {
  private size = 1
  private max: number
  private slowStart = true
  private clean = 0
  private readonly best = new Map<string, number>()
  private bestWait: number | null = null
  private slowAnswers = 0
  /** The window size at which the portal last showed overload; growing back to it needs patience. */
  private overloadedAt: number | null = null
  private gen = 0
  private last: Lowering | null = null
  private readonly s: WindowSettings
  /** Answers without an overload sign since the size last changed, and the largest size they proved (see WindowMemory). */
  private cleanAtSize = 0
  private proven = 1
  private loweredAt: number | null = null
  /**
   * The best times of this job alone: what `memory` keeps. A remembered baseline judges this job's
   * answers but is not carried on, so a portal that became slower for good costs one job's caution.
   */
  private readonly seen = new Map<string, number>()
  private seenWait: number | null = null

  constructor(ceiling: number, settings: WindowSettings = defaultWindowSettings) {
    this.max = Math.max(1, Math.floor(ceiling))
    this.s = settings
  }

  /** Requests the lane may have in flight now. */
  get window(): number {
    return this.size
  }

  get ceiling(): number {
    return this.max
  }

  /** Changes with every decrease; a request remembers the generation it was sent in. */
  get generation(): number {
    return this.gen
  }

  get lowered(): Lowering | null {
    return this.last
  }

  /** Still doubling from one: the portal has not shown overload yet and the ceiling is not reached. */
  get growing(): boolean {
    return this.slowStart && this.size < this.max
  }

  /** What this window learned, for the next job on the portal. */
  memory(): WindowMemory {
    return {
      sustained: Math.max(1, Math.min(this.proven, this.size)),
      overloadedAt: this.overloadedAt,
      loweredAt: this.loweredAt,
      perCommandMs: Object.fromEntries([...this.best, ...this.seen]),
      waitMs: this.seenWait ?? this.bestWait
    }
  }

  /**
   * Starts where an earlier job left off: at the size the portal sustained (within the ceiling),
   * with its per-command times as the baseline for slow answers. A portal that showed overload
   * before is not doubled into again: growth is additive, and any size above the one it sustained
   * needs `probeRounds` windows of clean answers (where between the two it gave up is not known).
   * `forgetOverload` (the lowering is long past) lets the window probe above again at the usual
   * pace, still additively. Only before the first request.
   */
  resume(m: WindowMemory, forgetOverload = false): void {
    this.size = Math.max(1, Math.min(this.max, Math.floor(m.sustained)))
    this.proven = this.size
    this.cleanAtSize = 0
    this.clean = 0
    const overloaded = m.overloadedAt !== null && !forgetOverload
    this.overloadedAt = overloaded ? this.size + 1 : null
    this.loweredAt = m.loweredAt
    // Doubling from the size the portal took: only for a portal that never showed overload.
    this.slowStart = m.overloadedAt === null
    for (const [kind, ms] of Object.entries(m.perCommandMs)) if (ms > 0) this.best.set(kind, ms)
    if (m.waitMs !== null && m.waitMs >= 0) this.bestWait = m.waitMs
  }

  /** The person changed the portal's ceiling: effective at once for new requests. */
  setCeiling(ceiling: number): void {
    this.max = Math.max(1, Math.floor(ceiling))
    if (this.size > this.max) this.size = this.max
  }

  /**
   * A request came back without an overload sign. Answers the new window when it grew, or when the
   * answer was so slow that the window had to shrink; null when it stayed.
   */
  answered(a: Answer): number | null {
    if (a.commands <= 0) return null
    const processing = typeof a.processingMs === 'number' && a.processingMs > 0 ? a.processingMs : null
    const perCommand = (processing ?? a.elapsedMs) / a.commands
    const wait = processing !== null ? Math.max(0, a.elapsedMs - processing) : null
    const best = this.best.get(a.kind)
    const bestWait = this.bestWait
    if (best === undefined || perCommand < best) this.best.set(a.kind, perCommand)
    if (wait !== null && (bestWait === null || wait < bestWait)) this.bestWait = wait
    const seen = this.seen.get(a.kind)
    if (seen === undefined || perCommand < seen) this.seen.set(a.kind, perCommand)
    if (wait !== null && (this.seenWait === null || wait < this.seenWait)) this.seenWait = wait
    const slack = this.s.slowSlackMs
    let slow: OverloadSignal | null = null
    let flat = true
    if (best !== undefined) {
      const excess = (perCommand - best) * a.commands
      if (perCommand > this.s.slowFactor * best && excess > slack)
        slow = { kind: 'slow', perCommandMs: Math.round(perCommand), bestMs: Math.round(best) }
      flat = perCommand <= this.s.flatFactor * best || excess <= slack / 2
    }
    if (wait !== null && bestWait !== null) {
      const excess = wait - bestWait
      if (!slow && wait > this.s.slowFactor * bestWait && excess > slack)
        slow = { kind: 'queued', perCommandMs: Math.round(wait), bestMs: Math.round(bestWait) }
      flat &&= wait <= this.s.flatFactor * bestWait || excess <= slack / 2
    }
    if (slow) {
      this.slowAnswers++
      if (this.slowAnswers < this.s.slowConfirm) return null
      this.slowAnswers = 0
      return this.overloaded(slow, a.generation, a.now)
    }
    this.slowAnswers = 0
    // No overload sign: the portal took this many in flight (see WindowMemory.sustained).
    if (a.generation === this.gen && ++this.cleanAtSize >= this.size)
      this.proven = Math.max(this.proven, this.size)
    // Slower but not alarming: hold the window where it is.
    if (!flat) return null
    this.clean++
    if (this.size >= this.max) return null
    const next = this.size + 1
    const needed = this.slowStart
      ? 1
      : this.overloadedAt !== null && next >= this.overloadedAt
        ? this.size * this.s.probeRounds
        : this.size
    if (this.clean < needed) return null
    // Growing takes clean answers at this size: the portal took it.
    this.proven = Math.max(this.proven, this.size)
    this.size = next
    this.clean = 0
    this.cleanAtSize = 0
    return this.size
  }

  /**
   * The portal showed overload on a request sent in `generation`. Answers the new window when this
   * lowered it; null when the request belonged to a window already lowered (or it is at 1 already).
   */
  overloaded(signal: OverloadSignal, generation: number, now: number): number | null {
    this.slowStart = false
    this.clean = 0
    if (generation !== this.gen) return null
    this.overloadedAt = this.size
    if (this.size <= 1) return null
    const from = this.size
    this.size = Math.max(1, Math.ceil(this.size / 2))
    this.gen++
    this.last = { from, to: this.size, at: now, signal }
    this.loweredAt = now
    this.proven = Math.min(this.proven, this.size)
    this.cleanAtSize = 0
    return this.size
  }
}
