import { restoreData, type SavedPortal } from './persist.ts'
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { Capacity } from './capacity.ts'
import type { CapacityLimits } from './capacity.ts'
import { BadInput, defaultConditions, defaultProcessingMs, parseConditionsPatch } from './conditions.ts'
import { applyFaults, defaultFaults } from './faults.ts'
import { Hold } from './hold.ts'
import { LeakyBucket } from './limits/bucket.ts'
import { OperatingTracker } from './limits/operating.ts'
import { documentPublicUrl } from './methods/docgen.ts'
import type { MethodTable, PortalEnv } from './methods/context.ts'
import { allMethods } from './methods/index.ts'
import { OAuthStore } from './oauth.ts'
import type { TokenPair } from './oauth.ts'
import { PreviewCache } from './preview-png.ts'
import { RequestLog } from './request-log.ts'
import { handleRest, parseRestPath } from './router.ts'
import type { RestPortal, RestRoute } from './router.ts'
import { buildSeed } from './seeds/index.ts'
import type { PortalData } from './state.ts'
import type {
  Conditions,
  EmulatedPortal,
  Faults,
  OAuthCredentials,
  PlanName,
  PortalControl,
  PortalStateSnapshot,
  PortalStats,
  RateConfig,
  RequestLogEntry,
  RequestLogView,
  SeedName
} from './types.ts'

export interface PortalRuntimeInit {
  name: string
  seed: SeedName
  plan: PlanName
  host: string
  port: number
  plainHttp: boolean
  tls: { key: string; cert: string }
  processingMs: Partial<Record<string, number>>
  realDelayFactor: number
  now: () => number
  rate?: RateConfig
  operatingLimitSec?: number
  tokenLifetimeSec: number
  utcOffsetMinutes: number
  /** Starting conditions over the defaults; `reset` returns to them. Checked when the portal is made. */
  conditions: Partial<Conditions>
  requestLogLimit: number
  /** Kept from an earlier run with the same data folder (persist.ts): the webhook code and the data. */
  saved?: SavedPortal
}

const PLAN_RATES: Record<PlanName, RateConfig> = {
  standard: { burst: 50, drainPerSecond: 2 },
  enterprise: { burst: 250, drainPerSecond: 5 },
  'self-hosted': { burst: 50, drainPerSecond: 2 }
}

interface Hook {
  userId: number
  code: string
  scopes?: string[]
}

const MAX_BODY = 20 * 1024 * 1024

/** What nginx in front of an overloaded portal sends instead of PHP's JSON (docs/bitrix24.md#other-limits). */
const OVERLOAD_HTML =
  '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head>' +
  '<body><center><h1>500 Internal Server Error</h1></center><hr><center>nginx</center></body></html>'

/** One emulated portal: its data, limits, credentials, faults and listening sockets. */
export class PortalRuntime implements RestPortal, PortalEnv {
  readonly name: string
  readonly init: PortalRuntimeInit
  readonly methods: MethodTable = allMethods
  readonly operating: OperatingTracker
  readonly oauth: OAuthStore
  readonly bucket: LeakyBucket
  readonly previews = new PreviewCache()
  readonly capacity: Capacity
  readonly realDelayFactor: number
  readonly memberId: string
  readonly utcOffsetMinutes: number
  data: PortalData
  conditions: Conditions
  faults: Faults = defaultFaults()
  port = 0
  plainPort: number | undefined
  controlUrl = ''
  controlToken = ''
  private readonly log: RequestLog
  private readonly hooks = new Map<string, Hook>()
  readonly primaryHook: Hook
  private readonly hanging = new Set<http.ServerResponse>()
  private readonly hold = new Hold()
  private tlsServer: https.Server | undefined
  private plainServer: http.Server | undefined
  private online = false
  private transition: Promise<void> = Promise.resolve()

  constructor(init: PortalRuntimeInit) {
    this.init = init
    this.name = init.name
    this.realDelayFactor = init.realDelayFactor
    this.utcOffsetMinutes = init.utcOffsetMinutes
    this.conditions = this.startingConditions()
    this.log = new RequestLog(init.requestLogLimit)
    this.data = init.saved ? restoreData(init.saved.data) : buildSeed(init.seed)
    this.operating = new OperatingTracker(init.now)
    this.oauth = new OAuthStore(init.now, init.tokenLifetimeSec)
    this.memberId = this.oauth.memberId
    this.bucket = new LeakyBucket(this.rateConfig(), init.now)
    this.capacity = new Capacity(init.now, this.capacityLimits())
    this.primaryHook = { userId: 1, code: init.saved?.webhookCode ?? randomBytes(8).toString('hex') }
    this.hooks.set(`1/${this.primaryHook.code}`, this.primaryHook)
  }

  // PortalEnv

  get host(): string {
    return `${this.init.host}:${this.port}`
  }

  get baseUrl(): string {
    return `https://${this.host}`
  }

  now(): number {
    return this.init.now()
  }

  previewUrl(pageId: number): string {
    return `${this.baseUrl}/upload/landing/preview/${pageId}.png`
  }

  // RestPortal

  get env(): PortalEnv {
    return this
  }

  operatingLimitSec(): number | undefined {
    if (this.conditions.operatingLimitSec !== undefined) return this.conditions.operatingLimitSec
    if (this.init.operatingLimitSec !== undefined) return this.init.operatingLimitSec
    return this.init.plan === 'self-hosted' ? undefined : 480
  }

  processingMs(method: string): number {
    return this.init.processingMs[method] ?? defaultProcessingMs(method)
  }

  findWebhook(userId: number, code: string): Hook | undefined {
    return this.hooks.get(`${userId}/${code}`)
  }

  record(entry: RequestLogEntry): void {
    this.log.push(entry)
  }

  private startingConditions(): Conditions {
    return { ...defaultConditions(), ...parseConditionsPatch(this.init.conditions) }
  }

  private capacityLimits(): CapacityLimits {
    const c = this.conditions
    return { concurrency: c.concurrency, overloadAbove: c.overloadAbove, overloadMs: c.overloadMs }
  }

  private rateConfig(): RateConfig {
    return this.conditions.rate ?? this.init.rate ?? PLAN_RATES[this.init.plan]
  }

  // Listening

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, secure: boolean): Promise<void> {
    const url = new URL(req.url ?? '/', `${secure ? 'https' : 'http'}://${this.host}`)
    const route = parseRestPath(url.pathname)
    res.on('finish', () => this.capacity.countResponse(res.statusCode))
    if (route) {
      const parked = this.hold.enter()
      if (parked) {
        await parked
        if (req.socket.destroyed) return
      }
    }
    const fault = await applyFaults(this.faults, req, res, this.hanging)
    if (fault !== 'none') {
      if (route) {
        const status = fault === 'html' ? 502 : fault === 'json500' ? 500 : 0
        const error = fault === 'json500' ? 'INTERNAL_SERVER_ERROR' : `FAULT_${fault.toUpperCase()}`
        this.record({
          at: this.now(),
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
    if (route) return this.serveRest(route, req, res, url, body, secure)
    if (/(^|\/)oauth\/token\/?$/.test(url.pathname)) return this.handleToken(req, res, url, body)
    const preview = /^\/upload\/landing\/preview\/(\d+)\.png$/.exec(url.pathname)
    if (preview) {
      const page = this.data.pageById.get(Number(preview[1]))
      if (!page || !page.hasPreview)
        return sendPlain(res, 404, 'text/html; charset=utf-8', '<h1>404 Not Found</h1>')
      return sendPlain(res, 200, 'image/png', this.previews.get(page.siteId, page.id))
    }
    if (url.pathname === '/bitrix/images/landing/nopreview.jpg')
      return sendPlain(res, 200, 'image/png', this.previews.noPreview())
    const pub = /^\/~([\w-]+)$/.exec(url.pathname)
    if (pub) {
      const doc = this.data.documents.find((d) => d.publicCode === pub[1])
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
  private async serveRest(
    route: RestRoute,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    body: Buffer,
    secure: boolean
  ): Promise<void> {
    const admission = await this.capacity.enter()
    if (admission.kind === 'overload') {
      this.record({
        at: this.now(),
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
      await handleRest(this, req, res, url, body, secure)
    } finally {
      admission.release()
    }
  }

  private handleToken(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: Buffer): void {
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
    const out = this.oauth.refresh(q, (pair) => this.describeTokens(pair))
    const json = JSON.stringify(out.body)
    res.writeHead(out.status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(json)
    })
    res.end(json)
  }

  private describeTokens(pair: TokenPair): Record<string, unknown> {
    const c = this.credentials()
    return {
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expires: pair.expires,
      expires_in: this.oauth.lifetimeSec,
      client_endpoint: c.clientEndpoint,
      server_endpoint: c.serverEndpoint,
      domain: this.host,
      member_id: this.conditions.memberId ?? this.memberId,
      scope: this.conditions.appScopes.join(','),
      status: 'L',
      user_id: 1
    }
  }

  credentials(): OAuthCredentials {
    const pair = this.oauth.currentPair()
    return {
      clientId: this.oauth.clientId,
      clientSecret: this.oauth.clientSecret,
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      expires: pair.expires,
      expiresIn: this.oauth.lifetimeSec,
      memberId: this.memberId,
      domain: this.host,
      scope: this.conditions.appScopes.join(','),
      clientEndpoint: `${this.baseUrl}/rest/`,
      serverEndpoint: `${this.baseUrl}/oauth/token/`
    }
  }

  async start(): Promise<void> {
    this.tlsServer = https.createServer({ key: this.init.tls.key, cert: this.init.tls.cert }, (req, res) => {
      this.handle(req, res, true).catch((e: unknown) => internalError(res, e))
    })
    this.port = await listen(this.tlsServer, this.init.host, this.init.port)
    if (this.init.plainHttp) {
      this.plainServer = http.createServer((req, res) => {
        this.handle(req, res, false).catch((e: unknown) => internalError(res, e))
      })
      this.plainPort = await listen(this.plainServer, this.init.host, 0)
    }
    this.online = true
  }

  /** Closes the listening sockets and drops live connections, so clients see ECONNREFUSED. */
  goOffline(): Promise<void> {
    this.transition = this.transition.then(async () => {
      if (!this.online) return
      this.online = false
      this.faults.offline = true
      await Promise.all([closeServer(this.tlsServer), closeServer(this.plainServer)])
      this.hold.wake() // their connections are closed: the parked requests end
    })
    return this.transition
  }

  goOnline(): Promise<void> {
    this.transition = this.transition.then(async () => {
      if (this.online) return
      if (this.tlsServer) await listen(this.tlsServer, this.init.host, this.port)
      if (this.plainServer && this.plainPort !== undefined)
        await listen(this.plainServer, this.init.host, this.plainPort)
      this.online = true
      this.faults.offline = false
    })
    return this.transition
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy()
    this.hanging.clear()
    await this.goOffline()
  }

  async setFaults(f: Partial<Faults>): Promise<void> {
    const { offline, ...rest } = f
    this.faults = { ...this.faults, ...rest }
    if ('holdAfter' in rest) this.hold.set(this.faults.holdAfter)
    if (!this.faults.hang) {
      for (const res of this.hanging) res.destroy()
      this.hanging.clear()
    }
    if (offline === true) await this.goOffline()
    if (offline === false) await this.goOnline()
  }

  /** Applies a checked patch; a bad field throws before anything changes. */
  setConditions(patch: unknown): void {
    const c = parseConditionsPatch(patch)
    this.conditions = { ...this.conditions, ...c }
    if ('rate' in c) this.bucket.setConfig(this.rateConfig())
    this.capacity.setLimits(this.capacityLimits())
  }

  setPublicationRight(pageIds: number[], allowed: boolean): void {
    const unknown = pageIds.filter((id) => !this.data.pageById.has(id))
    if (unknown.length > 0) throw new BadInput(`No page with id ${unknown.join(', ')} on portal ${this.name}`)
    for (const id of pageIds) {
      const page = this.data.pageById.get(id)
      if (page) page.canPublish = allowed
    }
  }

  markEdited(pageIds: number[]): void {
    const unknown = pageIds.filter((id) => !this.data.pageById.has(id))
    if (unknown.length > 0) throw new BadInput(`No page with id ${unknown.join(', ')} on portal ${this.name}`)
    for (const id of pageIds) {
      const page = this.data.pageById.get(id)
      if (!page) continue
      page.public = false
      page.modifiedAt = this.now()
    }
  }

  trashFolders(folderIds: number[]): void {
    const unknown = folderIds.filter((id) => !this.data.folderById.has(id))
    if (unknown.length > 0)
      throw new BadInput(`No folder with id ${unknown.join(', ')} on portal ${this.name}`)
    for (const id of folderIds) {
      const folder = this.data.folderById.get(id)
      if (!folder) continue
      folder.deleted = true
      folder.modifiedAt = this.now()
    }
  }

  async reset(): Promise<void> {
    this.data = buildSeed(this.init.seed)
    this.log.clear()
    this.conditions = this.startingConditions()
    this.bucket.setConfig(this.rateConfig())
    this.bucket.reset()
    this.operating.reset()
    this.capacity.setLimits(this.capacityLimits())
    this.capacity.resetStats()
    await this.setFaults({ ...defaultFaults(), offline: false })
  }

  /** The true state; main-page sites only while the portal has them (`mainPageSites`). */
  snapshot(): PortalStateSnapshot {
    const all = this.data.snapshot((code) => documentPublicUrl(this, code))
    if (this.conditions.mainPageSites) return all
    const main = (x: { scope: string }) => x.scope === 'MAINPAGE'
    return {
      ...all,
      sites: all.sites.filter((x) => !main(x)),
      folders: all.folders.filter((x) => !main(x)),
      pages: all.pages.filter((x) => !main(x))
    }
  }

  stats(): PortalStats {
    return { ...this.capacity.stats(), parked: this.hold.count() }
  }

  requestLog(): RequestLogView {
    return this.log.view()
  }

  addWebhook(opts: { userId?: number; code?: string; scopes?: string[] } = {}) {
    const hook: Hook = {
      userId: opts.userId ?? 1,
      code: opts.code ?? randomBytes(8).toString('hex'),
      scopes: opts.scopes
    }
    this.hooks.set(`${hook.userId}/${hook.code}`, hook)
    return { userId: hook.userId, code: hook.code, url: `${this.baseUrl}/rest/${hook.userId}/${hook.code}/` }
  }

  readonly control: PortalControl = {
    state: () => this.snapshot(),
    requestLog: () => this.requestLog(),
    clearLog: () => this.log.clear(),
    stats: () => this.stats(),
    setPublicationRight: (ids, allowed) => this.setPublicationRight(ids, allowed),
    markEdited: (ids) => this.markEdited(ids),
    trashFolders: (ids) => this.trashFolders(ids),
    conditions: () => structuredClone(this.conditions),
    setConditions: (c) => this.setConditions(c),
    faults: () => ({ ...this.faults }),
    setFaults: (f) => this.setFaults(f),
    goOffline: () => this.goOffline(),
    goOnline: () => this.goOnline(),
    reset: () => this.reset(),
    expireAccessToken: () => this.oauth.expireAll(),
    addWebhook: (opts) => this.addWebhook(opts)
  }

  /** The public face other code holds; `oauth` is read live so refreshes show through. */
  describe(): EmulatedPortal {
    const credentials = () => this.credentials()
    const hook = this.primaryHook
    const portal: EmulatedPortal = {
      name: this.name,
      host: this.host,
      port: this.port,
      baseUrl: this.baseUrl,
      webhookUrl: `${this.baseUrl}/rest/${hook.userId}/${hook.code}/`,
      webhook: { userId: hook.userId, code: hook.code },
      get oauth() {
        return credentials()
      },
      controlUrl: this.controlUrl,
      controlToken: this.controlToken,
      control: this.control
    }
    if (this.plainPort !== undefined) portal.plainBaseUrl = `http://${this.init.host}:${this.plainPort}`
    return portal
  }
}

function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e)
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function closeServer(server: http.Server | undefined): Promise<void> {
  if (!server || !server.listening) return Promise.resolve()
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= MAX_BODY) chunks.push(c)
    })
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function sendPlain(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch)
}

function internalError(res: http.ServerResponse, e: unknown): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  const body = JSON.stringify({
    error: 'INTERNAL_SERVER_ERROR',
    error_description: e instanceof Error ? e.message : 'Internal server error'
  })
  res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' })
  res.end(body)
}
