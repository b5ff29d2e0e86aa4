import type { ErrorCategory } from '../../../shared/domain/portal'
import type { OverloadSignal } from './concurrency'

export interface BackoffSettings {
  /** First retry waits up to this long (ms); each further attempt doubles it, up to `maxMs`. */
  baseMs: number
  maxMs: number
}

export interface RetrySettings {
  transient: BackoffSettings
  /** Probing an unreachable portal. */
  probe: BackoffSettings
  /** A transient error this many times in a row fails the operation. */
  maxTransientAttempts: number
  /** When a portal blocks a method and we never saw its `operating_reset_at`. */
  operatingBlockFallbackMs: number
}

export const defaultRetrySettings: RetrySettings = {
  transient: { baseMs: 1_000, maxMs: 120_000 },
  probe: { baseMs: 2_000, maxMs: 300_000 },
  maxTransientAttempts: 8,
  operatingBlockFallbackMs: 60_000
}

/** "Full jitter" (AWS architecture blog): a random wait in [0, min(max, base * 2^n)] spreads retries apart. */
export const fullJitter = (
  b: BackoffSettings,
  attempt: number,
  random: () => number = Math.random
): number => {
  const ceiling = Math.min(b.maxMs, b.baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.floor(random() * ceiling)
}

/** Probes wait at least half the ceiling so a dead portal is not hammered by an unlucky draw of zero. */
export const probeDelay = (
  b: BackoffSettings,
  attempt: number,
  random: () => number = Math.random
): number => {
  const ceiling = Math.min(b.maxMs, b.baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.floor(ceiling / 2 + random() * (ceiling / 2))
}

export type ErrorKind =
  | 'rate-limited'
  | 'operating-limited'
  | 'batch-refused'
  | 'transient'
  | 'unreachable'
  | 'auth'
  | 'limited'
  | 'permanent'

const BATCH_REFUSAL_CODES = new Set(['ERROR_BATCH_LENGTH_EXCEEDED', 'ERROR_BATCH_METHOD_NOT_ALLOWED'])

/**
 * What the outbox does about an error. The client's category says who can fix it; a few codes get
 * special treatment because the outbox itself can avoid them (pace harder, send smaller batches).
 * `wholeRequest` is true when the error answered the request as a whole (a failed batch or single
 * call), false when it answered one command of a batch the portal accepted.
 */
export const classify = (
  err: { code: string; category: ErrorCategory; httpStatus?: number | null },
  wholeRequest: boolean
): ErrorKind => {
  if (err.code === 'QUERY_LIMIT_EXCEEDED') return 'rate-limited'
  if (err.code === 'OPERATION_TIME_LIMIT') return 'operating-limited'
  if (BATCH_REFUSAL_CODES.has(err.code)) return 'batch-refused'
  if (
    wholeRequest &&
    err.category === 'permanent' &&
    (err.httpStatus === 400 || err.httpStatus === 413 || err.httpStatus === 414)
  ) {
    return 'batch-refused'
  }
  // The portal authorised the batch that carried this command, so the credentials work: an auth
  // code on one command cannot justify stopping the lane. It is retried like a transient error
  // (bounded); if the credentials really went bad, the next request is refused as a whole and
  // pauses the lane then.
  if (!wholeRequest && err.category === 'auth') return 'transient'
  return err.category
}

/**
 * Whether a failed request says the portal is overloaded (issue 10): the lane then keeps fewer
 * requests in flight. An unreachable portal, refused credentials or the operating-time budget are
 * not overload: they have their own handling, and fewer requests would not help.
 */
export const overloadSignalOf = (err: {
  code: string
  httpStatus?: number | null
}): OverloadSignal | null => {
  const status = err.httpStatus ?? null
  if (err.code === 'QUERY_LIMIT_EXCEEDED') return { kind: 'rate-limited', status, code: err.code }
  if (err.code === 'NON_JSON_RESPONSE') return { kind: 'html', status, code: err.code }
  if (err.code === 'TIMEOUT') return { kind: 'timeout', status, code: err.code }
  if (err.code === 'NETWORK_ERROR') return { kind: 'dropped', status, code: err.code }
  if (status !== null && status >= 500) return { kind: 'http', status, code: err.code }
  return null
}
