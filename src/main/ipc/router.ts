import type { IpcResult } from '../../shared/ipc/define'
import type { RequestChannel } from '../../shared/ipc/contract'
import { requestChannels } from '../../shared/ipc/contract'
import { ContractInputError, invokeChecked, isRequestChannel, type Handlers } from '../../shared/ipc/handlers'
import { AppError } from '../services/errors'
import { toIpcError } from './errors'

// Older imports (tests) still take the handler types from here; new code imports src/shared/ipc/handlers.
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
 * input is validated against the contract (by `invokeChecked`, as the command line's is), and
 * failures come back as data, never as a crash of main.
 */
export const createIpcRouter = ({ handlers, isTrustedSender, log = () => {} }: RouterOptions): IpcRouter => ({
  channels: requestChannels,
  async dispatch(channel, rawInput, sender) {
    if (!isRequestChannel(channel)) {
      return fail(new AppError('IPC_UNKNOWN_CHANNEL', `No such request: ${String(channel).slice(0, 100)}`))
    }
    if (!isTrustedSender(sender)) {
      log(`ipc: refused ${channel} from untrusted sender ${sender.webContentsId}`)
      return fail(new AppError('IPC_UNTRUSTED_SENDER', 'This request did not come from the B24 Desk window.'))
    }
    try {
      return { ok: true, value: await invokeChecked(handlers, channel, rawInput) }
    } catch (err) {
      if (err instanceof ContractInputError)
        return fail(new AppError('IPC_INVALID_INPUT', err.message, { details: err.problems }))
      if (!(err instanceof AppError))
        log(`ipc: ${channel} failed: ${err instanceof Error ? err.stack : String(err)}`)
      return fail(err)
    }
  }
})

const fail = (err: unknown): IpcResult<never> => ({ ok: false, error: toIpcError(err) })
