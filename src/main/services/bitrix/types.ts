import type { ErrorCategory, LimitsPreset } from '../../../shared/domain/portal'
import { AppError } from '../errors'
import type { Localized } from '../app/language'

/** A failure reported by, or on the way to, one portal: the portal's own code plus what to do about it. */
export class RestError extends AppError {
  readonly portalId: string
  readonly method: string
  readonly httpStatus: number | null
  override readonly category: ErrorCategory
  /** The same message in every UI language, so a stored error can be shown after a language switch. */
  readonly messages: Localized | null

  constructor(init: {
    code: string
    message: string
    category: ErrorCategory
    portalId: string
    method: string
    httpStatus: number | null
    cause?: unknown
    messages?: Localized
  }) {
    super(init.code, init.message, {
      category: init.category,
      cause: init.cause,
      details: { method: init.method }
    })
    this.name = 'RestError'
    this.portalId = init.portalId
    this.method = init.method
    this.httpStatus = init.httpStatus
    this.category = init.category
    this.messages = init.messages ?? null
  }
}

export interface BatchCommand {
  method: string
  params: Record<string, unknown>
}

/** What a portal reports about the time a call took; the outbox paces its lanes from it. */
export interface CallTiming {
  processing: number | null
  operating: number | null
  operatingResetAt: number | null
}

/** A single call's answer; `total` and `next` are the list envelope's paging fields when present. */
export interface CallResult<T> {
  result: T
  timing: CallTiming | null
  total?: number
  next?: number
}

export type BatchItemResult =
  | { ok: true; result: unknown; timing: CallTiming | null; total?: number; next?: number }
  | { ok: false; error: RestError; timing: CallTiming | null }

/** One REST client per portal, with that portal's limits preset and trust settings. */
export interface PortalClient {
  readonly portalId: string
  readonly limits: LimitsPreset
  /** Throws RestError. */
  call<T = unknown>(method: string, params?: Record<string, unknown>): Promise<CallResult<T>>
  /**
   * Up to 50 commands with halt=0. Resolves with one entry per command, in order; throws RestError
   * only when the batch call as a whole failed (transport, auth, rate limit, portal down).
   */
  batch(commands: BatchCommand[]): Promise<BatchItemResult[]>
}
