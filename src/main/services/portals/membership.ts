/** Which portals are in the list: adding, editing, removing and importing them, and the demo portal. */
import type {
  ConnectionReport,
  CredentialsInput,
  PortalMeta,
  PortalSummary
} from '../../../shared/domain/portal'
import { portalMetaSchema } from '../../../shared/domain/portal'
import { prepareCredentials } from './credentials'
import { DEMO_PORTAL_NAME } from './demo'
import type { PortalRecord } from './registry'
import { assertKeychain } from './secret-store'
import { parseExport, trustedImport } from './transfer'
import { assertNotDuplicate, nameTaken, noCredentials } from './refusals'
import type { PortalPatch } from './types'
import type { PortalsCore } from './core'

export interface Membership {
  addPortal(
    meta: PortalMeta,
    credentials: CredentialsInput,
    opts?: { demo?: boolean }
  ): Promise<{ portal: PortalSummary; connection: ConnectionReport }>
  update(id: string, meta: PortalPatch): PortalSummary
  remove(id: string): Promise<void>
  importList(json: string): PortalSummary[]
  openDemo(): Promise<PortalSummary>
  /** Brings a saved demo portal's emulator back in the background (the desktop app does; the CLI does not). */
  wakeDemo(): void
}

export const createMembership = (core: PortalsCore): Membership => {
  const { registry, secrets, verifier, clients, demo, now, log, requireRecord, summary, publishList } = core

  const addPortal: Membership['addPortal'] = async (meta, credentials, opts = {}) => {
    const m = portalMetaSchema.parse(meta)
    const prepared = prepareCredentials(credentials)
    if (registry.byName(m.name)) throw nameTaken(m.name)
    // No keychain, no portal: refuse before calling anyone or writing anything.
    await assertKeychain(secrets)
    await assertNotDuplicate(registry, secrets, prepared)
    const rotation = verifier.rotationKey(prepared)
    // The report is the caller's: checking again afterwards would use tokens this check may have rotated.
    const connection = await verifier.verify(prepared, m.limits)
    if (registry.byName(m.name)) throw nameTaken(m.name)
    await assertNotDuplicate(registry, secrets, prepared)
    const id = crypto.randomUUID()
    await core.storeSecret(id, prepared.secret)
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
    verifier.forget(rotation)
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
    if (meta.limits !== undefined && meta.limits !== r.limits) clients.drop(id)
    publishList()
    return summary(updated)
  }

  const remove = async (id: string): Promise<void> => {
    const r = requireRecord(id)
    // The secret goes first: a portal row without a secret can be removed later, a secret without a row would be orphaned.
    await secrets.delete(id)
    clients.drop(id)
    core.health.forget(id)
    registry.remove(id)
    // The catalog and previews drop their caches of the portal here (wired in compose.ts).
    core.removed.emit(id)
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
      await clients.clientFor(existing.id)
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
    if (!saved || core.deps.reviveDemo === false || demo.running()) return
    void clients
      .clientFor(saved.id)
      .catch((err: unknown) => log(`demo portal: ${err instanceof Error ? err.message : String(err)}`))
  }

  return { addPortal, update, remove, importList, openDemo, wakeDemo }
}
