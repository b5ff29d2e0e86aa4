import type { AddedPortal, PortalHealth, PortalSummary } from '../../../shared/domain/portal'
import { AppError } from '../errors'
import { Emitter } from '../events'
import { RestError } from '../bitrix/types'
import { parseStoredSecret, type StoredSecret } from './credentials'
import { createDemoPortalRunner } from './demo'
import { createHealthMonitor } from './health'
import { portalHandlers } from './handlers'
import type { PortalsApi, PortalsDeps } from './types'
import { createRegistry, type PortalRecord } from './registry'
import { createKeychainStore, KEYCHAIN_SERVICE } from './secret-store'
import { exportPortals } from './transfer'
import { unknownPortal } from './errors'
import { portalIdentity } from './identity'
import { createClientPool } from './clients'
import { createVerifier } from './verifier'
import { createCredentialChanges } from './credential-changes'
import { createMembership } from './membership'
import type { PortalsCore } from './core'

/**
 * The portals service composed: the registry, keychain, clients and health (core.ts), the list's
 * changes (membership.ts) and credential changes (credential-changes.ts) behind one PortalsApi.
 */
export const createPortalsServiceImpl = async (deps: PortalsDeps): Promise<PortalsApi> => {
  const { db, events, now, log } = deps
  const registry = createRegistry(db, now)
  // B24DESK_KEYCHAIN_SERVICE lets a test run the real app (or CLI) against its own keychain entries.
  const secrets =
    deps.secretStore ?? createKeychainStore(process.env.B24DESK_KEYCHAIN_SERVICE || KEYCHAIN_SERVICE)
  const demo = createDemoPortalRunner(deps.dataDir)
  const listenerFailed = (what: string) => (err: unknown) =>
    log(`portals: a ${what} listener failed: ${err instanceof Error ? err.message : String(err)}`)
  const credentialsChanged = new Emitter<[portalId: string]>(listenerFailed('credentials'))
  // The portal is gone whatever a listener does; one failing must not hide that from the others.
  const removed = new Emitter<[portalId: string]>(listenerFailed('removal'))
  let closed = false

  const summary = (r: PortalRecord): PortalSummary => ({
    id: r.id,
    name: r.name,
    host: r.host,
    authKind: r.authKind,
    limits: r.limits,
    tags: r.tags,
    color: r.color,
    notes: r.notes,
    demo: r.demo,
    health: health.get(r.id),
    lastSyncAt: r.lastSyncAt,
    maxInFlight: r.maxInFlight
  })
  const list = () => registry.list().map(summary)
  const publishList = () => events.emit('portals:changed', list())

  const requireRecord = (id: string): PortalRecord => {
    const r = registry.get(id)
    if (!r) throw unknownPortal()
    return r
  }
  const storeSecret = (id: string, secret: StoredSecret) => secrets.set(id, JSON.stringify(secret))

  const reportOutcome = (id: string, error: RestError | null) => {
    if (closed || !registry.get(id)) return
    health.report(id, error)
  }

  const clients = createClientPool({
    registry,
    secrets,
    demo,
    log,
    requireRecord,
    storeSecret,
    reportOutcome
  })

  const health = createHealthMonitor({
    now,
    initial: (id) => registry.get(id)?.status,
    persist: (id, h) => registry.setStatus(id, h),
    publish: (id, h, stateChanged) => {
      events.emit('portal:health', { portalId: id, health: h })
      if (stateChanged) publishList()
    },
    probe: (id) => probe(id)
  })

  const probe = async (id: string): Promise<PortalHealth> => {
    requireRecord(id)
    try {
      const client = await clients.clientFor(id)
      await client.call('scope')
      return health.report(id, null)
    } catch (err) {
      if (err instanceof RestError) return health.report(id, err, { probe: true })
      if (err instanceof AppError) {
        return health.report(
          id,
          new RestError({
            code: err.code,
            message: err.message,
            category: 'auth',
            portalId: id,
            method: 'scope',
            httpStatus: null
          }),
          { probe: true }
        )
      }
      throw err
    }
  }

  const currentIdentity = async (id: string): Promise<string> => {
    const r = requireRecord(id)
    return portalIdentity(r.host, parseStoredSecret(await secrets.get(id))?.bound?.memberId)
  }

  const core: PortalsCore = {
    deps,
    now,
    log,
    registry,
    secrets,
    demo,
    clients,
    health,
    verifier: createVerifier({ now, log }),
    summary,
    publishList,
    requireRecord,
    storeSecret,
    credentialsChanged,
    removed
  }
  const membership = createMembership(core)
  const credentialChanges = createCredentialChanges(core)

  const api: Omit<PortalsApi, 'handlers'> = {
    list,
    get: (id) => {
      const r = registry.get(id)
      return r ? summary(r) : undefined
    },
    ids: () => registry.list().map((p) => p.id),
    has: (id) => registry.get(id) !== undefined,
    markSynced: (id, at) => {
      registry.setLastSync(id, at)
      // The sidebar shows each portal's last sync; it learns of it only through this event.
      publishList()
    },
    clientFor: clients.clientFor,
    identityOf: currentIdentity,
    reportOutcome,
    probe,
    check: credentialChanges.check,
    add: async (meta, credentials): Promise<AddedPortal> => {
      const { portal, connection } = await membership.addPortal(meta, credentials)
      return { ...portal, connection }
    },
    update: membership.update,
    setCredentials: credentialChanges.setCredentials,
    setCa: credentialChanges.setCa,
    remove: membership.remove,
    exportList: () => exportPortals(registry.list(), now()),
    importList: membership.importList,
    openDemo: membership.openDemo,
    wakeDemo: membership.wakeDemo,
    onCredentialsChanged: (listener) => credentialsChanged.subscribe(listener),
    onRemoved: (listener) => removed.subscribe(listener),
    async close() {
      closed = true
      health.close()
      clients.dropAll()
      await demo.stop()
    }
  }
  return { ...api, handlers: portalHandlers(api) }
}
