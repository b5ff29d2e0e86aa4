import type { EventChannel, EventPayload } from '../../shared/ipc/contract'

export type EventSink = (channel: EventChannel, payload: unknown) => void

export interface EventHub {
  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void
  /** Connect the window; events are held until `markReady` so none is lost during start-up. */
  attach(sink: EventSink): void
  markReady(): void
  detach(): void
  subscribe(listener: EventSink): () => void
}

const HELD_LIMIT = 1000

export const createEventHub = (): EventHub => {
  let sink: EventSink | null = null
  let ready = false
  let held: Array<[EventChannel, unknown]> = []
  const listeners = new Set<EventSink>()

  const deliver = (channel: EventChannel, payload: unknown) => {
    if (sink && ready) sink(channel, payload)
    else {
      held.push([channel, payload])
      // A renderer that never becomes ready must not make main grow without bound.
      if (held.length > HELD_LIMIT) held = held.slice(-HELD_LIMIT)
    }
  }

  return {
    emit(channel, payload) {
      for (const l of listeners) l(channel, payload)
      deliver(channel, payload)
    },
    attach(s) {
      sink = s
      ready = false
    },
    markReady() {
      ready = true
      const pending = held
      held = []
      if (sink) for (const [c, p] of pending) sink(c, p)
    },
    detach() {
      sink = null
      ready = false
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
}
