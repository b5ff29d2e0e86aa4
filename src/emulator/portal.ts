// One emulated portal: its data, limits, credentials, faults and listening sockets (requests: portal-requests.ts).
import { restoreData, type SavedPortal } from './persist.ts'
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import { Capacity } from './capacity.ts'
import type { CapacityLimits } from './capacity.ts'
import { defaultConditions, defaultProcessingMs, parseConditionsPatch } from './conditions.ts'
import { defaultFaults } from './faults.ts'
import { Hold } from './hold.ts'
import { LeakyBucket } from './limits/bucket.ts'
import { OperatingTracker } from './limits/operating.ts'
import type { MethodTable, PortalEnv } from './methods/context.ts'
import { allMethods } from './methods/index.ts'
import { OAuthStore } from './oauth.ts'
import { PreviewCache } from './preview-png.ts'
import { RequestLog } from './request-log.ts'
import { buildSeed } from './seeds/index.ts'
import type { PortalData } from './state.ts'
import type {
  Conditions,
  EmulatedPortal,
  Faults,
  OAuthCredentials,
  OutsideEdit,
  PlanName,
  PortalControl,
  PortalStateSnapshot,
  PortalStats,
  RateConfig,
  RequestLogEntry,
  RequestLogView,
  SeedName
} from './types.ts'
import { closeServer, internalError, listen } from './net.ts'
import { handleRequest, type ServedPortal } from './portal-requests.ts'
import { markEdited, setPublicationRight, trashFolders, trueState } from './portal-edits.ts'
import { applyOutsideEdit } from './outside-edits.ts'

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

/** One emulated portal: its data, limits, credentials, faults and listening sockets. */
export class PortalRuntime implements ServedPortal, PortalEnv {
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
  readonly hanging = new Set<http.ServerResponse>()
  readonly hold = new Hold()
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
      handleRequest(this, req, res, true).catch((e: unknown) => internalError(res, e))
    })
    this.port = await listen(this.tlsServer, this.init.host, this.init.port)
    if (this.init.plainHttp) {
      this.plainServer = http.createServer((req, res) => {
        handleRequest(this, req, res, false).catch((e: unknown) => internalError(res, e))
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
    setPublicationRight(this.data, this.name, pageIds, allowed)
  }

  markEdited(pageIds: number[]): void {
    markEdited(this.data, this.name, () => this.now(), pageIds)
  }

  trashFolders(folderIds: number[]): void {
    trashFolders(this.data, this.name, () => this.now(), folderIds)
  }

  /** A change made in Bitrix24's editor, behind the app's back (outside-edits.ts). */
  editOutside(edit: OutsideEdit): void {
    applyOutsideEdit(this.data, this.name, this.now(), edit)
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
    return trueState(this)
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
    editOutside: (edit) => this.editOutside(edit),
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
