import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { PortalRuntime } from './portal.ts'

/**
 * The control listener: plain HTTP on loopback, outside the portals' REST namespace, so a test
 * or the CLI in another process can steer a running portal. It has no credentials, so it answers
 * only requests addressed to it by its loopback name (a page on another site reached through DNS
 * rebinding carries that site's Host) and never a browser's cross-site request (any Origin header,
 * `null` included, or Sec-Fetch-Site: cross-site): web pages must not be able to steer it.
 */
export class ControlServer {
  private readonly server: http.Server
  private readonly portals: Map<string, PortalRuntime>
  port = 0

  constructor(portals: Map<string, PortalRuntime>) {
    this.portals = portals
    this.server = http.createServer((req, res) => {
      const refusal = this.refusal(req)
      if (refusal) {
        req.resume()
        return reply(res, 403, { error: refusal })
      }
      this.route(req, res).catch((e: unknown) =>
        reply(res, 500, { error: e instanceof Error ? e.message : String(e) })
      )
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

function readJson(req: http.IncomingMessage): Promise<Record<string, never>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim()
      try {
        resolve(text === '' ? {} : (JSON.parse(text) as Record<string, never>))
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)))
      }
    })
    req.on('error', reject)
  })
}
