/** The lane's window of requests in flight: its warm start and memory (lane-memory.ts), lowerings, and how it is shown. */
import type { Answer, OverloadSignal } from './concurrency'
import { InFlightWindow } from './concurrency'
import type { LaneCore } from './lane-core'
import { remember, warmStart } from './lane-memory'
import type { LaneLowered } from './store'

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

export class LaneWindow {
  readonly window: InFlightWindow
  private lastFlight = ''
  /** What was last written to the lane's memory (JSON), so unchanged memory is not written again. */
  private remembered = ''

  constructor(
    private readonly core: LaneCore,
    /** Requests on the wire now (slot-pool.ts). */
    private readonly inFlight: () => number
  ) {
    const { deps } = core
    this.window = new InFlightWindow(deps.ceilingFor(deps.portalId), deps.window)
    this.recall()
  }

  /** The window starts where the portal's last job left off (lane-memory.ts). */
  private recall(): void {
    const { deps, portalId } = this.core
    const memory = deps.memory
    if (!memory) return
    try {
      if (warmStart(this.window, memory.load(portalId), deps.clock.now()))
        this.remembered = JSON.stringify(this.window.memory())
    } catch (err) {
      deps.log(`outbox: lane ${portalId}: could not read what it learned: ${String(err)}`)
    }
  }

  /** Keeps what the window learned, when it changed (or, `force`, when a job ended). */
  remember(force = false): void {
    if (!this.core.deps.memory || this.core.stopping()) return
    const { memory, clock, log } = this.core.deps
    this.remembered = remember(
      memory,
      this.core.portalId,
      this.window,
      clock.now(),
      this.remembered,
      log,
      force
    )
  }

  /** The person's ceiling as it is now (it may change between batches); the last one if it cannot be read. */
  refreshCeiling(): void {
    let ceiling: number
    try {
      ceiling = this.core.deps.ceilingFor(this.core.portalId)
    } catch {
      ceiling = this.window.ceiling
    }
    this.window.setCeiling(ceiling)
  }

  /** Requests in flight, the window and why it was lowered, for every process to show. */
  show(): void {
    if (this.core.stopping()) return
    const { deps, portalId } = this.core
    const low = this.window.lowered
    const flight = {
      inFlight: this.inFlight(),
      window: this.window.window,
      ceiling: this.window.ceiling,
      lowered: low ? { to: low.to, at: low.at, why: loweredWhy(low.signal) } : null
    }
    const key = JSON.stringify(flight)
    if (key === this.lastFlight) return
    this.lastFlight = key
    try {
      deps.store.setLaneFlight(portalId, flight)
    } catch (err) {
      // Only the display loses: the next change writes again.
      deps.log(`outbox: lane ${portalId}: could not save its window: ${String(err)}`)
    }
    deps.onChange()
  }

  /** The portal showed overload: fewer requests in flight from now on. */
  overloaded(signal: OverloadSignal, generation: number): void {
    const to = this.window.overloaded(signal, generation, this.core.deps.clock.now())
    if (to === null) return
    this.core.stats.lowerings++
    const low = this.window.lowered
    this.core.deps.log(
      `outbox: lane ${this.core.portalId}: ${low?.from ?? '?'} -> ${to} requests in flight (${signal.kind}${signal.code ? ` ${signal.code}` : ''}${signal.status ? ` HTTP ${signal.status}` : ''})`
    )
    this.show()
    this.remember()
  }

  /** A batch was answered: its pace may grow the window, or lower it (slow answers). */
  answered(answer: Answer): void {
    const before = this.window.window
    const after = this.window.answered(answer)
    if (after === null) return
    if (after < before) {
      this.core.stats.lowerings++
      this.core.deps.log(
        `outbox: lane ${this.core.portalId}: ${before} -> ${after} requests in flight (${this.window.lowered?.signal.kind ?? 'slow'} answers)`
      )
    }
    this.show()
    this.remember()
  }
}
