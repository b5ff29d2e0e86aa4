/** What the parts of the portals service share: the registry, the keychain, the clients, health and the change events. */
import type { PortalSummary } from '../../../shared/domain/portal'
import type { Emitter } from '../events'
import type { StoredSecret } from './credentials'
import type { DemoPortalRunner } from './demo'
import type { HealthMonitor } from './health'
import type { PortalRecord, PortalRegistry } from './registry'
import type { SecretStore } from './secret-store'
import type { ClientPool } from './clients'
import type { Verifier } from './verifier'
import type { PortalsDeps } from './types'

export interface PortalsCore {
  deps: PortalsDeps
  now: () => number
  log: (line: string) => void
  registry: PortalRegistry
  secrets: SecretStore
  demo: DemoPortalRunner
  clients: ClientPool
  health: HealthMonitor
  verifier: Verifier
  summary(r: PortalRecord): PortalSummary
  /** Tells the windows the portal list (names, health, last sync) changed. */
  publishList(): void
  requireRecord(id: string): PortalRecord
  storeSecret(id: string, secret: StoredSecret): Promise<void>
  credentialsChanged: Emitter<[portalId: string]>
  removed: Emitter<[portalId: string]>
}
