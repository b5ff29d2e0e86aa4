export type SeedName = 'demo' | 'large' | 'empty'
export type PlanName = 'standard' | 'enterprise' | 'self-hosted'

export interface RateConfig {
  burst: number
  drainPerSecond: number
}

export interface EmulatorOptions {
  portals?: number | PortalOptions[]
  seed?: SeedName
  plan?: 'standard' | 'enterprise'
  host?: string
  /** First portal's port; later portals take the following ports. 0 = free ports. */
  port?: number
  /** Port of the control listener; 0 (default) = a free port. */
  controlPort?: number
  /**
   * Start the HTTP control listener (default true). Without it the portals are steered only through
   * `EmulatedPortal.control` in this process, and `controlUrl`/`controlBaseUrl` are empty.
   */
  controlListener?: boolean
  plainHttp?: boolean
  dataDir?: string
  /** Simulated processing seconds per method (ms, lowercased names); added to `operating`, reported in `time.processing`. */
  processingMs?: Partial<Record<string, number>>
  /** Real response delay = processingMs * realDelayFactor. Tests set 0 to run at full speed. Default 1. */
  realDelayFactor?: number
  /** Clock in ms since the epoch; drives limits, token expiry and `time`. Default Date.now. */
  now?: () => number
}

export interface PortalOptions {
  name?: string
  seed?: SeedName
  plan?: PlanName
  port?: number
  rate?: RateConfig
  /** Default 480 (cloud); self-hosted has no operating limit unless this is set. */
  operatingLimitSec?: number
  tokenLifetimeSec?: number
  /** Portal time zone, used for `date_start` and landing dates. Default +180 (UTC+3). */
  utcOffsetMinutes?: number
}

export interface DeniedObjects {
  sites?: number[]
  pages?: number[]
  folders?: number[]
  documents?: number[]
}

export interface Conditions {
  /** Max active sites; publishing one more gives PUBLIC_SITE_REACHED. */
  publicSiteLimit?: number
  /** Max active pages; publishing one more gives PUBLIC_PAGE_REACHED. */
  publicPageLimit?: number
  publishingOnlyPaid: boolean
  phoneNotConfirmed: boolean
  emailNotConfirmed: boolean
  deniedObjects: DeniedObjects
  webhookScopes: string[]
  /** Scopes of the OAuth app's tokens. */
  appScopes: string[]
  overloaded: boolean
  deleted: boolean
  revokedWebhook: boolean
  docgenNotInstalled: boolean
  rate?: RateConfig
  operatingLimitSec?: number
  batchOver50: 'per-command' | 'reject-400'
  /**
   * The docs say site publication leaves ACTIVE=N pages unpublished ('active-pages');
   * 'all-pages' publishes every page of the site, so plan limits can stop it half-way.
   */
  sitePublication: 'active-pages' | 'all-pages'
  /** [UNCONFIRMED] whether batch `result_time` entries carry `operating*`. */
  batchResultTimeOperating: boolean
}

export interface Faults {
  latencyMs: number
  errorRate500: number
  htmlErrorRate: number
  dropRate: number
  hang: boolean
  offline: boolean
}

export type Transport = 'webhook' | 'oauth'

export interface RequestLogEntry {
  at: number
  method: string
  status: number
  error?: string
  viaBatch: boolean
  transport: Transport
}

export interface SiteSnapshot {
  id: number
  title: string
  code: string
  type: string
  active: boolean
  deleted: boolean
}

export interface FolderSnapshot {
  id: number
  siteId: number
  parentId: number | null
  title: string
  code: string
  active: boolean
  deleted: boolean
}

export interface PageSnapshot {
  id: number
  siteId: number
  folderId: number | null
  title: string
  code: string
  active: boolean
  published: boolean
  deleted: boolean
}

export interface DocumentSnapshot {
  id: number
  title: string
  number: string
  entityTypeId: number
  entityId: number
  publicUrl: string | null
}

export interface PortalStateSnapshot {
  sites: SiteSnapshot[]
  folders: FolderSnapshot[]
  pages: PageSnapshot[]
  documents: DocumentSnapshot[]
}

export interface PortalControl {
  state(): PortalStateSnapshot
  requestLog(): { entries: RequestLogEntry[]; countsByMethod: Record<string, number> }
  clearLog(): void
  conditions(): Conditions
  setConditions(c: Partial<Conditions>): void
  faults(): Faults
  setFaults(f: Partial<Faults>): Promise<void>
  goOffline(): Promise<void>
  goOnline(): Promise<void>
  reset(): Promise<void>
  /** Makes every access token issued so far expired, as if its hour had passed. */
  expireAccessToken(): void
  addWebhook(opts?: { userId?: number; code?: string; scopes?: string[] }): {
    userId: number
    code: string
    url: string
  }
}

export interface OAuthCredentials {
  clientId: string
  clientSecret: string
  accessToken: string
  refreshToken: string
  /** Unix seconds when `accessToken` expires. */
  expires: number
  expiresIn: number
  memberId: string
  domain: string
  scope: string
  clientEndpoint: string
  serverEndpoint: string
}

export interface EmulatedPortal {
  name: string
  host: string
  port: number
  baseUrl: string
  webhookUrl: string
  webhook: { userId: number; code: string }
  plainBaseUrl?: string
  oauth: OAuthCredentials
  controlUrl: string
  control: PortalControl
}

export interface Emulator {
  caCertPath: string
  caCertPem: string
  controlBaseUrl: string
  portals: EmulatedPortal[]
  portal(name: string): EmulatedPortal
  stop(): Promise<void>
}
