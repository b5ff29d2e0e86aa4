/**
 * Teardown in one place (like VS Code's DisposableStore): what a module set up is added as it is set
 * up and undone in reverse order, each step run even when one before it throws. Main's services and
 * the renderer's bootstrap both use it; it imports nothing.
 */

/** Anything with a dispose method: a watcher, a tracker, another store. */
export interface Disposable {
  dispose(): unknown
}

/** One teardown step: a function to call (an unsubscribe, a close) or something to dispose. */
export type Teardown = Disposable | (() => unknown)

const run = (step: Teardown): unknown => (typeof step === 'function' ? step() : step.dispose())

/** The errors of a teardown: one is thrown as it was, several together. */
const failure = (errors: unknown[]): unknown =>
  errors.length === 1 ? errors[0] : new AggregateError(errors, `${errors.length} teardown steps failed`)

export class DisposableStore implements Disposable {
  private steps: Teardown[] = []
  private disposed = false

  get isDisposed(): boolean {
    return this.disposed
  }

  /** Adds a step and answers it. A store already disposed runs it at once: nothing set up late leaks. */
  add<T extends Teardown>(step: T): T {
    if (this.disposed) run(step)
    else this.steps.push(step)
    return step
  }

  /** Takes the steps to run, newest first; the store is disposed from then on. */
  private take(): Teardown[] {
    this.disposed = true
    const steps = this.steps.reverse()
    this.steps = []
    return steps
  }

  /**
   * Runs every step, newest first, without waiting for any (a step's promise is left to itself: use
   * disposeAsync when steps must finish in turn). Then throws what they threw. Runs once.
   */
  dispose(): void {
    const errors: unknown[] = []
    for (const step of this.take()) {
      try {
        run(step)
      } catch (e) {
        errors.push(e)
      }
    }
    if (errors.length > 0) throw failure(errors)
  }

  /**
   * Runs every step, newest first, each after the one before has finished (a close that answers a
   * promise is awaited). Then rejects with what they threw. Runs once.
   */
  async disposeAsync(): Promise<void> {
    const errors: unknown[] = []
    for (const step of this.take()) {
      try {
        await run(step)
      } catch (e) {
        errors.push(e)
      }
    }
    if (errors.length > 0) throw failure(errors)
  }
}
