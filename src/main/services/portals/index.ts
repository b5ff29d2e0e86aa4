import { createPortalsServiceImpl } from './service'
import type { PortalsDeps, PortalsService } from './types'

export type { PortalHandlers, PortalsDeps, PortalsService } from './types'
export type { SecretStore } from './secret-store'
export { assertKeychain, createKeychainStore, KEYCHAIN_SERVICE } from './secret-store'

/**
 * The portal registry (SQLite), credentials (OS keychain), one REST client per portal, health,
 * the catalog and previews. See service.ts.
 */
export const createPortalsService = (deps: PortalsDeps): Promise<PortalsService> =>
  createPortalsServiceImpl(deps)
