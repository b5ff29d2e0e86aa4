import type { PortalHandlers, PortalsApi } from './types'

/**
 * The portal channels as thin adapters over the service's methods (VS Code's ProxyChannel idea):
 * the contract has checked the input already, so each one only unpacks it.
 */
export const portalHandlers = (portals: Omit<PortalsApi, 'handlers'>): PortalHandlers => ({
  'portals:list': () => {
    // The desktop app asks for the list first: that is the moment to bring a demo portal back to life.
    portals.wakeDemo()
    return portals.list()
  },
  'portals:check': ({ credentials, portalId }) => portals.check(credentials, portalId),
  'portals:add': ({ meta, credentials }) => portals.add(meta, credentials),
  'portals:update': ({ portalId, meta }) => portals.update(portalId, meta),
  'portals:setCredentials': ({ portalId, credentials }) => portals.setCredentials(portalId, credentials),
  'portals:setCa': ({ portalId, caPem }) => portals.setCa(portalId, caPem),
  'portals:remove': ({ portalId }) => portals.remove(portalId),
  'portals:probe': ({ portalId }) => portals.probe(portalId),
  'portals:export': () => portals.exportList(),
  'portals:import': ({ json }) => portals.importList(json),
  'demo:open': () => portals.openDemo()
})
