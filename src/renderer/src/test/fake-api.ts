import type {
  EventChannel,
  EventPayload,
  RendererApi,
  RequestChannel,
  RequestInput,
  RequestOutput
} from '../../../shared/ipc/contract'
import type { IpcResult } from '../../../shared/ipc/define'

type Handler<C extends RequestChannel> = (
  input: RequestInput<C>
) => RequestOutput<C> | Promise<RequestOutput<C>>
export type FakeHandlers = { [C in RequestChannel]?: Handler<C> }

export class FakeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly category?: string
  ) {
    super(message)
  }
}

/**
 * A stand-in for the preload's `window.api`: answers from the given handlers (anything else fails
 * like an unimplemented channel), records every call, and lets a test push events.
 */
export const installFakeApi = (handlers: FakeHandlers = {}) => {
  const calls: Array<{ channel: RequestChannel; input: unknown }> = []
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const api: RendererApi = {
    async invoke(channel, ...input) {
      calls.push({ channel, input: input[0] })
      const h = handlers[channel] as ((i: unknown) => unknown) | undefined
      if (!h) {
        return {
          ok: false,
          error: { code: 'NOT_IMPLEMENTED', message: `${channel} is not faked` }
        } as IpcResult<never>
      }
      try {
        return { ok: true, value: await h(input[0]) } as IpcResult<never>
      } catch (err) {
        const e = err as FakeError
        return {
          ok: false,
          error: { code: e.code ?? 'ERROR', message: e.message, category: e.category }
        } as IpcResult<never>
      }
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set()
      set.add(listener as (p: unknown) => void)
      listeners.set(channel, set)
      return () => set.delete(listener as (p: unknown) => void)
    }
  }
  Object.defineProperty(window, 'api', { value: api, configurable: true, writable: true })
  return {
    calls,
    handlers,
    callsTo: (channel: RequestChannel) => calls.filter((c) => c.channel === channel).map((c) => c.input),
    emit<E extends EventChannel>(channel: E, payload: EventPayload<E>) {
      listeners.get(channel)?.forEach((l) => l(payload))
    }
  }
}
