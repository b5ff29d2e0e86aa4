import type { EventChannel, EventPayload } from '../../shared/ipc/contract'

/**
 * The one event primitive: listeners subscribe and get an unsubscribe back; a listener that throws
 * is reported to `onError` and never reaches the code that emitted (one broken listener must not stop
 * a lane or a sync).
 */
export class Emitter<A extends unknown[]> {
  private readonly listeners = new Set<(...args: A) => void>()
  private readonly onError: (err: unknown) => void

  constructor(onError: (err: unknown) => void = () => {}) {
    this.onError = onError
  }

  subscribe(listener: (...args: A) => unknown): () => void {
    // A wrapper per subscription, so subscribing the same function twice needs two unsubscribes.
    const wrapped = (...args: A) => listener(...args)
    this.listeners.add(wrapped)
    return () => {
      this.listeners.delete(wrapped)
    }
  }

  emit(...args: A): void {
    for (const l of [...this.listeners]) {
      try {
        l(...args)
      } catch (err) {
        this.onError(err)
      }
    }
  }

  get size(): number {
    return this.listeners.size
  }
}

/** One contract event as listener arguments: the channel narrows the payload. */
export type AppEventArgs = { [E in EventChannel]: [channel: E, payload: EventPayload<E>] }[EventChannel]

/**
 * What services push to whoever shows the app (the window through the IPC event hub, the e2e harness,
 * other services listening). Typed by the contract's event map.
 */
export interface AppEvents {
  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void
  subscribe(listener: (...event: AppEventArgs) => unknown): () => void
  /** The window said it is listening (`app:ready`): whoever delivers to it may send what it held. */
  rendererReady(): void
  onRendererReady(listener: () => void): () => void
}

export const createAppEvents = (log: (line: string) => void = () => {}): AppEvents => {
  const onError = (err: unknown) =>
    log(`events: a listener failed: ${err instanceof Error ? err.message : String(err)}`)
  const bus = new Emitter<AppEventArgs>(onError)
  const ready = new Emitter<[]>(onError)
  return {
    emit: (channel, payload) => bus.emit(...([channel, payload] as AppEventArgs)),
    subscribe: (listener) => bus.subscribe(listener),
    rendererReady: () => ready.emit(),
    onRendererReady: (listener) => ready.subscribe(listener)
  }
}
