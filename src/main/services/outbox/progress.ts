/**
 * Coalesces change notifications into at most one emission per interval (trailing edge), so a
 * lane finishing thousands of operations sends the renderer a few snapshots a second, not thousands.
 */
export class ProgressThrottle {
  private timer: NodeJS.Timeout | null = null
  private lastAt = 0
  private disposed = false
  private readonly intervalMs: number
  private readonly emit: () => void

  constructor(intervalMs: number, emit: () => void) {
    this.intervalMs = intervalMs
    this.emit = emit
  }

  changed(): void {
    // A request left in flight at stop may still answer afterwards; the database is closed by then.
    if (this.timer || this.disposed) return
    const wait = Math.max(0, this.lastAt + this.intervalMs - Date.now())
    this.timer = setTimeout(() => {
      this.timer = null
      this.lastAt = Date.now()
      this.emit()
    }, wait)
    this.timer.unref?.()
  }

  /** Emit what is pending now (on stop, so the last state is not lost). */
  flush(): void {
    if (!this.timer) return
    clearTimeout(this.timer)
    this.timer = null
    this.lastAt = Date.now()
    this.emit()
  }

  dispose(): void {
    this.disposed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
