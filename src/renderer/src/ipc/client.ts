import type {
  EventChannel,
  EventPayload,
  RendererApi,
  RequestChannel,
  RequestInput,
  RequestOutput
} from '../../../shared/ipc/contract'
import type { IpcError } from '../../../shared/ipc/define'

/** A failed request, with the stable code and category main gave it. */
export class IpcCallError extends Error {
  readonly code: string
  readonly category?: string
  readonly details?: unknown
  constructor(error: IpcError) {
    super(error.message)
    this.name = 'IpcCallError'
    this.code = error.code
    this.category = error.category
    this.details = error.details
  }
}

const bridge = (): RendererApi => {
  if (!window.api) throw new Error('B24 Desk must run inside its own window (window.api is missing).')
  return window.api
}

export const call = async <C extends RequestChannel>(
  channel: C,
  ...input: RequestInput<C> extends undefined ? [] : [RequestInput<C>]
): Promise<RequestOutput<C>> => {
  const res = await bridge().invoke(channel, ...input)
  if (res.ok) return res.value
  throw new IpcCallError(res.error)
}

export const subscribe = <E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void) =>
  bridge().on(channel, listener)
