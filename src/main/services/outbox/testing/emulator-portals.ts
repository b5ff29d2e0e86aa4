import type { Emulator } from '../../../../emulator/index.ts'
import { createPortalClient, type PortalClientHandle } from '../../bitrix/client'
import type { LimitsPreset, PortalHealth } from '../../../../shared/domain/portal'
import type { RestError } from '../../bitrix/types'
import { fakePortals, type FakePortals } from './fake-portals'

/**
 * Portals backed by the emulated Bitrix24 (portal id = emulated portal name), through the real
 * REST client. Probing is a cheap `server.time` call.
 */
export const emulatorPortals = (
  emu: Emulator,
  opts: { maxRetries?: number; timeoutMs?: number; limits?: LimitsPreset } = {}
): FakePortals & { closeClients(): void } => {
  const clients = new Map<string, PortalClientHandle>()
  const clientFor = async (portalId: string): Promise<PortalClientHandle> => {
    let c = clients.get(portalId)
    if (!c) {
      const p = emu.portal(portalId)
      c = createPortalClient({
        portalId,
        limits: opts.limits ?? 'standard',
        credentials: { kind: 'webhook', webhookUrl: p.webhookUrl },
        caPem: emu.caCertPem,
        maxRetries: opts.maxRetries ?? 1,
        timeoutMs: opts.timeoutMs ?? 5_000
      })
      clients.set(portalId, c)
    }
    return c
  }
  const probe = async (portalId: string): Promise<PortalHealth> => {
    try {
      await (await clientFor(portalId)).call('server.time')
      return { state: 'online' }
    } catch (err) {
      const e = err as RestError
      return {
        state: e.category === 'auth' ? 'auth_failed' : e.category === 'unreachable' ? 'unreachable' : 'online'
      }
    }
  }
  const portals = fakePortals({ clientFor, probe })
  return {
    ...portals,
    closeClients() {
      for (const c of clients.values()) c.close()
      clients.clear()
    }
  }
}
