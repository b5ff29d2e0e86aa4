import type { ErrorCategory } from '../../shared/domain/portal'

/**
 * An error meant for a person: a stable code, a message they can act on, who can do something about
 * it (`category`), and optional details. Services throw these; the IPC edge turns them into data
 * (src/main/ipc/errors.ts) and the command line prints them.
 */
export class AppError extends Error {
  readonly code: string
  readonly category?: ErrorCategory
  readonly details?: unknown

  constructor(
    code: string,
    message: string,
    options: { category?: ErrorCategory; details?: unknown; cause?: unknown } = {}
  ) {
    super(message, { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.category = options.category
    this.details = options.details
  }
}
