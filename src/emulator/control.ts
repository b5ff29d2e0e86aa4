import { randomBytes, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { z } from 'zod'
import { BadInput } from './conditions.ts'
import { parseOutsideEdit } from './outside-edits.ts'
import type { PortalRuntime } from './portal.ts'

/** Control requests are small JSON objects; anything bigger is refused before it is read whole. */
export const CONTROL_MAX_BODY = 1024 * 1024

const publicationRightBody = z
  .object({ pages: z.array(z.number().int().positive()).min(1), allowed: z.boolean() })
  .strict()

const foldersBody = z.object({ folders: z.array(z.number().int().positive()).min(1) }).strict()
const pagesBody = z.object({ pages: z.array(z.number().int().positive()).min(1) }).strict()

/**
 * The control listener: plain HTTP on loopback, outside the portals' REST namespace, so a test
 * or the CLI in another process can steer a running portal (and read its OAuth secrets). So that
 * nothing else on the machine can (issue 11): every request must carry the random token printed on
 * the ready line (`Authorization: Bearer <token>` or `x-control-token`), or it gets 401. Before
 * that, it answers only requests addressed to it by its loopback name (a page on another site
 * reached through DNS rebinding carries that site's Host) and never a browser's cross-site request
 * (any Origin header, `null` included, or Sec-Fetch-Site: cross-site). Bodies over 1 MiB get 413.
 */
export class ControlServer {
  private readonly server: http.Server
  private readonly portals: Map<string, PortalRuntime>
  readonly token = randomBytes(24).toString('base64url')
  port = 0

  constructor(portals: Map<string, PortalRuntime>) {
    this.portals = portals
    this.server = http.createServer((req, res) => {
      const refusal = this.refusal(req)
      if (refusal) {
        req.resume()
        return reply(res, 403, { error: refusal })
      }
      if (!this.authorized(req)) {
        req.resume()
        return reply(res, 401, {
          error:
            'the control API needs the controlToken from the ready line, as Authorization: Bearer <token> or x-control-token'
        })
      }
      this.route(req, res).catch((e: unknown) => {
        if (e instanceof BodyTooLarge) {
          req.resume()
          return reply(res, 413, { error: `control requests are limited to ${CONTROL_MAX_BODY} bytes` })
        }
        const status = e instanceof BadInput ? 400 : 500
        reply(res, status, { error: e instanceof Error ? e.message : String(e) })
      })
    })
  }

  async start(host: string, port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, host, () => resolve())
    })
    this.port = (this.server.address() as AddressInfo).port
  }

  baseUrl(host: string): string {
    return `http://${host}:${this.port}/`
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  /** Why a request may not use the control API, or null when it may. */
  private refusal(req: http.IncomingMessage): string | null {
    const allowed = ['127.0.0.1', 'localhost', '[::1]'].map((h) => `${h}:${this.port}`)
    const host = (req.headers.host ?? '').toLowerCase()
    if (!allowed.includes(host)) return `the control API answers only Host ${allowed.join(', ')}`
    if (req.headers.origin !== undefined)
      return 'the control API does not answer requests from web pages (Origin header present)'
    const site = req.headers['sec-fetch-site']
    if (site !== undefined && site !== 'none' && site !== 'same-origin') {
      return 'the control API does not answer requests from web pages (cross-site)'
    }
    return null
  }

  private authorized(req: http.IncomingMessage): boolean {
    const auth = req.headers.authorization
    const bearer =
      typeof auth === 'string' && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, '') : undefined
    const header = req.headers['x-control-token']
    const given = bearer ?? (typeof header === 'string' ? header : undefined)
    if (given === undefined) return false
    const a = Buffer.from(given.trim())
    const b = Buffer.from(this.token)
    return a.length === b.length && timingSafeEqual(a, b)
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://control')
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent)
    const method = req.method ?? 'GET'
    if (parts.length === 1 && parts[0] === 'portals' && method === 'GET') {
      return reply(
        res,
        200,
        [...this.portals.values()].map((p) => summary(p))
      )
    }
    if (parts[0] !== 'portals' || parts.length < 2) return reply(res, 404, { error: 'not found' })
    const portal = this.portals.get(parts[1])
    if (!portal) return reply(res, 404, { error: `no portal ${parts[1]}` })
    const action = parts[2] ?? ''
    const body = method === 'POST' ? await readJson(req) : {}
    const c = portal.control
    switch (`${method} ${action}`) {
      case 'GET ':
        return reply(res, 200, summary(portal))
      case 'GET state':
        return reply(res, 200, c.state())
      case 'GET log':
        return reply(res, 200, c.requestLog())
      case 'GET conditions':
        return reply(res, 200, c.conditions())
      case 'GET faults':
        return reply(res, 200, c.faults())
      case 'GET stats':
        return reply(res, 200, c.stats())
      case 'POST conditions':
        c.setConditions(body)
        return reply(res, 200, c.conditions())
      case 'POST faults':
        await c.setFaults(body)
        return reply(res, 200, c.faults())
      case 'POST offline':
        await c.goOffline()
        return reply(res, 200, { ok: true })
      case 'POST online':
        await c.goOnline()
        return reply(res, 200, { ok: true })
      case 'POST reset':
        await c.reset()
        return reply(res, 200, { ok: true })
      case 'POST clear-log':
        c.clearLog()
        return reply(res, 200, { ok: true })
      case 'POST expire-token':
        c.expireAccessToken()
        return reply(res, 200, { ok: true })
      case 'POST webhooks':
        return reply(res, 200, c.addWebhook(body))
      case 'POST publication-right': {
        const parsed = publicationRightBody.safeParse(body)
        if (!parsed.success) {
          throw new BadInput('publication-right takes {"pages": [page ids], "allowed": true|false}')
        }
        c.setPublicationRight(parsed.data.pages, parsed.data.allowed)
        return reply(res, 200, { ok: true })
      }
      case 'POST edited': {
        const parsed = pagesBody.safeParse(body)
        if (!parsed.success) throw new BadInput('edited takes {"pages": [page ids]}')
        c.markEdited(parsed.data.pages)
        return reply(res, 200, { ok: true })
      }
      case 'POST trash': {
        const parsed = foldersBody.safeParse(body)
        if (!parsed.success) throw new BadInput('trash takes {"folders": [folder ids]}')
        c.trashFolders(parsed.data.folders)
        return reply(res, 200, { ok: true })
      }
      case 'POST outside-edit':
        c.editOutside(parseOutsideEdit(body))
        return reply(res, 200, { ok: true })
      default:
        return reply(res, 404, { error: `unknown action ${method} ${action}` })
    }
  }
}

function summary(p: PortalRuntime) {
  const d = p.describe()
  return {
    name: d.name,
    baseUrl: d.baseUrl,
    webhookUrl: d.webhookUrl,
    plainBaseUrl: d.plainBaseUrl,
    controlUrl: d.controlUrl,
    oauth: d.oauth
  }
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text)
  })
  res.end(text)
}

class BodyTooLarge extends Error {}

/** The request's JSON object body; {} when empty, BadInput when it is not a JSON object. */
function readJson(req: http.IncomingMessage): Promise<Record<string, never>> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > CONTROL_MAX_BODY) {
      reject(new BodyTooLarge())
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > CONTROL_MAX_BODY) tooLarge = true
      else chunks.push(c)
    })
    req.on('end', () => {
      if (tooLarge) return reject(new BodyTooLarge())
      const text = Buffer.concat(chunks).toString('utf8').trim()
      let parsed: unknown
      try {
        parsed = text === '' ? {} : JSON.parse(text)
      } catch {
        return reject(new BadInput('the body is not valid JSON'))
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return reject(new BadInput('the body must be a JSON object'))
      }
      resolve(parsed as Record<string, never>)
    })
    req.on('error', reject)
  })
}
