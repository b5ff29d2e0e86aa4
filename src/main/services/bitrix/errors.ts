import { AjaxError } from '@bitrix24/b24jssdk'
import type { ErrorCategory } from '../../../shared/domain/portal'
import { getLanguage, type Localized } from '../app/language'
import { ERROR_TABLE, PREFIX_CODES, type ErrorSpec } from './error-table'
import { RestError } from './types'
import { redactSecrets } from './redact'

export interface ErrorContext {
  portalId: string
  method: string
}

const fill = (text: string, vars: Record<string, string | number>): string =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m))

const localizedWith = (text: Localized, vars: Record<string, string | number>): Localized => ({
  en: fill(text.en, vars),
  ru: fill(text.ru, vars)
})

/** Unknown codes still say something useful: the portal's own words plus what the status suggests. */
const fallbackSpec = (httpStatus: number | null): ErrorSpec => {
  const category: ErrorCategory =
    httpStatus === 401
      ? 'auth'
      : httpStatus === 429 || httpStatus === 503
        ? 'limited'
        : httpStatus !== null && httpStatus >= 500
          ? 'transient'
          : 'permanent'
  return {
    category,
    status: httpStatus,
    text: {
      en: 'The portal refused {method}: {description} ({code}).',
      ru: 'Портал отказал в {method}: {description} ({code}).'
    }
  }
}

export const specFor = (code: string, httpStatus: number | null): ErrorSpec => {
  if (Object.hasOwn(ERROR_TABLE, code)) return ERROR_TABLE[code]
  const prefixed = PREFIX_CODES.find((p) => code.startsWith(p))
  if (prefixed) return ERROR_TABLE[prefixed]
  return fallbackSpec(httpStatus)
}

/**
 * The permission (scope) a method belongs to. Bitrix24 names methods after their scope
 * (`crm.documentgenerator.*` needs `crm`, `landing.*` needs `landing`), which lets a scope
 * refusal say exactly what to grant.
 */
export const scopeOfMethod = (method: string): string => method.split('.')[0].toLowerCase()

/** Builds the typed error for a code, whether the portal sent it or B24 Desk assigned it. */
export const restError = (
  ctx: ErrorContext,
  code: string,
  opts: { httpStatus?: number | null; description?: string } = {}
): RestError => {
  const httpStatus = opts.httpStatus ?? null
  const s = specFor(code, httpStatus)
  const description = redactSecrets(opts.description?.trim() || code || '—').slice(0, 300)
  const messages = localizedWith(s.text, {
    method: ctx.method,
    description,
    code: code === '' ? '""' : code,
    status: httpStatus ?? '—',
    scope: scopeOfMethod(ctx.method)
  })
  return new RestError({
    code: code === '' ? 'EMPTY_CODE' : code,
    message: messages[getLanguage()],
    messages,
    category: s.category,
    portalId: ctx.portalId,
    method: ctx.method,
    httpStatus: httpStatus ?? s.status
  })
}

/** `{"error": "...", "error_description": "..."}` (v2) or `{"error": {"code", "message"}}` (v3). */
export const errorFromPayload = (
  ctx: ErrorContext,
  body: unknown,
  httpStatus: number | null
): RestError | null => {
  if (!body || typeof body !== 'object' || !('error' in body)) return null
  const raw = (body as { error: unknown; error_description?: unknown }).error
  if (typeof raw === 'string') {
    const description = (body as { error_description?: unknown }).error_description
    return restError(ctx, raw, {
      httpStatus,
      description: typeof description === 'string' ? description : undefined
    })
  }
  if (typeof raw === 'number') return restError(ctx, String(raw), { httpStatus })
  if (raw && typeof raw === 'object' && 'code' in raw) {
    const r = raw as { code: unknown; message?: unknown }
    return restError(ctx, String(r.code), {
      httpStatus,
      description: typeof r.message === 'string' ? r.message : undefined
    })
  }
  return null
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL'
])
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ERR_NETWORK',
  'NETWORK_ERROR',
  'ERR_SOCKET_CLOSED',
  'UND_ERR_SOCKET'
])
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ECONNABORTED',
  'ESOCKETTIMEDOUT',
  'REQUEST_TIMEOUT',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT'
])

export const isTlsCode = (code: string): boolean =>
  /^(CERT_|ERR_TLS_|ERR_SSL_|SSL_)/.test(code) ||
  [
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'EPROTO',
    'HOSTNAME_MISMATCH'
  ].includes(code)

/** Low-level codes the client must not retry itself: it reports them so health and the outbox decide. */
export const NON_RETRYABLE_TRANSPORT_CODES = [
  ...UNREACHABLE_CODES,
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
  'NON_JSON_RESPONSE',
  // A redirect will not go away by asking again, and each retry would knock on the portal for nothing.
  'PORTAL_REDIRECTED'
]

/** A failure before any REST envelope: refused connection, DNS, reset, timeout, certificate. */
export const errorFromTransport = (
  ctx: ErrorContext,
  lowLevelCode: string,
  detail?: string
): RestError | null => {
  const description = detail ? `${lowLevelCode}: ${detail}` : lowLevelCode
  if (UNREACHABLE_CODES.has(lowLevelCode))
    return restError(ctx, 'NETWORK_UNREACHABLE', { description: lowLevelCode })
  if (TIMEOUT_CODES.has(lowLevelCode)) return restError(ctx, 'TIMEOUT', { description: lowLevelCode })
  if (NETWORK_CODES.has(lowLevelCode)) return restError(ctx, 'NETWORK_ERROR', { description: lowLevelCode })
  if (isTlsCode(lowLevelCode)) return restError(ctx, 'TLS_CERTIFICATE', { description })
  return null
}

export const errorForNonJson = (ctx: ErrorContext, httpStatus: number | null): RestError =>
  restError(ctx, 'NON_JSON_RESPONSE', { httpStatus })

/**
 * Raised by the client when an answer is a redirect (3xx). Redirects are never followed: the
 * request carries the webhook code in its path or the token in its body, and following would hand
 * them to whatever host the Location names. Only that host is kept, for the message.
 */
export class RedirectAnswer extends Error {
  readonly code = 'PORTAL_REDIRECTED'
  readonly status: number
  readonly locationHost: string
  constructor(status: number, locationHost: string) {
    super(`Redirect (HTTP ${status}) to ${locationHost}`)
    this.name = 'RedirectAnswer'
    this.status = status
    this.locationHost = locationHost
  }
}

export const errorForRedirect = (ctx: ErrorContext, r: RedirectAnswer): RestError =>
  restError(ctx, 'PORTAL_REDIRECTED', { httpStatus: r.status, description: r.locationHost })

/** Raised by the client's response check when a portal answers 2xx with something that is not a JSON envelope. */
export class NonJsonAnswer extends Error {
  readonly code = 'NON_JSON_RESPONSE'
  readonly status: number
  constructor(status: number) {
    super(`Non-JSON answer (HTTP ${status})`)
    this.name = 'NonJsonAnswer'
    this.status = status
  }
}

interface AxiosLike {
  code?: unknown
  message?: unknown
  response?: { status?: unknown; data?: unknown }
  cause?: unknown
}

const asAxiosLike = (e: unknown): AxiosLike | null => (e && typeof e === 'object' ? (e as AxiosLike) : null)

/** The deepest `code` in a chain of causes: axios wraps Node's socket error, which holds the real reason. */
const lowLevelCode = (e: AxiosLike | null): string | null => {
  let cur: unknown = e
  let found: string | null = null
  for (let depth = 0; cur && typeof cur === 'object' && depth < 5; depth++) {
    const c = (cur as { code?: unknown }).code
    if (
      typeof c === 'string' &&
      c &&
      !['ERR_BAD_RESPONSE', 'ERR_BAD_REQUEST', 'JSSDK_UNKNOWN_ERROR'].includes(c)
    )
      found = c
    cur = (cur as { cause?: unknown }).cause
  }
  return found
}

/**
 * Turns whatever the SDK or the network threw into a RestError. The SDK's own parsing loses the
 * docgen codes "" and "0" (it swaps them for axios' code), so the raw response body is read here.
 * The SDK error is never kept as `cause`: its hidden transport error holds the webhook URL.
 */
export const toRestError = (ctx: ErrorContext, err: unknown): RestError => {
  if (err instanceof RestError) return err
  if (err instanceof NonJsonAnswer) return errorForNonJson(ctx, err.status)
  if (err instanceof RedirectAnswer) return errorForRedirect(ctx, err)

  const sdk = err instanceof AjaxError ? err : null
  const original = sdk
    ? asAxiosLike((sdk as unknown as { originalError?: unknown }).originalError)
    : asAxiosLike(err)
  if (original instanceof NonJsonAnswer) return errorForNonJson(ctx, original.status)
  if (original instanceof RedirectAnswer) return errorForRedirect(ctx, original)
  if (original instanceof RestError) return original

  const response = original?.response
  if (response && typeof response.status === 'number') {
    const fromBody = errorFromPayload(ctx, response.data, response.status)
    if (fromBody) return fromBody
    const data = response.data
    if (typeof data === 'string' || data === undefined || data === null || Buffer.isBuffer(data)) {
      return errorForNonJson(ctx, response.status)
    }
    return restError(ctx, `HTTP_${response.status}`, { httpStatus: response.status })
  }

  const low = lowLevelCode(original) ?? (sdk ? String(sdk.code) : null)
  if (low) {
    const transport = errorFromTransport(ctx, low)
    if (transport) return transport
  }
  if (sdk) {
    // An error envelope in a 2xx answer, or an SDK-level refusal (bad batch, bad params).
    return restError(ctx, String(sdk.code), { httpStatus: sdk.status || null, description: sdk.message })
  }
  const message = err instanceof Error ? err.message : String(err)
  if (/timeout/i.test(message)) return restError(ctx, 'TIMEOUT', { description: 'timeout' })
  return restError(ctx, 'CLIENT_ERROR', { description: message })
}
