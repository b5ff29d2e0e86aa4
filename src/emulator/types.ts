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
  /**
   * Keep the CA, each portal's port and webhook code, and its data in `dataDir` across restarts
   * (`npm run portal -- --data-dir DIR`): a restarted portal accepts the same credentials.
   */
  persist?: boolean
  /** Simulated processing seconds per method (ms, lowercased names); added to `operating`, reported in `time.processing`. */
  processingMs?: Partial<Record<string, number>>
  /** Real response delay = processingMs * realDelayFactor. Tests set 0 to run at full speed. Default 1. */
  realDelayFactor?: number
  /** Clock in ms since the epoch; drives limits, token expiry and `time`. Default Date.now. */
  now?: () => number
  /** Starting conditions of every portal (a portal's own `conditions` win); `reset` returns to them. */
  conditions?: Partial<Conditions>
  /** How many request log entries each portal keeps (oldest dropped first). Default 10,000. */
  requestLogLimit?: number
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
  /** Starting conditions of this portal, over the emulator-wide ones; `reset` returns to them. */
  conditions?: Partial<Conditions>
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
   * Landing scope inside one `batch` (docs/bitrix24.md#sticky-scope). true (default, what the server code does): a
   * landing command's non-empty `scope` holds for it and every later command of the batch, an empty
   * or missing one changes nothing. false: every command starts from its own `scope` (newer code that
   * calls `Type::clearScope()`). Separate HTTP requests never share a scope either way.
   */
  stickyScope: boolean
  /**
   * What `landing.site.publication` does to the pages (docs/bitrix24.md#site-publication). 'server' (default, the
   * landing module's `Site::publication`): every page outside deleted folders that is not already
   * ACTIVE=Y and PUBLIC=Y is published, inactive ones included, and the first page that fails stops
   * the walk with its error. 'docs': pages with ACTIVE=N stay unpublished.
   */
  sitePublication: 'server' | 'docs'
  /**
   * What `landing.site.unpublic` does to the pages (docs/bitrix24.md#site-publication). 'server' (default): the same
   * walk skips pages that are ACTIVE=Y and PUBLIC=Y, so they stay ACTIVE=Y under an inactive site.
   * 'docs': every page goes offline.
   */
  siteUnpublication: 'server' | 'docs'
  /**
   * The portal's regional date format for DATE_CREATE/DATE_MODIFY/DATE_PUBLIC of landing rows
   * (docs/bitrix24.md#dates): 'us' (default) `10/10/2022 03:25:30 pm`, 'ru' `20.04.2020 12:48:10`,
   * 'eu-slash' `20/04/2020 12:48:10`.
   */
  dateFormat: DateFormat
  /**
   * How many REST requests the portal serves at once; the others wait in arrival order. Processing
   * time (`processingMs` x `realDelayFactor`) runs while a request holds a slot. Unset = no limit.
   */
  concurrency?: number
  /**
   * When this many requests are already being served or waiting, a new one is answered HTTP 500
   * at once (JSON INTERNAL_SERVER_ERROR and a text/html error page in turn, as overloaded portals
   * do: docs/bitrix24.md#other-limits, #gotchas). A client that keeps at most this many requests in flight never sees
   * it. Unset = never.
   */
  overloadAbove?: number
  /** How long the portal reports itself overloaded (`stats().overloaded`) after the last such 500. */
  overloadMs: number
  /** [UNCONFIRMED] whether batch `result_time` entries carry `operating*`. */
  batchResultTimeOperating: boolean
  /**
   * A broken or hostile portal: every `time.operating_reset_at` reports this (Unix seconds, e.g.
   * 1e11, the year 5138) instead of the real end of the window. Blocking still follows the real one.
   */
  operatingResetAt?: number
  /**
   * The portal answers as another one (its address now belongs to a portal created anew): OAuth
   * token answers carry this `member_id` instead of the portal's own.
   */
  memberId?: string
  /** A lying total: every list answer that carries `total` reports this instead (e.g. 1e12). */
  listTotal?: number
  /**
   * A list that never ends: list methods ignore `start` and `offset` (every page is the first one)
   * and always answer a `next`.
   */
  listRepeats?: boolean
  /**
   * What a site publication that fails on a page leaves behind. 'partial' (default, landing
   * `lib/site.php` `Site::publication()`): the walk returns at the first page error, and every page
   * before it is already live, the site activated by the first of them (`Mutator::landingPublication`).
   * 'atomic': the limits are checked first and a failing publication changes nothing.
   */
  sitePublicationFailure: 'partial' | 'atomic'
  /**
   * The landing module's per-request caches, which span a whole `batch` (one PHP request). true
   * (default, the server code): `Folder::getBreadCrumbs` keeps each site's folder states as first read
   * in the request, and `Site::publicationFolder` skips a folder whose cached `ACTIVE` already equals the
   * target; `Mutator` activates a page's site at most once per request, so a page publication after a
   * site unpublication in the same batch leaves the site offline. false: every command reads afresh.
   */
  requestCaches: boolean
  /**
   * `landing.landing.getList` without a `SITE_ID` filter (`lib/publicaction/landing.php`): true
   * (default, the server code) lists pages whose own folder is in the trash, which a list filtered by
   * `SITE_ID` leaves out; false: both lists leave them out.
   */
  trashInUnfilteredList: boolean
  /**
   * A page publication by a user without the publication right: 'empty' (default, the mirror's
   * `PublicAction\Landing::publication()`): `result: null`, no error, nothing changed; 'access-denied'
   * (newer `LandingTable::prepareChange`): the edits (blocks) are published first, then `ACCESS_DENIED`
   * and the page's `ACTIVE` unchanged.
   */
  publicationWithoutRight: 'empty' | 'access-denied'
  /** The portal has Bitrix24 main-page sites (scope `MAINPAGE`); the demo seed holds one. Default false. */
  mainPageSites: boolean
  /**
   * The webhook's user may view sites. false: `landing.site.getList` answers `result: []` with no error
   * (docs `landing-site-get-list.md`), as a user without the view right sees it. Default true.
   */
  siteViewRight: boolean
}

export type DateFormat = 'us' | 'ru' | 'eu-slash'

export interface Faults {
  latencyMs: number
  errorRate500: number
  htmlErrorRate: number
  dropRate: number
  hang: boolean
  /**
   * null: no hold. N: the next N REST requests pass, every later one is parked unanswered until
   * the hold is lifted (null again), then carries on; `stats().parked` counts them.
   */
  holdAfter: number | null
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

/** The landing `scope` an object is reached with: '' for PAGE/STORE/SMN sites, else the site type. */
export type LandingScope = '' | 'KNOWLEDGE' | 'GROUP' | 'MAINPAGE'

export interface SiteSnapshot {
  id: number
  title: string
  code: string
  type: string
  scope: LandingScope
  active: boolean
  deleted: boolean
}

export interface FolderSnapshot {
  id: number
  siteId: number
  scope: LandingScope
  parentId: number | null
  title: string
  code: string
  active: boolean
  deleted: boolean
}

export interface PageSnapshot {
  id: number
  siteId: number
  scope: LandingScope
  folderId: number | null
  title: string
  code: string
  active: boolean
  /** PUBLIC=Y: the page has no unpublished edits. Not the live flag; `active` is (docs/bitrix24.md#smaller-differences). */
  public: boolean
  /** @deprecated the same as `public`; kept for callers written before it. */
  published: boolean
  /** false: the webhook's user lacks the publication right, so publishing it answers `result: null` (docs/bitrix24.md#publication-without-right). */
  canPublish: boolean
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

export interface PortalStats {
  /** REST requests that got past the switchable faults, refused ones included (a batch is one). */
  requests: number
  /** Answers with an HTTP status of 500 or more, whatever the cause (rate limit, faults, overload). */
  responses5xx: number
  /** The HTTP 500 answers given because the portal was over `overloadAbove`. */
  overload500: number
  /** Requests holding a capacity slot now, and waiting for one. */
  inFlight: number
  waiting: number
  /** The most requests held at once, and held or waiting at once, since the last reset. */
  peakInFlight: number
  peakLoad: number
  /** Within `overloadMs` of the last overload answer. */
  overloaded: boolean
  /** REST requests parked by `holdAfter` now. */
  parked: number
}

export interface RequestLogView {
  /** The most recent entries, oldest first (at most `requestLogLimit`). */
  entries: RequestLogEntry[]
  countsByMethod: Record<string, number>
  /** Entries dropped from the front because the log was full. */
  dropped: number
}

/** A change made in Bitrix24's own editor, not through the REST API (emulator/outside-edits.ts). */
export type OutsideEdit =
  | { kind: 'site' | 'page'; id: number; action: 'publish' | 'unpublish' }
  | { kind: 'site' | 'page'; id: number; action: 'retitle'; title: string }

export interface PortalControl {
  state(): PortalStateSnapshot
  requestLog(): RequestLogView
  clearLog(): void
  stats(): PortalStats
  /** Grants or withdraws the publication right on pages (docs/bitrix24.md#publication-without-right); unknown ids are an error. */
  setPublicationRight(pageIds: number[], allowed: boolean): void
  /**
   * Opens pages in the editor, as a user would: `PUBLIC=N`, the live version stays and the edits wait
   * for the next publication (landing `Landing::__construct` in edit mode). Unknown ids are an error.
   */
  markEdited(pageIds: number[]): void
  /** Moves folders to the trash (DELETED=Y), as a user would; their pages stay where they are. */
  trashFolders(folderIds: number[]): void
  /**
   * Changes a site or page as a person in Bitrix24's editor would (publish, unpublish, retitle),
   * DATE_MODIFY included (emulator/outside-edits.ts). Unknown or deleted ids are an error.
   */
  editOutside(edit: OutsideEdit): void
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
  /** The control listener's token (send as `Authorization: Bearer <token>`); '' without a listener. */
  controlToken: string
  control: PortalControl
}

export interface Emulator {
  caCertPath: string
  caCertPem: string
  controlBaseUrl: string
  /** Random per start; the control listener refuses requests without it. '' without a listener. */
  controlToken: string
  portals: EmulatedPortal[]
  portal(name: string): EmulatedPortal
  stop(): Promise<void>
}
