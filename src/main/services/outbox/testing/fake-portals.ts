import type { PortalHealth, PortalSummary } from '../../../../shared/domain/portal'
import type { PortalClient, RestError } from '../../bitrix/types'
import type { PortalsService } from '../../portals'

export interface FakePortals extends PortalsService {
  outcomes: Array<{ portalId: string; code: string | null }>
  credentialsChanged(portalId: string): void
}

/**
 * A PortalsService for outbox tests: clients come from `clientFor`, probes from `probe`; nothing
 * about the registry or the keychain is involved.
 */
export const fakePortals = (opts: {
  clientFor: (portalId: string) => Promise<PortalClient>
  probe?: (portalId: string) => Promise<PortalHealth>
}): FakePortals => {
  const listeners = new Set<(portalId: string) => void>()
  const outcomes: FakePortals['outcomes'] = []
  return {
    outcomes,
    handlers: {} as PortalsService['handlers'],
    list: () => [],
    get: (id) => ({ id, name: id }) as PortalSummary,
    clientFor: opts.clientFor,
    reportOutcome: (portalId: string, error: RestError | null) => {
      outcomes.push({ portalId, code: error?.code ?? null })
    },
    probe: opts.probe ?? (async () => ({ state: 'online' })),
    onCredentialsChanged: (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    credentialsChanged: (portalId) => {
      for (const l of listeners) l(portalId)
    },
    close: async () => {}
  }
}
