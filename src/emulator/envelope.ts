import type { ServerResponse } from 'node:http'
import type { DateFormat } from './types.ts'

/** An error the portal reports in the `{error, error_description}` envelope. */
export class RestError extends Error {
  readonly status: number
  readonly code: string
  readonly description: string
  constructor(status: number, code: string, description: string) {
    super(`${code}: ${description}`)
    this.status = status
    this.code = code
    this.description = description
  }
}

export const errors = {
  noAuth: () => new RestError(401, 'NO_AUTH_FOUND', 'Wrong authorization data'),
  methodNotFound: () => new RestError(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!'),
  httpsRequired: () => new RestError(400, 'INVALID_REQUEST', 'Https required.'),
  queryLimit: () => new RestError(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests'),
  operationTimeLimit: () =>
    new RestError(429, 'OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit'),
  overload: () => new RestError(503, 'OVERLOAD_LIMIT', 'REST API is blocked due to overload.'),
  portalDeleted: () => new RestError(500, 'PORTAL_DELETED', 'Portal was deleted'),
  expiredToken: () => new RestError(401, 'expired_token', 'The access token provided has expired'),
  insufficientScope: (transport: 'webhook' | 'oauth') =>
    new RestError(
      403,
      'insufficient_scope',
      `The request requires higher privileges than provided by the ${transport === 'webhook' ? 'webhook' : 'access'} token`
    ),
  internal: () => new RestError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error'),
  batchNotAllowed: () =>
    new RestError(405, 'ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage'),
  batchLength: () => new RestError(400, 'ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded')
}

export interface TimeInfo {
  start: number
  finish: number
  duration: number
  processing: number
  date_start: string
  date_finish: string
  operating_reset_at?: number
  operating?: number
}

/** PHP date('c') in the portal's zone: 2026-03-12T01:57:18+01:00. */
export function isoWithOffset(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * 60_000)
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  const pad = (n: number) => String(n).padStart(2, '0')
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  )
}

/**
 * Landing list dates are strings in the portal's regional format, not ISO (docs/bitrix24.md#landing-fields, #dates):
 * 'us' `04/20/2020 12:48:10 pm` (month first, 12-hour), 'ru' `20.04.2020 12:48:10`, 'eu-slash'
 * `20/04/2020 12:48:10` (day first, 24-hour), all in the portal's time zone.
 */
export function landingDate(ms: number, offsetMinutes: number, format: DateFormat = 'us'): string {
  const d = new Date(ms + offsetMinutes * 60_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  const h = d.getUTCHours()
  const day = pad(d.getUTCDate())
  const month = pad(d.getUTCMonth() + 1)
  const year = d.getUTCFullYear()
  const minSec = `${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  if (format === 'ru') return `${day}.${month}.${year} ${pad(h)}:${minSec}`
  if (format === 'eu-slash') return `${day}/${month}/${year} ${pad(h)}:${minSec}`
  const h12 = h % 12 === 0 ? 12 : h % 12
  return `${month}/${day}/${year} ${pad(h12)}:${minSec} ${h < 12 ? 'am' : 'pm'}`
}

export function makeTime(
  startMs: number,
  processingMs: number,
  offsetMinutes: number,
  operating?: { operating: number; resetAt: number }
): TimeInfo {
  const round = (x: number) => Math.round(x * 10000) / 10000
  const start = startMs / 1000
  const processing = processingMs / 1000
  const time: TimeInfo = {
    start: round(start),
    finish: round(start + processing),
    duration: round(processing),
    processing: round(processing),
    date_start: isoWithOffset(startMs, offsetMinutes),
    date_finish: isoWithOffset(startMs + processingMs, offsetMinutes)
  }
  if (operating) {
    time.operating_reset_at = operating.resetAt
    time.operating = Math.round(operating.operating * 10000) / 10000
  }
  return time
}

/** Field order as real responses have it: result, next, total, time. */
export function successBody(
  result: unknown,
  time: TimeInfo,
  next?: number,
  total?: number
): Record<string, unknown> {
  const body: Record<string, unknown> = { result }
  if (next !== undefined) body.next = next
  if (total !== undefined) body.total = total
  body.time = time
  return body
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers
  })
  res.end(text)
}

export function sendError(res: ServerResponse, err: RestError): void {
  sendJson(res, err.status, { error: err.code, error_description: err.description })
}
