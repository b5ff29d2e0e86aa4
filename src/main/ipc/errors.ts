import type { IpcError } from '../../shared/ipc/define'

/**
 * An error meant for a person: a stable code, a message they can act on, and optional details.
 * Services throw these; the router sends them to the renderer unchanged.
 */
export class AppError extends Error {
  readonly code: string
  readonly category?: string
  readonly details?: unknown

  constructor(
    code: string,
    message: string,
    options: { category?: string; details?: unknown; cause?: unknown } = {}
  ) {
    super(message, { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.category = options.category
    this.details = options.details
  }
}

export const toIpcError = (err: unknown): IpcError => {
  if (err instanceof AppError) {
    return { code: err.code, message: err.message, category: err.category, details: err.details }
  }
  // Unknown failures keep their message out of the renderer: it may carry paths or secrets.
  return { code: 'INTERNAL', message: 'Something went wrong in B24 Desk. The details are in the log.' }
}
