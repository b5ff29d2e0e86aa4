/** One REST client per portal, built from its keychain secret where that secret was given for; the demo portal revived first. */
import { createPortalClient, type PortalClientHandle } from '../bitrix/client'
import type { RestError } from '../bitrix/types'
import {
  bindingMismatch,
  bindingOf,
  clientCredentials,
  parseStoredSecret,
  prepareCredentials,
  withTokens,
  type StoredSecret
} from './credentials'
import type { DemoPortalRunner } from './demo'
import type { PortalRecord, PortalRegistry } from './registry'
import type { SecretStore } from './secret-store'
import { credentialsMoved, noCredentials } from './refusals'
import { reportingClient } from './reporting-client'

export interface ClientPoolDeps {
  registry: PortalRegistry
  secrets: SecretStore
  demo: DemoPortalRunner
  log: (line: string) => void
  requireRecord: (id: string) => PortalRecord
  storeSecret: (id: string, secret: StoredSecret) => Promise<void>
  /** Each call's outcome, for the portal's health. */
  reportOutcome: (id: string, error: RestError | null) => void
}

export interface ClientPool {
  clientFor(id: string): Promise<PortalClientHandle>
  /** Closes the portal's client; the next call builds another (new limits, credentials or CA). */
  drop(id: string): void
  dropAll(): void
}

export const createClientPool = (deps: ClientPoolDeps): ClientPool => {
  const { registry, secrets, demo, log, requireRecord, storeSecret } = deps
  const clients = new Map<string, Promise<PortalClientHandle>>()

  const drop = (id: string) => {
    const c = clients.get(id)
    clients.delete(id)
    void c?.then((h) => h.close()).catch(() => {})
  }

  /**
   * The demo portal's emulator runs inside this process; after a restart its port and webhook code
   * are new, so the stored host, certificate and secret are brought up to date before first use.
   */
  const reviveDemo = async (r: PortalRecord): Promise<PortalRecord> => {
    const endpoint = await demo.ensure()
    const prepared = prepareCredentials({
      kind: 'webhook',
      webhookUrl: endpoint.webhookUrl,
      caPem: endpoint.caPem
    })
    const stored = parseStoredSecret(await secrets.get(r.id))
    if (
      !stored ||
      stored.kind !== 'webhook' ||
      stored.webhookUrl !== (prepared.secret as { webhookUrl: string }).webhookUrl ||
      JSON.stringify(stored.bound) !== JSON.stringify(prepared.secret.bound)
    ) {
      await storeSecret(r.id, prepared.secret)
    }
    if (r.host !== prepared.host || r.caPem !== prepared.caPem) {
      return registry.update(r.id, { host: prepared.host, caPem: prepared.caPem, authKind: 'webhook' })
    }
    return r
  }

  const makeClient = async (r: PortalRecord): Promise<PortalClientHandle> => {
    if (r.demo) r = await reviveDemo(r)
    const stored = parseStoredSecret(await secrets.get(r.id))
    if (!stored) throw noCredentials()
    let secret = stored
    if (!secret.bound) {
      // An entry saved before bindings existed: bound now to what the portal is, once.
      secret = { ...secret, bound: bindingOf(r) }
      await storeSecret(r.id, secret)
    } else {
      const differs = bindingMismatch(secret.bound, r)
      if (differs) throw credentialsMoved(r, differs)
    }
    let current = secret
    const client = createPortalClient({
      portalId: r.id,
      limits: r.limits,
      caPem: r.caPem,
      credentials: clientCredentials(r, secret),
      expectMemberId: () => current.bound?.memberId,
      // The rotated pair is written back at once: the old refresh token no longer works.
      onTokensRefreshed: async (t) => {
        current = withTokens(current, t)
        await storeSecret(r.id, current)
      },
      log
    })
    return reportingClient(client, (error) => deps.reportOutcome(r.id, error))
  }

  const clientFor = (id: string): Promise<PortalClientHandle> => {
    const r = requireRecord(id)
    let c = clients.get(id)
    if (!c) {
      c = makeClient(r)
      clients.set(id, c)
      c.catch(() => {
        if (clients.get(id) === c) clients.delete(id)
      })
    }
    return c
  }

  return {
    clientFor,
    drop,
    dropAll: () => {
      for (const id of [...clients.keys()]) drop(id)
    }
  }
}
