const WINDOW_MS = 600_000
const BUCKET_MS = 60_000

interface Bucket {
  minute: number
  /** A bucket's ten-minute window starts at the first call counted in its minute. */
  firstAt: number
  seconds: number
}

export interface OperatingReading {
  operating: number
  resetAt: number
}

/** Per (webhook or app, method) execution time in ten one-minute buckets (docs/bitrix24.md#operating-limit). */
export class OperatingTracker {
  private readonly buckets = new Map<string, Bucket[]>()
  private readonly now: () => number

  constructor(now: () => number) {
    this.now = now
  }

  private live(key: string): Bucket[] {
    const t = this.now()
    const list = (this.buckets.get(key) ?? []).filter((b) => b.firstAt + WINDOW_MS > t)
    this.buckets.set(key, list)
    return list
  }

  read(caller: string, method: string): OperatingReading {
    const list = this.live(`${caller}|${method}`)
    const operating = list.reduce((s, b) => s + b.seconds, 0)
    const oldest = list.length > 0 ? Math.min(...list.map((b) => b.firstAt)) : this.now()
    return { operating, resetAt: Math.floor((oldest + WINDOW_MS) / 1000) }
  }

  /** The check runs before the call: only a sum already over the limit blocks. */
  isBlocked(caller: string, method: string, limitSec: number): boolean {
    return this.read(caller, method).operating > limitSec
  }

  add(caller: string, method: string, seconds: number): OperatingReading {
    const key = `${caller}|${method}`
    const list = this.live(key)
    const t = this.now()
    const minute = Math.floor(t / BUCKET_MS)
    let bucket = list.find((b) => b.minute === minute)
    if (!bucket) {
      bucket = { minute, firstAt: t, seconds: 0 }
      list.push(bucket)
    }
    bucket.seconds += seconds
    return this.read(caller, method)
  }

  reset(): void {
    this.buckets.clear()
  }
}
