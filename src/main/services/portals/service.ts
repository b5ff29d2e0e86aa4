import type {
  AddedPortal,
  ConnectionReport,
  CredentialsInput,
  PortalHealth,
  PortalMeta,
  PortalSummary
} from '../../../shared/domain/portal'
import { portalMetaSchema } from '../../../shared/domain/portal'
import { AppError } from '../errors'
import { Emitter } from '../events'
import { localize } from '../app/language'
import { createPortalClient, type PortalClientHandle } from '../bitrix/client'
import { RestError } from '../bitrix/types'
import { hostKey, sameHost } from '../bitrix/agent'
import { checkConnection } from './connection'
import {
  bindingMismatch,
  bindingOf,
  clientCredentials,
  parseStoredSecret,
  prepareCredentials,
  withTokens,
  type PreparedCredentials,
  type StoredSecret
} from './credentials'
import { createDemoPortalRunner, DEMO_PORTAL_NAME } from './demo'
import { createHealthMonitor } from './health'
import { portalHandlers } from './handlers'
import type { PortalPatch, PortalsApi, PortalsDeps } from './types'
import { createRegistry, type PortalRecord } from './registry'
import { assertKeychain, createKeychainStore, KEYCHAIN_SERVICE } from './secret-store'
import { exportPortals, parseExport, trustedImport } from './transfer'
import { bindingParts, messages } from './messages'
import { unknownPortal } from './errors'
import { reportingClient } from './reporting-client'
import { portalIdentity } from './identity'

/**
 * New credentials never move a portal: everything keyed by it (the outbox's queued and scheduled
 * work, snapshots, the catalog cache) holds another portal's ids. A different host is refused.
 */
const assertSameHost = (r: PortalRecord, prepared: PreparedCredentials): void => {
  if (sameHost(hostKey(r.host), hostKey(prepared.host))) return
  throw new AppError(
    'PORTAL_HOST_CHANGED',
    localize(messages.hostChanged, { name: r.name, host: r.host, newHost: prepared.host }),
    { category: 'permanent' }
  )
}

/**
 * The database says the portal is somewhere (a host, an OAuth server, a certificate to trust) other
 * than where its keychain entry was given for: the secret is not used.
 */
const credentialsMoved = (r: PortalRecord, what: 'host' | 'oauthServer' | 'ca') =>
  new AppError(
    'CREDENTIALS_BOUND_ELSEWHERE',
    localize(messages.credentialsBoundElsewhere, {
      name: r.name,
      what: localize(bindingParts[what])
    }),
    { category: 'auth' }
  )

const nameTaken = (name: string) =>
  new AppError('PORTAL_NAME_TAKEN', localize(messages.nameTaken, { name }), { category: 'permanent' })

const noCredentials = () =>
  new AppError('NO_CREDENTIALS', localize(messages.noCredentials), { category: 'auth' })

const demoCa = () => new AppError('DEMO_PORTAL_CA', localize(messages.demoCa), { category: 'permanent' })

const ROTATION_TTL_MS = 30 * 60_000

/** Who a portal's credentials act as: one webhook user, or one application, on one host. */
const identityOf = (host: string, secret: StoredSecret): string | null => {
  if (secret.kind === 'oauth') return `${host.toLowerCase()} oauth ${secret.clientId}`
  const user = /\/rest\/(\d+)\//.exec(secret.webhookUrl)?.[1]
  return user ? `${host.toLowerCase()} webhook ${user}` : null
}

const duplicate = (existing: PortalRecord, authKind: PortalRecord['authKind']) =>
  new AppError(
    'PORTAL_DUPLICATE',
    localize(authKind === 'oauth' ? messages.duplicateOAuth : messages.duplicateWebhook, {
      name: existing.name,
      host: existing.host
    }),
    { category: 'permanent', details: { portalId: existing.id } }
  )

export const createPortalsServiceImpl = async (deps: PortalsDeps): Promise<PortalsApi> => {
  const { db, events, now, log } = deps
  const registry = createRegistry(db, now)
  // B24DESK_KEYCHAIN_SERVICE lets a test run the real app (or CLI) against its own keychain entries.
  const secrets =
    deps.secretStore ?? createKeychainStore(process.env.B24DESK_KEYCHAIN_SERVICE || KEYCHAIN_SERVICE)
  const demo = createDemoPortalRunner(deps.dataDir)
  const clients = new Map<string, Promise<PortalClientHandle>>()
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

  const dropClient = (id: string) => {
    const c = clients.get(id)
    clients.delete(id)
    void c?.then((h) => h.close()).catch(() => {})
  }

  /**
   * The same portal under two names would get two outbox lanes and two pacers while the portal
   * counts one rate bucket and one operating budget; so one host and one webhook user (or one
   * application) make one portal. Portals without stored credentials (imported) cannot be compared.
   */
  const assertNotDuplicate = async (prepared: PreparedCredentials, exceptId?: string): Promise<void> => {
    const mine = identityOf(prepared.host, prepared.secret)
    if (!mine) return
    for (const r of registry.list()) {
      if (
        r.id === exceptId ||
        r.host.toLowerCase() !== prepared.host.toLowerCase() ||
        r.authKind !== prepared.authKind
      )
        continue
      const theirs = parseStoredSecret(await secrets.get(r.id))
      if (theirs && identityOf(r.host, theirs) === mine) throw duplicate(r, prepared.authKind)
    }
  }

  /**
   * OAuth pairs a check has rotated, by the pair it was given. The add-portal form checks and then
   * saves the same fields; without this the save would present a refresh token the check already
   * spent. In memory only, briefly, and in the main process, like the clients' own tokens.
   */
  const rotations = new Map<string, { secret: StoredSecret; at: number }>()
  const rotationKey = (prepared: PreparedCredentials): string | null =>
    prepared.secret.kind === 'oauth'
      ? `${prepared.host}\n${prepared.secret.clientId}\n${prepared.secret.refreshToken}`
      : null

  /** Calls the portal with candidate credentials; an OAuth refresh during the check updates them in place. */
  const verify = async (
    prepared: PreparedCredentials,
    limits: PortalMeta['limits']
  ): Promise<ConnectionReport> => {
    const key = rotationKey(prepared)
    for (const [k, r] of rotations) if (now() - r.at > ROTATION_TTL_MS) rotations.delete(k)
    const known = key ? rotations.get(key) : undefined
    if (known) prepared.secret = known.secret
    const client = createPortalClient({
      portalId: 'check',
      limits,
      caPem: prepared.caPem,
      credentials: clientCredentials(
        { host: prepared.host, oauthServer: prepared.oauthServer },
        prepared.secret
      ),
      maxRetries: 1,
      onTokensRefreshed: (t) => {
        prepared.secret = withTokens(prepared.secret, t)
        if (key) rotations.set(key, { secret: prepared.secret, at: now() })
      },
      log
    })
    try {
      return await checkConnection(client)
    } finally {
      client.close()
    }
  }

  const storeSecret = (id: string, secret: StoredSecret) => secrets.set(id, JSON.stringify(secret))

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
    return reportingClient(client, (error) => reportOutcome(r.id, error))
  }

  const currentIdentity = async (id: string): Promise<string> => {
    const r = requireRecord(id)
    return portalIdentity(r.host, parseStoredSecret(await secrets.get(id))?.bound?.memberId)
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

  const reportOutcome = (id: string, error: RestError | null) => {
    if (closed || !registry.get(id)) return
    health.report(id, error)
  }

  const probe = async (id: string): Promise<PortalHealth> => {
    requireRecord(id)
    try {
      const client = await clientFor(id)
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

  const addPortal = async (
    meta: PortalMeta,
    credentials: CredentialsInput,
    opts: { demo?: boolean } = {}
  ): Promise<{ portal: PortalSummary; connection: ConnectionReport }> => {
    const m = portalMetaSchema.parse(meta)
    const prepared = prepareCredentials(credentials)
    if (registry.byName(m.name)) throw nameTaken(m.name)
    // No keychain, no portal: refuse before calling anyone or writing anything.
    await assertKeychain(secrets)
    await assertNotDuplicate(prepared)
    const rotation = rotationKey(prepared)
    // The report is the caller's: checking again afterwards would use tokens this check may have rotated.
    const connection = await verify(prepared, m.limits)
    if (registry.byName(m.name)) throw nameTaken(m.name)
    await assertNotDuplicate(prepared)
    const id = crypto.randomUUID()
    await storeSecret(id, prepared.secret)
    let record: PortalRecord
    try {
      record = registry.insert({
        id,
        name: m.name,
        host: prepared.host,
        authKind: prepared.authKind,
        limits: m.limits,
        tags: m.tags,
        color: m.color,
        notes: m.notes,
        caPem: prepared.caPem,
        oauthServer: prepared.oauthServer,
        demo: opts.demo ?? false,
        status: { state: 'online', checkedAt: now() }
      })
    } catch (err) {
      await secrets.delete(id).catch(() => false)
      if (err instanceof Error && /UNIQUE/.test(err.message)) throw nameTaken(m.name)
      throw err
    }
    if (rotation) rotations.delete(rotation)
    publishList()
    return { portal: summary(record), connection }
  }

  const update = (id: string, meta: PortalPatch): PortalSummary => {
    const r = requireRecord(id)
    if (meta.name !== undefined) {
      const other = registry.byName(meta.name)
      if (other && other.id !== id) throw nameTaken(meta.name)
    }
    const updated = registry.update(id, {
      name: meta.name?.trim(),
      limits: meta.limits,
      tags: meta.tags,
      color: meta.color,
      notes: meta.notes,
      maxInFlight: meta.maxInFlight
    })
    // The client carries the limits preset; rebuild it when that changes.
    if (meta.limits !== undefined && meta.limits !== r.limits) dropClient(id)
    publishList()
    return summary(updated)
  }

  /**
   * New credentials for the same host keep the certificate the portal already trusts unless another
   * is given: replacing a revoked webhook code should not mean pasting the certificate again.
   */
  const withKeptCa = (r: PortalRecord, credentials: CredentialsInput): PreparedCredentials => {
    if (!r.caPem || credentials.caPem?.trim()) return prepareCredentials(credentials)
    let kept: PreparedCredentials | null
    try {
      kept = prepareCredentials({ ...credentials, caPem: r.caPem })
    } catch {
      kept = null
    }
    return kept?.host === r.host ? kept : prepareCredentials(credentials)
  }

  const setCredentials = async (id: string, credentials: CredentialsInput): Promise<PortalSummary> => {
    const r = requireRecord(id)
    const prepared = withKeptCa(r, credentials)
    assertSameHost(r, prepared)
    await assertKeychain(secrets)
    await assertNotDuplicate(prepared, id)
    const rotation = rotationKey(prepared)
    await verify(prepared, r.limits)
    await storeSecret(id, prepared.secret)
    if (rotation) rotations.delete(rotation)
    const updated = registry.update(id, {
      host: prepared.host,
      authKind: prepared.authKind,
      caPem: prepared.caPem,
      oauthServer: prepared.oauthServer
    })
    dropClient(id)
    health.report(id, null)
    credentialsChanged.emit(id)
    publishList()
    return summary(updated)
  }

  /**
   * Another CA to trust (null: the system's trust store) with the secret already stored: the new CA
   * must be a CA valid today, the portal must answer over TLS with it, and only then are the CA and
   * the secret's binding saved. A refusal changes nothing.
   */
  const setCa = async (id: string, caPem: string | null): Promise<PortalSummary> => {
    const r = requireRecord(id)
    if (r.demo) throw demoCa()
    await assertKeychain(secrets)
    const stored = parseStoredSecret(await secrets.get(id))
    if (!stored) throw noCredentials()
    // The secret moves to another CA only from where it was given: host, OAuth server and CA as stored.
    const differs = stored.bound ? bindingMismatch(stored.bound, r) : null
    if (differs) throw credentialsMoved(r, differs)
    const ca = caPem ?? undefined
    const prepared = prepareCredentials(
      stored.kind === 'webhook'
        ? { kind: 'webhook', webhookUrl: stored.webhookUrl, caPem: ca }
        : {
            kind: 'oauth',
            portalUrl: `https://${r.host}`,
            clientId: stored.clientId,
            clientSecret: stored.clientSecret,
            accessToken: stored.accessToken,
            refreshToken: stored.refreshToken,
            oauthServer: r.oauthServer ?? undefined,
            caPem: ca
          }
    )
    assertSameHost(r, prepared)
    const memberId = stored.bound?.memberId
    const bound = {
      ...bindingOf({ host: r.host, oauthServer: r.oauthServer, caPem: prepared.caPem }),
      ...(memberId ? { memberId } : {})
    }
    prepared.secret = { ...stored, bound }
    try {
      await verify(prepared, r.limits)
    } catch (err) {
      // An OAuth pair the check rotated is the only one that works now: kept, bound as before.
      if (
        prepared.secret.kind === 'oauth' &&
        stored.kind === 'oauth' &&
        prepared.secret.refreshToken !== stored.refreshToken
      ) {
        await storeSecret(id, { ...prepared.secret, bound: stored.bound })
        dropClient(id)
      }
      if (!(err instanceof AppError)) throw err
      throw new AppError(err.code, localize(messages.caRefused, { name: r.name, reason: err.message }), {
        category: err.category,
        cause: err
      })
    }
    await storeSecret(id, prepared.secret)
    let updated: PortalRecord
    try {
      updated = registry.update(id, { caPem: prepared.caPem })
    } catch (err) {
      await storeSecret(id, { ...prepared.secret, bound: stored.bound }).catch(() => {})
      throw err
    }
    dropClient(id)
    health.report(id, null)
    credentialsChanged.emit(id)
    publishList()
    return summary(updated)
  }

  const remove = async (id: string): Promise<void> => {
    const r = requireRecord(id)
    // The secret goes first: a portal row without a secret can be removed later, a secret without a row would be orphaned.
    await secrets.delete(id)
    dropClient(id)
    health.forget(id)
    registry.remove(id)
    // The catalog and previews drop their caches of the portal here (wired in compose.ts).
    removed.emit(id)
    if (r.demo && !registry.list().some((p) => p.demo)) await demo.stop()
    publishList()
  }

  const importList = (json: string): PortalSummary[] => {
    const incoming = parseExport(json)
    const added: PortalSummary[] = []
    for (const incomingPortal of incoming) {
      if (registry.byName(incomingPortal.name)) continue
      const { portal: p, notes } = trustedImport(incomingPortal)
      const message = [noCredentials().message, ...notes].join(' ')
      const record = registry.insert({
        name: p.name,
        host: p.host,
        authKind: p.authKind,
        limits: p.limits,
        tags: p.tags,
        color: p.color,
        notes: p.notes,
        caPem: p.caPem ?? null,
        oauthServer: p.oauthServer ?? null,
        demo: false,
        status: {
          state: 'auth_failed',
          lastError: { code: 'NO_CREDENTIALS', message, category: 'auth', at: now() }
        }
      })
      added.push(summary(record))
    }
    if (added.length) publishList()
    return added
  }

  const openDemo = async (): Promise<PortalSummary> => {
    const existing = registry.list().find((p) => p.demo)
    if (existing) {
      await clientFor(existing.id)
      return summary(requireRecord(existing.id))
    }
    const endpoint = await demo.ensure()
    let name = DEMO_PORTAL_NAME
    for (let i = 2; registry.byName(name); i++) name = `${DEMO_PORTAL_NAME} ${i}`
    const { portal } = await addPortal(
      { name, limits: 'standard', tags: ['demo'], color: null, notes: '' },
      { kind: 'webhook', webhookUrl: endpoint.webhookUrl, caPem: endpoint.caPem },
      { demo: true }
    )
    return portal
  }

  const wakeDemo = (): void => {
    const saved = registry.list().find((p) => p.demo)
    if (!saved || deps.reviveDemo === false || demo.running()) return
    void clientFor(saved.id).catch((err: unknown) =>
      log(`demo portal: ${err instanceof Error ? err.message : String(err)}`)
    )
  }

  const check = async (credentials: CredentialsInput, portalId?: string): Promise<ConnectionReport> => {
    if (!portalId) return verify(prepareCredentials(credentials), 'standard')
    const r = requireRecord(portalId)
    const prepared = withKeptCa(r, credentials)
    assertSameHost(r, prepared)
    return verify(prepared, r.limits)
  }

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
    clientFor,
    identityOf: currentIdentity,
    reportOutcome,
    probe,
    check,
    add: async (meta, credentials): Promise<AddedPortal> => {
      const { portal, connection } = await addPortal(meta, credentials)
      return { ...portal, connection }
    },
    update,
    setCredentials,
    setCa,
    remove,
    exportList: () => exportPortals(registry.list(), now()),
    importList,
    openDemo,
    wakeDemo,
    onCredentialsChanged: (listener) => credentialsChanged.subscribe(listener),
    onRemoved: (listener) => removed.subscribe(listener),
    async close() {
      closed = true
      health.close()
      for (const id of [...clients.keys()]) dropClient(id)
      await demo.stop()
    }
  }
  return { ...api, handlers: portalHandlers(api) }
}
