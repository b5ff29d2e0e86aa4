import {
  AjaxError,
  ApiVersion,
  B24Hook,
  B24OAuth,
  EnumAppStatus,
  type AjaxResult,
  type TypeB24
} from '@bitrix24/b24jssdk'
import type { LimitsPreset, TrustedCaInfo } from '../../../shared/domain/portal'
import type { Resolver } from './addresses'
import { HostBoundAgent } from './agent'
import { batchCommand } from './batch-query'
import { describeCaPem } from './ca'
import {
  errorFromPayload,
  NonJsonAnswer,
  RedirectAnswer,
  restError,
  toRestError,
  type ErrorContext
} from './errors'
import { restrictionParamsFor } from './limits'
import { createResourceFetcher } from './resource-fetch'
import { parseOAuthServerUrl, parsePortalUrl, parseWebhookUrl } from './webhook-url'
import {
  RestError,
  type BatchCommand,
  type BatchItemResult,
  type CallResult,
  type CallTiming,
  type PortalClient
} from './types'

export const DEFAULT_OAUTH_SERVER = 'https://oauth.bitrix24.tech'
export const MAX_BATCH = 50

export type ClientCredentials =
  | { kind: 'webhook'; webhookUrl: string }
  | {
      kind: 'oauth'
      portalUrl: string
      clientId: string
      clientSecret: string
      accessToken: string
      refreshToken: string
      /** Differs between regions; default https://oauth.bitrix24.tech. */
      oauthServer?: string
      /** Unix seconds; unknown means "valid until the portal says expired_token". */
      expires?: number
    }

export interface OAuthTokens {
  accessToken: string
  refreshToken: string
  expires: number
  /** The portal's own id as the OAuth server reports it with the tokens. */
  memberId?: string
}

export interface PortalClientOptions {
  portalId: string
  limits: LimitsPreset
  credentials: ClientCredentials
  /** PEM of the only extra CA to trust, for this portal's host only; system trust otherwise. */
  caPem?: string | null
  timeoutMs?: number
  maxRetries?: number
  operatingLimitSec?: number | null
  /**
   * The portal's `member_id` as first seen: a refresh that reports another one is refused
   * (PORTAL_IDENTITY_CHANGED) and its tokens are not used: the address answers as another portal.
   */
  expectMemberId?: () => string | null | undefined
  /** Called after every token refresh, before the retried call continues: persist the rotated pair. */
  onTokensRefreshed?: (tokens: OAuthTokens) => void | Promise<void>
  log?: (line: string) => void
  /** Name resolution for resource downloads; tests pass one so no name reaches real DNS. */
  resolve?: Resolver
  /** The largest answer accepted, in bytes (default MAX_RESPONSE_BYTES); a larger one is refused unread. */
  maxResponseBytes?: number
}

/**
 * The largest answer a portal may send to one request. A batch of 50 pages of 500 rows is a few
 * megabytes; an answer far beyond that is a broken or hostile portal, and reading it would hold it
 * all in memory (twice, parsed).
 */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024

/** The PortalClient plus what the portals service needs around it. */
export interface PortalClientHandle extends PortalClient {
  readonly host: string
  /** Subject and fingerprint of the CA trusted for this portal's host (empty: system roots only). */
  readonly trustedCa: TrustedCaInfo[]
  /**
   * Downloads a preview image: from the portal's host or a Bitrix24 site host only, over https,
   * redirects only within the same host, never from internal addresses (see resource-fetch.ts).
   */
  fetchBytes(
    url: string,
    opts?: { maxBytes?: number }
  ): Promise<{ bytes: Buffer; contentType: string | null }>
  close(): void
}

type RawEnvelope = { result?: unknown; time?: unknown; total?: unknown; next?: unknown }

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const num = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : null

export const timingFrom = (time: unknown): CallTiming | null => {
  if (!isObject(time)) return null
  return {
    processing: num(time.processing),
    operating: num(time.operating),
    operatingResetAt: num(time.operating_reset_at)
  }
}

/** Batch members are `[]` when empty and objects (or arrays, for list-style cmd) otherwise. */
const member = (container: unknown, key: string): unknown => {
  if (isObject(container)) return container[key]
  return undefined
}

/**
 * The raw envelope of an SDK answer. AjaxResult#getData() keeps only `result` and `time`, while
 * paging needs `total` and `next`; `_data` is where the SDK keeps the frozen response body.
 */
const rawEnvelope = (res: AjaxResult<unknown>): RawEnvelope => {
  const raw = (res as unknown as { _data?: unknown })._data
  return isObject(raw) ? raw : {}
}

/**
 * One client per portal, built on @bitrix24/b24jssdk: B24Hook for webhooks, B24OAuth for
 * applications (refresh done here against the configured OAuth server, since the SDK would use the
 * server endpoint it was given once). The SDK paces calls with the portal's limits preset.
 */
export const createPortalClient = (opts: PortalClientOptions): PortalClientHandle => {
  const trustsCustomCa = Boolean(opts.caPem)
  const restriction = restrictionParamsFor(opts.limits, {
    operatingLimitSec: opts.operatingLimitSec,
    maxRetries: opts.maxRetries
  })
  const log = opts.log ?? (() => {})
  let b24: TypeB24
  let host: string
  let origin: string
  // The access token currently in use; requests sent with an older one are re-sent instead of refreshing again.
  let currentAccess: string | null = null
  /** Set once a refresh reported another portal (expectMemberId): every later refresh fails with it. */
  let identityRefusal: RestError | null = null

  const creds = opts.credentials
  if (creds.kind === 'webhook') {
    const hook = parseWebhookUrl(creds.webhookUrl, { trustsCustomCa })
    host = hook.host
    origin = hook.origin
    const h = new B24Hook(
      { b24Url: hook.origin, userId: hook.userId, secret: hook.code },
      { restrictionParams: restriction }
    )
    h.offClientSideWarning()
    b24 = h
  } else {
    const portal = parsePortalUrl(creds.portalUrl, { trustsCustomCa })
    host = portal.host
    origin = portal.origin
    const oauthServer = oauthServerBase(creds.oauthServer, { trustsCustomCa })
    currentAccess = creds.accessToken
    let refreshToken = creds.refreshToken
    // Without a known expiry the token is used until the portal says expired_token, as the docs advise.
    const expires = creds.expires ?? Math.floor(Date.now() / 1000) + 365 * 86400
    const o = new B24OAuth(
      {
        applicationToken: '',
        userId: 0,
        memberId: '',
        accessToken: creds.accessToken,
        refreshToken,
        expires,
        expiresIn: 3600,
        scope: '',
        domain: host,
        // No trailing slash: the SDK appends `/<method>` to this base.
        clientEndpoint: `${origin}/rest`,
        serverEndpoint: `${oauthServer}/rest/`,
        status: EnumAppStatus.Local
      },
      { clientId: creds.clientId, clientSecret: creds.clientSecret },
      { restrictionParams: restriction }
    )
    o.offClientSideWarning()
    // The SDK coalesces concurrent refreshes of one client into this single call.
    o.setCustomRefreshAuth(async () => {
      const ctx: ErrorContext = { portalId: opts.portalId, method: 'oauth.token' }
      if (identityRefusal) throw identityRefusal
      let body: unknown
      try {
        // A POST with a form body, not the docs' GET with a query: a URL ends up in proxy and
        // server access logs, and the client secret and refresh token must not.
        const form = new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: creds.clientId,
          client_secret: creds.clientSecret,
          refresh_token: refreshToken
        })
        const res = await http.ajaxClient.post(`${oauthServer}/oauth/token/`, form.toString(), {
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' }
        })
        body = res.data
      } catch (err) {
        throw toRestError(ctx, err)
      }
      const failure = errorFromPayload(ctx, body, 200)
      if (failure) throw failure
      if (
        !isObject(body) ||
        typeof body.access_token !== 'string' ||
        typeof body.refresh_token !== 'string'
      ) {
        throw restError(ctx, 'NON_JSON_RESPONSE', { httpStatus: 200 })
      }
      const memberId =
        typeof body.member_id === 'string' && body.member_id !== '' ? body.member_id : undefined
      const expected = opts.expectMemberId?.()
      if (expected && memberId && memberId !== expected) {
        // Every later call says the same: refreshing again would only meet a rotated refresh token.
        identityRefusal = restError(ctx, 'PORTAL_IDENTITY_CHANGED', { httpStatus: 200, description: host })
        throw identityRefusal
      }
      const tokens: OAuthTokens = {
        accessToken: body.access_token,
        refreshToken: body.refresh_token,
        expires: num(body.expires) ?? Math.floor(Date.now() / 1000) + (num(body.expires_in) ?? 3600),
        memberId
      }
      refreshToken = tokens.refreshToken
      currentAccess = tokens.accessToken
      try {
        await opts.onTokensRefreshed?.(tokens)
      } catch (err) {
        log(
          `portal ${opts.portalId}: could not store refreshed tokens: ${err instanceof Error ? err.message : String(err)}`
        )
      }
      return {
        access_token: tokens.accessToken,
        refresh_token: tokens.refreshToken,
        expires: String(tokens.expires),
        expires_in: String(num(body.expires_in) ?? 3600),
        client_endpoint: `${origin}/rest`,
        server_endpoint: `${oauthServer}/rest/`,
        member_id: typeof body.member_id === 'string' ? body.member_id : '',
        scope: typeof body.scope === 'string' ? body.scope : '',
        status: EnumAppStatus.Local,
        domain: host
      }
    })
    b24 = o
  }

  const http = b24.getHttpClient(ApiVersion.v2)
  // One agent for everything this client sends; it adds the portal's CA on the portal's host only,
  // so the OAuth server (or any other host) is checked against the system's roots.
  const agent = new HostBoundAgent({ portalHost: host, caPem: opts.caPem, keepAlive: true, maxSockets: 8 })
  http.ajaxClient.defaults.httpsAgent = agent
  http.ajaxClient.defaults.timeout = opts.timeoutMs ?? 30_000
  // Never follow a redirect: a 307/308 would re-send the body (the OAuth token, the refresh
  // secret) and any redirect re-sends the path (the webhook code) to the host the Location names.
  http.ajaxClient.defaults.maxRedirects = 0
  const maxResponseBytes = opts.maxResponseBytes ?? MAX_RESPONSE_BYTES
  http.ajaxClient.defaults.maxContentLength = maxResponseBytes
  const previews = createResourceFetcher({
    portalId: opts.portalId,
    portalHost: host,
    caPem: opts.caPem,
    timeoutMs: opts.timeoutMs,
    resolve: opts.resolve
  })

  http.ajaxClient.interceptors.response.use(
    (response) => {
      // A portal behind a proxy may answer 200 with an HTML page; the SDK would take it for an empty result.
      if (!isObject(response.data)) throw new NonJsonAnswer(response.status)
      return response
    },
    async (error: unknown) => {
      const redirect = redirectOf(error, (config) =>
        http.ajaxClient.getUri(config as Parameters<typeof http.ajaxClient.getUri>[0])
      )
      if (isTooLarge(error)) {
        return Promise.reject(
          new AjaxError({
            code: 'RESPONSE_TOO_LARGE',
            description: `over ${Math.round(maxResponseBytes / 1024)} KiB`,
            status: 200,
            originalError: error as Error
          })
        )
      }
      if (redirect) {
        // An AjaxError with a hard code, so the SDK neither retries it nor takes it for a network error.
        return Promise.reject(
          new AjaxError({
            code: redirect.code,
            description: redirect.message,
            status: redirect.status,
            originalError: redirect
          })
        )
      }
      // Calls that were already in flight when another call refreshed the token come back with
      // expired_token; re-send them with the new token rather than refreshing a second time.
      const e = error as {
        response?: { status?: number; data?: unknown }
        config?: { data?: unknown; __b24deskResent?: boolean } & Record<string, unknown>
      }
      const data = e.response?.data
      if (
        currentAccess &&
        e.response?.status === 401 &&
        isObject(data) &&
        data.error === 'expired_token' &&
        e.config &&
        !e.config.__b24deskResent &&
        typeof e.config.data === 'string'
      ) {
        try {
          const body = JSON.parse(e.config.data) as Record<string, unknown>
          if (typeof body.auth === 'string' && body.auth !== currentAccess) {
            body.auth = currentAccess
            // axios keeps unknown config keys through its merge, so the marker survives to the next error.
            const resend = { ...e.config, data: JSON.stringify(body), __b24deskResent: true }
            return await http.ajaxClient.request(resend as Parameters<typeof http.ajaxClient.request>[0])
          }
        } catch (resendError) {
          return Promise.reject(resendError)
        }
      }
      return Promise.reject(error)
    }
  )

  const call = async <T = unknown>(
    method: string,
    params: Record<string, unknown> = {}
  ): Promise<CallResult<T>> => {
    const ctx: ErrorContext = { portalId: opts.portalId, method }
    let res: AjaxResult<unknown>
    try {
      res = await http.call(method, params)
    } catch (err) {
      throw unwrap(ctx, err)
    }
    if (!res.isSuccess) throw unwrap(ctx, res.getErrors().next().value)
    const raw = rawEnvelope(res)
    if (!('result' in raw)) throw restError(ctx, 'NON_JSON_RESPONSE', { httpStatus: res.getStatus() })
    const out: CallResult<T> = { result: raw.result as T, timing: timingFrom(raw.time) }
    const total = num(raw.total)
    const next = num(raw.next)
    if (total !== null) out.total = total
    if (next !== null) out.next = next
    return out
  }

  /**
   * The batch goes through the SDK's HTTP layer as an ordinary `batch` call (so it is paced, retried
   * and re-authorised like any call) but is built and read here: the SDK's callBatch folds
   * per-command errors into one result and drops `result_time`, which the outbox needs per command.
   */
  const batch = async (commands: BatchCommand[]): Promise<BatchItemResult[]> => {
    if (commands.length === 0) return []
    const ctx: ErrorContext = { portalId: opts.portalId, method: 'batch' }
    if (commands.length > MAX_BATCH) {
      throw restError(ctx, 'ERROR_BATCH_LENGTH_EXCEEDED', { httpStatus: 400 })
    }
    const cmd: Record<string, string> = {}
    commands.forEach((c, i) => {
      cmd[`c${i}`] = batchCommand(c.method, c.params)
    })
    const { result } = await call<unknown>('batch', { halt: 0, cmd })
    const inner = isObject(result) ? result : {}
    return commands.map((c, i): BatchItemResult => {
      const key = `c${i}`
      const timing = timingFrom(member(inner.result_time, key))
      const failure = member(inner.result_error, key)
      if (failure !== undefined) {
        const err =
          errorFromPayload({ portalId: opts.portalId, method: c.method }, failure, null) ??
          restError({ portalId: opts.portalId, method: c.method }, 'ERROR_UNEXPECTED_ANSWER')
        return { ok: false, error: err, timing }
      }
      const item: BatchItemResult = { ok: true, result: member(inner.result, key) ?? null, timing }
      const total = num(member(inner.result_total, key))
      const next = num(member(inner.result_next, key))
      if (total !== null) item.total = total
      if (next !== null) item.next = next
      return item
    })
  }

  return {
    portalId: opts.portalId,
    limits: opts.limits,
    host,
    trustedCa: describeCaPem(opts.caPem),
    call,
    batch,
    fetchBytes: (url, o) => previews.fetch(url, o),
    close() {
      agent.destroy()
      previews.close()
    }
  }
}

/** The redirect an axios error reports, as a RedirectAnswer naming only the target's host. */
/** axios stopped reading an answer past maxContentLength. */
const isTooLarge = (error: unknown): boolean =>
  /maxContentLength size of .* exceeded/.test((error as { message?: unknown } | null)?.message as string)

const redirectOf = (error: unknown, uriOf: (config: unknown) => string): RedirectAnswer | null => {
  const e = error as { response?: { status?: number; headers?: Record<string, unknown> }; config?: unknown }
  const status = e?.response?.status
  if (typeof status !== 'number' || status < 300 || status > 399) return null
  const location = e.response?.headers?.location
  let target = '—'
  if (typeof location === 'string' && location !== '') {
    try {
      target = new URL(location, uriOf(e.config)).host
    } catch {
      target = '—'
    }
  }
  return new RedirectAnswer(status, target)
}

/**
 * Accepts the server's base, its `/rest/` endpoint (as token answers name it) or its token URL;
 * refuses (OAUTH_SERVER_INVALID) anything the portal address itself would not be allowed to be.
 */
export const oauthServerBase = (value: string | undefined, opts: { trustsCustomCa?: boolean } = {}): string =>
  parseOAuthServerUrl(value?.trim() || DEFAULT_OAUTH_SERVER, opts)

/** The SDK wraps errors thrown inside its pipeline (our own RestErrors from refresh included). */
const unwrap = (ctx: ErrorContext, err: unknown): RestError => {
  const original = (err as { originalError?: unknown } | null)?.originalError
  if (original instanceof RestError) return original
  return toRestError(ctx, err)
}
