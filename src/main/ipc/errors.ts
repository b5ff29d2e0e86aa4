import type { IpcError } from '../../shared/ipc/define'
import { AppError } from '../services/errors'

/** The IPC edge: an AppError crosses to the renderer as data; anything else as a generic message. */
export const toIpcError = (err: unknown): IpcError => {
  if (err instanceof AppError) {
    return { code: err.code, message: err.message, category: err.category, details: err.details }
  }
  // Unknown failures keep their message out of the renderer: it may carry paths or secrets.
  return { code: 'INTERNAL', message: 'Something went wrong in B24 Desk. The details are in the log.' }
}
