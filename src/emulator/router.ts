import type { IncomingMessage, ServerResponse } from 'node:http'
import { RestError, errors, makeTime, sendError, sendJson, successBody } from './envelope.ts'
import type { TimeInfo } from './envelope.ts'
import { sleep } from './faults.ts'
import type { Params } from './params.ts'
import { parsePhpQuery } from './params.ts'
import type { CommandOutcome } from './methods/batch.ts'
import { runBatch } from './methods/batch.ts'
import type { MethodDef, MethodTable, PortalEnv, RequestCaches } from './methods/context.ts'
import { newRequestCaches } from './methods/context.ts'
import { landingScope } from './methods/landing-common.ts'
import type { LeakyBucket } from './limits/bucket.ts'
import type { OperatingTracker } from './limits/operating.ts'
import type { OAuthStore } from './oauth.ts'
import type { Conditions, RequestLogEntry, Transport } from './types.ts'

/** What the REST pipeline needs from a portal. */
export interface RestPortal {
  readonly env: PortalEnv
  readonly conditions: Conditions
  readonly methods: MethodTable
  readonly bucket: LeakyBucket
  readonly operating: OperatingTracker
  readonly oauth: OAuthStore
  readonly realDelayFactor: number
  operatingLimitSec(): number | undefined
  processingMs(method: string): number
  findWebhook(userId: number, code: string): { scopes?: string[] } | undefined
  record(entry: RequestLogEntry): void
}

interface Caller {
  transport: Transport
  key: string
  userId: number
  scopes: string[]
}

export interface RestRoute {
  transport: Transport
  method: string
  userId?: number
  code?: string
}

/** `/rest/<uid>/<code>/<method>[.json]` is a webhook; `/rest/<method>` an app call with `auth`. */
export function parseRestPath(pathname: string): RestRoute | null {
  if (!pathname.startsWith('/rest/')) return null
  // nginx merges slashes, and the SDK's OAuth client builds `/rest//method`.
  const segs = pathname
    .slice('/rest/'.length)
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s))
  const clean = (m: string) => m.replace(/\.(json|xml)$/i, '').toLowerCase()
  if (segs.length >= 3 && /^\d+$/.test(segs[0])) {
    return {
      transport: 'webhook',
      userId: Number(segs[0]),
      code: segs[1],
      method: clean(segs.slice(2).join('/'))
    }
  }
  return { transport: 'oauth', method: clean(segs.join('/')) }
}

/** $_REQUEST as PHP builds it: query first, the body on top; SDK bookkeeping parameters dropped. */
export function readParams(url: URL, contentType: string, body: Buffer): Params {
  const query = parsePhpQuery(url.search.slice(1))
  for (const k of Object.keys(query)) if (k.startsWith('bx24_')) delete query[k]
  let fromBody: Params = {}
  const text = body.toString('utf8')
  if (text.trim() !== '') {
    if (contentType.includes('application/json') || /^\s*[{[]/.test(text)) {
      try {
        const parsed: unknown = JSON.parse(text)
        if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
          fromBody = parsed as Params
      } catch {
        fromBody = {}
      }
    } else {
      fromBody = parsePhpQuery(text)
    }
  }
  return { ...query, ...fromBody }
}

function authenticate(p: RestPortal, route: RestRoute, params: Params, secure: boolean): Caller {
  const c = p.conditions
  if (route.transport === 'webhook') {
    if (!secure) throw errors.httpsRequired()
    if (c.deleted) throw errors.portalDeleted()
    const hook = p.findWebhook(route.userId ?? 0, route.code ?? '')
    if (!hook || c.revokedWebhook) throw errors.noAuth()
    if (c.overloaded) throw errors.overload()
    return {
      transport: 'webhook',
      key: `hook:${route.userId}:${route.code}`,
      userId: route.userId ?? 1,
      scopes: hook.scopes ?? c.webhookScopes
    }
  }
  if (c.deleted) throw errors.portalDeleted()
  const token = typeof params.auth === 'string' ? params.auth : ''
  const state = token === '' ? 'unknown' : p.oauth.check(token)
  if (state === 'unknown') throw errors.noAuth()
  if (c.overloaded) throw errors.overload()
  if (state === 'expired') throw errors.expiredToken()
  return { transport: 'oauth', key: `app:${p.oauth.clientId}`, userId: 1, scopes: c.appScopes }
}

function operatingOf(p: RestPortal, caller: Caller, method: string) {
  return p.operatingLimitSec() === undefined ? undefined : p.operating.read(caller.key, method)
}

/**
 * The landing module keeps its scope in a PHP static for the whole HTTP request: `setScope()` runs
 * only for a non-empty string `scope` and nothing clears it between batch commands (docs/bitrix24.md#sticky-scope;
 * landing `lib/publicaction.php` `actionProcessing`, `lib/site/type.php` `setScope`). One of these
 * lives per HTTP request, so separate requests never share a scope.
 */
interface RequestScope {
  landing: string
  caches: RequestCaches
}

/** The landing scope a landing command runs in, updating the request's scope as the server would. */
function scopeFor(p: RestPortal, req: RequestScope, params: Params): string {
  const own = landingScope(params)
  if (!p.conditions.stickyScope) return own
  if (own !== '') req.landing = own
  return req.landing
}

const LIST_METHOD = /\.(list|getlist)$/

/** Where a list call asks to start: `start`, or `params.offset` for landing lists. */
function pagingStart(params: Params): number {
  const inner = params.params as Params | undefined
  const raw = params.start ?? inner?.offset
  const n = Number(raw)
  return Number.isFinite(n) && n > 0 ? n : 0
}

/** The same call asking for the first page (conditions.listRepeats). */
function firstPageParams(params: Params): Params {
  const out: Params = { ...params }
  if ('start' in out) out.start = 0
  const inner = out.params
  if (inner && typeof inner === 'object' && !Array.isArray(inner) && 'offset' in inner)
    out.params = { ...(inner as Params), offset: 0 }
  return out
}

/** One method call, alone or inside a batch: scope, operating limit, handler, accounting. */
function invoke(
  p: RestPortal,
  caller: Caller,
  method: string,
  params: Params,
  viaBatch: boolean,
  spent: { ms: number },
  requestScope: RequestScope
): CommandOutcome {
  const start = p.env.now()
  const limit = p.operatingLimitSec()
  const def: MethodDef | undefined = p.methods[method]
  let outcome: CommandOutcome
  if (!def || method === 'batch') {
    outcome = { ok: false, error: errors.methodNotFound() }
  } else if (def.scope !== null && !caller.scopes.includes(def.scope)) {
    outcome = { ok: false, error: errors.insufficientScope(caller.transport) }
  } else if (limit !== undefined && p.operating.isBlocked(caller.key, method, limit)) {
    outcome = { ok: false, error: errors.operationTimeLimit() }
  } else {
    const ms = p.processingMs(method)
    spent.ms += ms
    // Only landing methods go through the landing gateway that reads `scope`.
    const scope = method.startsWith('landing.') ? scopeFor(p, requestScope, params) : ''
    let result: { result: unknown; next?: number; total?: number } | RestError
    const c = p.conditions
    const repeats = c.listRepeats === true && LIST_METHOD.test(method)
    try {
      result = def.handle({
        env: p.env,
        transport: caller.transport,
        params: repeats ? firstPageParams(params) : params,
        userId: caller.userId,
        scopes: caller.scopes,
        landingScope: scope,
        request: requestScope.caches
      })
    } catch (e) {
      result =
        e instanceof RestError
          ? e
          : new RestError(400, 'SYSTEM_ERROR', e instanceof Error ? e.message : String(e))
    }
    if (!(result instanceof RestError)) {
      if (c.listTotal !== undefined && result.total !== undefined) result = { ...result, total: c.listTotal }
      if (repeats) result = { ...result, next: pagingStart(params) + 50 }
    }
    const real = limit === undefined ? undefined : p.operating.add(caller.key, method, ms / 1000)
    const reading = real && c.operatingResetAt !== undefined ? { ...real, resetAt: c.operatingResetAt } : real
    const time = makeTime(
      start,
      ms,
      p.env.utcOffsetMinutes,
      viaBatch && !p.conditions.batchResultTimeOperating ? undefined : reading
    )
    outcome = result instanceof RestError ? { ok: false, error: result, time } : { ok: true, ...result, time }
  }
  p.record({
    at: start,
    method,
    status: outcome.ok ? 200 : outcome.error.status,
    error: outcome.ok ? undefined : outcome.error.code,
    viaBatch,
    transport: caller.transport
  })
  return outcome
}

export async function handleRest(
  p: RestPortal,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Buffer,
  secure: boolean
): Promise<void> {
  const route = parseRestPath(url.pathname)
  if (!route) return sendError(res, errors.methodNotFound())
  const params = readParams(url, String(req.headers['content-type'] ?? ''), body)
  const started = p.env.now()
  const fail = (err: RestError) => {
    p.record({
      at: started,
      method: route.method,
      status: err.status,
      error: err.code,
      viaBatch: false,
      transport: route.transport
    })
    sendError(res, err)
  }
  let caller: Caller
  try {
    caller = authenticate(p, route, params, secure)
  } catch (e) {
    if (e instanceof RestError) return fail(e)
    throw e
  }
  if (!p.bucket.take()) return fail(errors.queryLimit())

  const spent = { ms: 0 }
  const requestScope: RequestScope = { landing: '', caches: newRequestCaches() }
  let status = 200
  let payload: Record<string, unknown>
  if (route.method === 'batch') {
    try {
      const out = runBatch(params, (m, prm) => invoke(p, caller, m, prm, true, spent, requestScope), {
        over50: p.conditions.batchOver50
      })
      const time: TimeInfo = makeTime(
        started,
        spent.ms,
        p.env.utcOffsetMinutes,
        operatingOf(p, caller, 'batch')
      )
      payload = successBody(out.result, time)
      p.record({ at: started, method: 'batch', status: 200, viaBatch: false, transport: caller.transport })
    } catch (e) {
      if (e instanceof RestError) return fail(e)
      throw e
    }
  } else {
    const outcome = invoke(p, caller, route.method, params, false, spent, requestScope)
    if (outcome.ok) {
      payload = successBody(outcome.result, outcome.time, outcome.next, outcome.total)
    } else {
      status = outcome.error.status
      payload = { error: outcome.error.code, error_description: outcome.error.description }
    }
  }
  const delay = spent.ms * p.realDelayFactor
  if (delay > 0) await sleep(delay)
  sendJson(res, status, payload, status === 200 ? { 'X-Bitrix-Rest-Time': String(spent.ms / 1000) } : {})
}
