import type { PortalStats } from './types.ts'

export interface CapacityLimits {
  concurrency?: number
  overloadAbove?: number
  overloadMs: number
}

/** What happens to a request that arrives: it waits for and then holds a slot, or it is refused. */
export type Admission = { kind: 'admitted'; release: () => void } | { kind: 'overload'; html: boolean }

/**
 * How many requests a portal serves at once, and when it gives up (issue 10). A real portal has a
 * pool of workers: requests beyond it wait, and past some backlog it answers HTTP 500, a JSON
 * INTERNAL_SERVER_ERROR or the web server's text/html page in turn (docs/bitrix24.md#other-limits, #gotchas). Here the
 * backlog that counts is everything being served or waiting when a request arrives, so a client
 * that keeps at most `overloadAbove` requests in flight is never refused, and one above it is.
 */
export class Capacity {
  private inFlight = 0
  private readonly waiting: Array<() => void> = []
  private htmlNext = false
  private overloadedUntil = 0
  private counts = { requests: 0, responses5xx: 0, overload500: 0, peakInFlight: 0, peakLoad: 0 }
  private readonly now: () => number
  private limits: CapacityLimits

  constructor(now: () => number, limits: CapacityLimits) {
    this.now = now
    this.limits = limits
  }

  /** New limits take effect at once: a raised or removed concurrency lets waiting requests in. */
  setLimits(limits: CapacityLimits): void {
    this.limits = limits
    this.pump()
  }

  /** Resolves once the request holds a slot, or at once with a refusal. */
  async enter(): Promise<Admission> {
    this.counts.requests++
    const load = this.inFlight + this.waiting.length
    const above = this.limits.overloadAbove
    if (above !== undefined && load >= above) {
      this.counts.overload500++
      this.overloadedUntil = this.now() + this.limits.overloadMs
      const html = this.htmlNext
      this.htmlNext = !this.htmlNext
      return { kind: 'overload', html }
    }
    this.counts.peakLoad = Math.max(this.counts.peakLoad, load + 1)
    if (!this.hasFreeSlot()) await new Promise<void>((resolve) => this.waiting.push(resolve))
    else this.take()
    let released = false
    return {
      kind: 'admitted',
      release: () => {
        if (released) return
        released = true
        this.inFlight--
        this.pump()
      }
    }
  }

  countResponse(status: number): void {
    if (status >= 500) this.counts.responses5xx++
  }

  stats(): Omit<PortalStats, 'parked'> {
    return {
      ...this.counts,
      inFlight: this.inFlight,
      waiting: this.waiting.length,
      overloaded: this.now() < this.overloadedUntil
    }
  }

  /** Forgets the counters; requests in progress keep their slots. */
  resetStats(): void {
    this.counts = { requests: 0, responses5xx: 0, overload500: 0, peakInFlight: 0, peakLoad: 0 }
    this.overloadedUntil = 0
    this.htmlNext = false
  }

  private hasFreeSlot(): boolean {
    const c = this.limits.concurrency
    return c === undefined || this.inFlight < c
  }

  private take(): void {
    this.inFlight++
    this.counts.peakInFlight = Math.max(this.counts.peakInFlight, this.inFlight)
  }

  /** Lets waiting requests in, first come first served, while slots are free. */
  private pump(): void {
    while (this.waiting.length > 0 && this.hasFreeSlot()) {
      this.take()
      this.waiting.shift()?.()
    }
  }
}
