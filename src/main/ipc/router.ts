import type { IpcResult } from '../../shared/ipc/define'
import type { RequestChannel, Requests } from '../../shared/ipc/contract'
import { requests } from '../../shared/ipc/contract'
import { AppError } from '../services/errors'
import { toIpcError } from './errors'
import type { Handlers } from '../../shared/ipc/handlers'

export type { Handler, Handlers } from '../../shared/ipc/handlers'

/** Who sent a request: Electron's sender id and frame URL, or the e2e harness's equivalent. */
export interface SenderInfo {
  webContentsId: number
  frameUrl: string | undefined
}

export interface RouterOptions {
  handlers: Handlers
  isTrustedSender: (sender: SenderInfo) => boolean
  log?: (line: string) => void
}

export interface IpcRouter {
  channels: readonly RequestChannel[]
  dispatch(channel: string, rawInput: unknown, sender: SenderInfo): Promise<IpcResult<unknown>>
}

/**
 * The one place every renderer request passes: unknown channels and untrusted senders are refused,
 * input is validated against the contract, and failures come back as data, never as a crash of main.
 */
export const createIpcRouter = ({ handlers, isTrustedSender, log = () => {} }: RouterOptions): IpcRouter => {
  const channels = Object.keys(requests) as RequestChannel[]
  return {
    channels,
    async dispatch(channel, rawInput, sender) {
      if (!Object.hasOwn(requests, channel)) {
        return fail(new AppError('IPC_UNKNOWN_CHANNEL', `No such request: ${String(channel).slice(0, 100)}`))
      }
      if (!isTrustedSender(sender)) {
        log(`ipc: refused ${channel} from untrusted sender ${sender.webContentsId}`)
        return fail(
          new AppError('IPC_UNTRUSTED_SENDER', 'This request did not come from the B24 Desk window.')
        )
      }
      const c = channel as RequestChannel
      const schema = (requests as Requests)[c].input
      const parsed = schema.safeParse(rawInput)
      if (!parsed.success) {
        const issues = parsed.error.issues
          .slice(0, 10)
          .map((i) => ({ path: i.path.join('.'), message: i.message }))
        const where = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')
        return fail(
          new AppError('IPC_INVALID_INPUT', `Invalid input for ${c}: ${where}`, { details: issues })
        )
      }
      try {
        const handler = handlers[c] as (input: unknown) => unknown
        const value = await handler(parsed.data)
        return { ok: true, value }
      } catch (err) {
        if (!(err instanceof AppError))
          log(`ipc: ${c} failed: ${err instanceof Error ? err.stack : String(err)}`)
        return fail(err)
      }
    }
  }
}

const fail = (err: unknown): IpcResult<never> => ({ ok: false, error: toIpcError(err) })
