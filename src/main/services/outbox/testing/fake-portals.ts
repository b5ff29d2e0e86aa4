import type { PortalHealth, PortalSummary } from '../../../../shared/domain/portal'
import type { PortalClient, RestError } from '../../bitrix/types'
import type { PortalsService } from '../../portals'

export interface FakePortals extends PortalsService {
  outcomes: Array<{ portalId: string; code: string | null }>
  credentialsChanged(portalId: string): void
  /** Forgets the portal (get() answers undefined from now on) and tells the removal listeners. */
  removed(portalId: string): void
}

/**
 * A PortalsService for outbox tests: clients come from `clientFor`, probes from `probe`; nothing
 * about the registry or the keychain is involved.
 */
export const fakePortals = (opts: {
  clientFor: (portalId: string) => Promise<PortalClient>
  probe?: (portalId: string) => Promise<PortalHealth>
  /** Whether the portal is still in the registry; another process may remove it without telling us. */
  exists?: (portalId: string) => boolean
  /** The portal's ceiling of requests in flight (PortalSummary.maxInFlight); the default when absent. */
  maxInFlight?: (portalId: string) => number
}): FakePortals => {
  const listeners = new Set<(portalId: string) => void>()
  const removedListeners = new Set<(portalId: string) => void>()
  const gone = new Set<string>()
  const outcomes: FakePortals['outcomes'] = []
  return {
    outcomes,
    handlers: {} as PortalsService['handlers'],
    list: () => [],
    get: (id) =>
      gone.has(id) || opts.exists?.(id) === false
        ? undefined
        : ({
            id,
            name: id,
            ...(opts.maxInFlight ? { maxInFlight: opts.maxInFlight(id) } : {})
          } as PortalSummary),
    clientFor: opts.clientFor,
    reportOutcome: (portalId: string, error: RestError | null) => {
      outcomes.push({ portalId, code: error?.code ?? null })
    },
    probe: opts.probe ?? (async () => ({ state: 'online' })),
    identityOf: async (portalId) => `host:${portalId}`,
    onCredentialsChanged: (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    credentialsChanged: (portalId) => {
      for (const l of listeners) l(portalId)
    },
    onRemoved: (l) => {
      removedListeners.add(l)
      return () => removedListeners.delete(l)
    },
    removed: (portalId) => {
      gone.add(portalId)
      for (const l of removedListeners) l(portalId)
    },
    close: async () => {}
  }
}
