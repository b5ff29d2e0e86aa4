// What an emulated portal answers on its sockets: REST calls (one capacity slot each), OAuth token refreshes, previews and public documents.
import type http from 'node:http'
import type { Capacity } from './capacity.ts'
import { applyFaults } from './faults.ts'
import type { Hold } from './hold.ts'
import type { TokenPair } from './oauth.ts'
import type { PreviewCache } from './preview-png.ts'
import { handleRest, parseRestPath } from './router.ts'
import type { RestPortal, RestRoute } from './router.ts'
import type { PortalData } from './state.ts'
import type { Faults, OAuthCredentials } from './types.ts'
import { escapeHtml, readBody, sendPlain } from './net.ts'

/** What nginx in front of an overloaded portal sends instead of PHP's JSON (docs/bitrix24.md#other-limits). */
const OVERLOAD_HTML =
  '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head>' +
  '<body><center><h1>500 Internal Server Error</h1></center><hr><center>nginx</center></body></html>'

/** The portal as its request handling sees it (portal.ts's PortalRuntime). */
export interface ServedPortal extends RestPortal {
  readonly host: string
  readonly data: PortalData
  readonly previews: PreviewCache
  readonly capacity: Capacity
  readonly faults: Faults
  readonly memberId: string
  /** Requests parked by the `holdAfter` fault. */
  readonly hold: Hold
  /** Responses held open by the `hang` fault. */
  readonly hanging: Set<http.ServerResponse>
  now(): number
  credentials(): OAuthCredentials
}

export async function handleRequest(
  portal: ServedPortal,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  secure: boolean
): Promise<void> {
  const url = new URL(req.url ?? '/', `${secure ? 'https' : 'http'}://${portal.host}`)
  const route = parseRestPath(url.pathname)
  res.on('finish', () => portal.capacity.countResponse(res.statusCode))
  if (route) {
    const parked = portal.hold.enter()
    if (parked) {
      await parked
      if (req.socket.destroyed) return
    }
  }
  const fault = await applyFaults(portal.faults, req, res, portal.hanging)
  if (fault !== 'none') {
    if (route) {
      const status = fault === 'html' ? 502 : fault === 'json500' ? 500 : 0
      const error = fault === 'json500' ? 'INTERNAL_SERVER_ERROR' : `FAULT_${fault.toUpperCase()}`
      portal.record({
        at: portal.now(),
        method: route.method,
        status,
        error,
        viaBatch: false,
        transport: route.transport
      })
    }
    return
  }
  const body = await readBody(req)
  if (body === null) {
    res.writeHead(413).end()
    return
  }
  if (route) return serveRest(portal, route, req, res, url, body, secure)
  if (/(^|\/)oauth\/token\/?$/.test(url.pathname)) return handleToken(portal, req, res, url, body)
  const preview = /^\/upload\/landing\/preview\/(\d+)\.png$/.exec(url.pathname)
  if (preview) {
    const page = portal.data.pageById.get(Number(preview[1]))
    if (!page || !page.hasPreview)
      return sendPlain(res, 404, 'text/html; charset=utf-8', '<h1>404 Not Found</h1>')
    return sendPlain(res, 200, 'image/png', portal.previews.get(page.siteId, page.id))
  }
  if (url.pathname === '/bitrix/images/landing/nopreview.jpg')
    return sendPlain(res, 200, 'image/png', portal.previews.noPreview())
  const pub = /^\/~([\w-]+)$/.exec(url.pathname)
  if (pub) {
    const doc = portal.data.documents.find((d) => d.publicCode === pub[1])
    if (doc)
      return sendPlain(
        res,
        200,
        'text/html; charset=utf-8',
        `<!DOCTYPE html><title>${escapeHtml(doc.title)}</title><h1>${escapeHtml(doc.title)}</h1>`
      )
  }
  sendPlain(res, 404, 'text/html; charset=utf-8', '<!DOCTYPE html><h1>404 Not Found</h1>')
}

/** A REST call holds one of the portal's slots while it is processed (its simulated time included). */
async function serveRest(
  portal: ServedPortal,
  route: RestRoute,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  body: Buffer,
  secure: boolean
): Promise<void> {
  const admission = await portal.capacity.enter()
  if (admission.kind === 'overload') {
    portal.record({
      at: portal.now(),
      method: route.method,
      status: 500,
      error: admission.html ? 'HTML_ERROR_PAGE' : 'INTERNAL_SERVER_ERROR',
      viaBatch: false,
      transport: route.transport
    })
    if (admission.html) return sendPlain(res, 500, 'text/html; charset=utf-8', OVERLOAD_HTML)
    const json = JSON.stringify({
      error: 'INTERNAL_SERVER_ERROR',
      error_description: 'Internal server error'
    })
    return sendPlain(res, 500, 'application/json; charset=utf-8', json)
  }
  try {
    await handleRest(portal, req, res, url, body, secure)
  } finally {
    admission.release()
  }
}

function handleToken(
  portal: ServedPortal,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  body: Buffer
): void {
  const q: Record<string, string | undefined> = Object.fromEntries(url.searchParams)
  const text = body.toString('utf8')
  if (text.trim() !== '') {
    if (String(req.headers['content-type'] ?? '').includes('json')) {
      try {
        Object.assign(q, JSON.parse(text) as Record<string, string>)
      } catch {
        // An unreadable body leaves only the query, which then fails validation below.
      }
    } else {
      Object.assign(q, Object.fromEntries(new URLSearchParams(text)))
    }
  }
  const out = portal.oauth.refresh(q, (pair) => describeTokens(portal, pair))
  const json = JSON.stringify(out.body)
  res.writeHead(out.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json)
  })
  res.end(json)
}

function describeTokens(portal: ServedPortal, pair: TokenPair): Record<string, unknown> {
  const c = portal.credentials()
  return {
    access_token: pair.accessToken,
    refresh_token: pair.refreshToken,
    expires: pair.expires,
    expires_in: portal.oauth.lifetimeSec,
    client_endpoint: c.clientEndpoint,
    server_endpoint: c.serverEndpoint,
    domain: portal.host,
    member_id: portal.conditions.memberId ?? portal.memberId,
    scope: portal.conditions.appScopes.join(','),
    status: 'L',
    user_id: 1
  }
}
