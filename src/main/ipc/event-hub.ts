import type { EventChannel } from '../../shared/ipc/contract'
import { createAppEvents, type AppEvents } from '../services/events'

export type EventSink = (channel: EventChannel, payload: unknown) => void

/** The services' events, delivered to one window that may come and go. */
export interface EventHub extends AppEvents {
  /** Connect the window; events are held until it says it is ready so none is lost during start-up. */
  attach(sink: EventSink): void
  markReady(): void
  detach(): void
}

const HELD_LIMIT = 1000

export const createEventHub = (bus: AppEvents = createAppEvents()): EventHub => {
  let sink: EventSink | null = null
  let ready = false
  let held: Array<[EventChannel, unknown]> = []

  const markReady = () => {
    ready = true
    const pending = held
    held = []
    if (sink) for (const [c, p] of pending) sink(c, p)
  }
  bus.subscribe((channel, payload) => {
    if (sink && ready) sink(channel, payload)
    else {
      held.push([channel, payload])
      // A renderer that never becomes ready must not make main grow without bound.
      if (held.length > HELD_LIMIT) held = held.slice(-HELD_LIMIT)
    }
  })
  bus.onRendererReady(markReady)

  return {
    ...bus,
    attach(s) {
      sink = s
      ready = false
    },
    markReady,
    detach() {
      sink = null
      ready = false
    }
  }
}
