import type { RateConfig } from '../types.ts'

/** The portal-wide leaky bucket: each request adds one, the level drains continuously. */
export class LeakyBucket {
  private level = 0
  private updatedAt: number
  private config: RateConfig
  private readonly now: () => number

  constructor(config: RateConfig, now: () => number) {
    this.config = config
    this.now = now
    this.updatedAt = now()
  }

  setConfig(config: RateConfig): void {
    this.drain()
    this.config = config
  }

  /** Adds one request; false when the bucket is full (the request must be rejected). */
  take(): boolean {
    this.drain()
    if (this.level + 1 > this.config.burst) return false
    this.level += 1
    return true
  }

  currentLevel(): number {
    this.drain()
    return this.level
  }

  reset(): void {
    this.level = 0
    this.updatedAt = this.now()
  }

  private drain(): void {
    const t = this.now()
    const elapsed = Math.max(0, t - this.updatedAt) / 1000
    this.level = Math.max(0, this.level - elapsed * this.config.drainPerSecond)
    this.updatedAt = t
  }
}
