import { createPortalsServiceImpl } from './service'
import type { PortalsApi, PortalsDeps } from './types'

export type { PortalHandlers, PortalPatch, PortalsApi, PortalsDeps, PortalsService } from './types'
export { unknownPortal } from './errors'
export { describeIdentity, identityDiffers, portalIdentity } from './identity'
export type { SecretStore } from './secret-store'
export { assertKeychain, createKeychainStore, KEYCHAIN_SERVICE } from './secret-store'

/**
 * The portal registry (SQLite), credentials (OS keychain), one REST client per portal and their
 * health. See service.ts; the catalog and previews are services of their own (compose.ts).
 */
export const createPortalsService = (deps: PortalsDeps): Promise<PortalsApi> => createPortalsServiceImpl(deps)
