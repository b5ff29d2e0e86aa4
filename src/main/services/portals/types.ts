import type { Database } from '../db/database'
import type { AppEvents } from '../events'
import type { Handlers } from '../../../shared/ipc/handlers'
import type { PortalHealth, PortalSummary } from '../../../shared/domain/portal'
import type { PortalClient, RestError } from '../bitrix/types'
import type { SecretStore } from './secret-store'

export type PortalHandlers = Pick<
  Handlers,
  | 'portals:list'
  | 'portals:check'
  | 'portals:add'
  | 'portals:update'
  | 'portals:setCredentials'
  | 'portals:remove'
  | 'portals:probe'
  | 'portals:export'
  | 'portals:import'
  | 'demo:open'
  | 'catalog:sites'
  | 'catalog:pages'
  | 'catalog:folders'
  | 'catalog:documents'
  | 'catalog:document'
  | 'catalog:publicUrl'
  | 'previews:get'
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

export interface PortalsService {
  handlers: PortalHandlers
  list(): PortalSummary[]
  get(portalId: string): PortalSummary | undefined
  clientFor(portalId: string): Promise<PortalClient>
  /** The outbox reports what it saw, so health reflects real traffic, not only probes. */
  reportOutcome(portalId: string, error: RestError | null): void
  probe(portalId: string): Promise<PortalHealth>
  onCredentialsChanged(listener: (portalId: string) => void): () => void
  /** After a portal is removed (its secret, caches and row are gone); returns the unsubscribe. */
  onRemoved(listener: (portalId: string) => void): () => void
  close(): Promise<void>
}
