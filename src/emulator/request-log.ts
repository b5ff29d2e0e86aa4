import type { RequestLogEntry, RequestLogView } from './types.ts'

/**
 * The portal's request log as a ring buffer: a long benchmark or a stuck client must not grow the
 * emulator's memory without bound, so only the latest `limit` entries are kept and the rest counted.
 */
export class RequestLog {
  private readonly limit: number
  private buf: RequestLogEntry[] = []
  private start = 0
  private dropped = 0

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`requestLogLimit must be a positive integer`)
    this.limit = limit
  }

  push(entry: RequestLogEntry): void {
    if (this.buf.length < this.limit) {
      this.buf.push(entry)
      return
    }
    this.buf[this.start] = entry
    this.start = (this.start + 1) % this.limit
    this.dropped++
  }

  clear(): void {
    this.buf = []
    this.start = 0
    this.dropped = 0
  }

  view(): RequestLogView {
    const entries = [...this.buf.slice(this.start), ...this.buf.slice(0, this.start)]
    const countsByMethod: Record<string, number> = {}
    for (const e of entries) countsByMethod[e.method] = (countsByMethod[e.method] ?? 0) + 1
    return { entries, countsByMethod, dropped: this.dropped }
  }
}
