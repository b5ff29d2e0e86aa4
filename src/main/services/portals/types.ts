import type { Database } from '../db/database'
import type { AppEvents } from '../events'
import type { Handlers } from '../../../shared/ipc/handlers'
import type {
  AddedPortal,
  ConnectionReport,
  CredentialsInput,
  PortalHealth,
  PortalMeta,
  PortalSummary
} from '../../../shared/domain/portal'
import type { PortalClientHandle } from '../bitrix/client'
import type { PortalClient, RestError } from '../bitrix/types'
import type { SecretStore } from './secret-store'

export type PortalHandlers = Pick<
  Handlers,
  | 'portals:list'
  | 'portals:check'
  | 'portals:add'
  | 'portals:update'
  | 'portals:setCredentials'
  | 'portals:setCa'
  | 'portals:remove'
  | 'portals:probe'
  | 'portals:export'
  | 'portals:import'
  | 'demo:open'
>

export interface PortalsDeps {
  db: Database
  dataDir: string
  events: AppEvents
  log: (line: string) => void
  now: () => number
  secretStore?: SecretStore
  /** Bring a demo portal's emulator back when the list is first read (the desktop app does; the CLI does not). */
  reviveDemo?: boolean
}

/**
 * What the outbox relies on (its test fakes implement exactly this). The whole API, what compose,
 * the catalog and previews use, is `PortalsApi`.
 */
export interface PortalsService {
  /** The portal channels, adapted from the methods of PortalsApi (portals/handlers.ts). */
  handlers: PortalHandlers
  list(): PortalSummary[]
  get(portalId: string): PortalSummary | undefined
  /** A client whose answers already go to the portal's health (reporting-client.ts). */
  clientFor(portalId: string): Promise<PortalClient>
  /** The outbox reports what it saw, so health reflects real traffic, not only probes. */
  reportOutcome(portalId: string, error: RestError | null): void
  probe(portalId: string): Promise<PortalHealth>
  onCredentialsChanged(listener: (portalId: string) => void): () => void
  /** Who the portal is now (identity.ts): its member_id once known, else its host. */
  identityOf(portalId: string): Promise<string>
  /** After a portal is removed (its secret and row are gone); returns the unsubscribe. */
  onRemoved(listener: (portalId: string) => void): () => void
  close(): Promise<void>
}

/** A change to some of a portal's settings (the contract's `portals:update` meta). */
export type PortalPatch = Partial<PortalMeta> & { maxInFlight?: number }

/** The portals service: the registry, credentials, one client per portal, health, the demo portal. */
export interface PortalsApi extends PortalsService {
  /** Also what previews need of a client: its host and the guarded image download. */
  clientFor(portalId: string): Promise<PortalClientHandle>
  ids(): string[]
  has(portalId: string): boolean
  /** A listing of the portal was read at `at`: the registry keeps it and the window's list shows it. */
  markSynced(portalId: string, at: number): void
  /**
   * Calls the portal with candidate credentials and reports who they act as. With `portalId` (new
   * credentials for a saved portal) its trusted certificate is kept unless another is given.
   */
  check(credentials: CredentialsInput, portalId?: string): Promise<ConnectionReport>
  /** Checks, then saves: the secret to the keychain, the rest to the registry. */
  add(meta: PortalMeta, credentials: CredentialsInput): Promise<AddedPortal>
  update(portalId: string, patch: PortalPatch): PortalSummary
  setCredentials(portalId: string, credentials: CredentialsInput): Promise<PortalSummary>
  /**
   * Trusts another CA (null: the system's trust store) with the stored secret: checked with the
   * portal over TLS first, then saved and the keychain entry bound to it; a refusal changes nothing.
   */
  setCa(portalId: string, caPem: string | null): Promise<PortalSummary>
  /** Removes the secret and the row; `onRemoved` listeners drop what they kept of the portal. */
  remove(portalId: string): Promise<void>
  /** The portal list as JSON, without any secret. */
  exportList(): string
  /** Adds the portals of an exported list whose names are free; they have no credentials yet. */
  importList(json: string): PortalSummary[]
  /** Starts the emulated demo portal inside the app and adds it (once). */
  openDemo(): Promise<PortalSummary>
  /**
   * Brings a saved demo portal's emulator back in the background, when this process revives the
   * demo (PortalsDeps.reviveDemo) and it is not running yet. Returns at once.
   */
  wakeDemo(): void
}
