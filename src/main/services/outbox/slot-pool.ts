/** The lane's slots: requests in flight (batches and read-backs), and read-backs waiting for a slot. */
import type { LaneStats } from './lane-core'

export interface SlotPoolHooks {
  stats: LaneStats
  /** How many requests the window allows now. */
  window: () => number
  stopping: () => boolean
  /** The count in flight changed: show it. */
  changed: () => void
  /** A slot came free: the lane looks at the queue again. */
  freed: () => void
}

export class SlotPool {
  /** Requests on the wire (batches and read-backs). */
  private count = 0
  /** Read-backs waiting for a slot: they go before new batches, which wait for their verdicts. */
  private readonly waiters: Array<() => void> = []

  constructor(private readonly hooks: SlotPoolHooks) {}

  get inFlight(): number {
    return this.count
  }

  /** No slot for a new batch: the window is full, or a read-back waits for the next free one. */
  full(): boolean {
    return this.count >= this.hooks.window() || this.waiters.length > 0
  }

  take(): void {
    this.count++
    if (this.count > this.hooks.stats.peakInFlight) this.hooks.stats.peakInFlight = this.count
    this.hooks.changed()
  }

  /** An answer (or a failure) freed a slot: a waiting read-back takes it before any new batch. */
  release(): void {
    // Handed over only within the window: after a lowering, the requests still out from the larger
    // window give their slots back, so a waiting read does not go out as one too many.
    if (this.waiters.length > 0 && !this.hooks.stopping() && this.count <= this.hooks.window()) {
      this.waiters.shift()?.()
      return
    }
    this.count = Math.max(0, this.count - 1)
    this.hooks.changed()
    this.hooks.freed()
  }

  async wait(): Promise<void> {
    if (this.count < this.hooks.window() && this.waiters.length === 0) {
      this.take()
      return
    }
    // The releasing request hands its slot over: the count stays as it is.
    await new Promise<void>((resolve) => this.waiters.push(resolve))
    if (this.hooks.stopping()) throw new Error('the lane stopped')
  }

  /** The lane stops: every waiting read-back wakes (and gives up). */
  stop(): void {
    for (const w of this.waiters.splice(0)) w()
  }
}
