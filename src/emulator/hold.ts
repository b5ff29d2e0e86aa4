/**
 * Parks REST requests until released, so a test that needs a portal mid-job holds it there instead
 * of racing a latency: `after` requests go through, every later one waits. Lifting the hold
 * (`after` null) lets the parked requests carry on as if they had just arrived.
 */
export class Hold {
  private after: number | null = null
  private passed = 0
  private readonly parked = new Set<() => void>()

  /** Starts counting afresh: `after` more requests pass, the rest wait; null lifts the hold. */
  set(after: number | null): void {
    this.after = after
    this.passed = 0
    if (after === null) this.wake()
  }

  /** Requests waiting now. */
  count(): number {
    return this.parked.size
  }

  /** undefined when the request may go on at once, else a promise that settles when it may. */
  enter(): Promise<void> | undefined {
    if (this.after === null) return undefined
    if (this.passed < this.after) {
      this.passed += 1
      return undefined
    }
    return new Promise((resolve) => this.parked.add(resolve))
  }

  /** Lets every parked request go on; one whose connection is gone meanwhile ends there. */
  wake(): void {
    const waiting = [...this.parked]
    this.parked.clear()
    for (const resolve of waiting) resolve()
  }
}
