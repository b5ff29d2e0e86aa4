/** Reading the portals into a snapshot, comparing a snapshot with the portals now, and queueing the restore. */
import type { JobSummary } from '../../../shared/domain/outbox'
import type { RestorePlan, SiteRef } from '../../../shared/domain/snapshot'
import { localize } from '../app/language'
import { messages } from './messages'
import type { PortalState } from './model'
import { narrowState } from './model'
import { describeEffects, planPortalRestore, type Assume, type PortalPlan } from './planner'
import { readPortalState } from './read-state'
import type { SnapshotRecord } from './store'
import { describeIdentity, identityDiffers } from '../portals'
import { appError, listNames, type SnapshotsCore } from './core'
import type { Scope, Scopes } from './scope'

export interface Restoring {
  take(input: {
    portalIds: string[]
    siteIds?: SiteRef[]
    name?: string
    maintenance?: boolean
  }): Promise<{ record: SnapshotRecord; states: PortalState[] }>
  /** Snapshot states and fresh ones for a scope, narrowed alike. */
  pairsFor(r: SnapshotRecord, scope: Scope): Promise<Array<[PortalState, PortalState]>>
  plansFor(pairs: ReadonlyArray<[PortalState, PortalState]>, assume?: Assume): PortalPlan[]
  toPlan(snapshotId: number, plans: PortalPlan[], extra?: string[]): RestorePlan
  queueRestore(
    r: SnapshotRecord,
    plans: PortalPlan[],
    scope: Scope,
    opts: { title: string; startAt?: string }
  ): Promise<JobSummary>
  requireFuture(startAt: string | undefined): void
}

export const createRestoring = (core: SnapshotsCore, scopes: Scopes): Restoring => {
  const { deps, store, requireSnapshot } = core
  const { portals, outbox } = deps
  const readDeps = {
    catalog: deps.catalog,
    clientFor: portals.clientFor,
    portalName: portals.name,
    log: deps.log
  }

  /** Fresh states of the portals, in parallel (each portal's client paces its own requests). */
  const readStates = (
    portalIds: readonly string[],
    sites: Map<string, number[]> | null,
    documents: (portalId: string) => boolean
  ): Promise<PortalState[]> =>
    Promise.all(
      portalIds.map((p) =>
        readPortalState(readDeps, p, {
          siteIds: sites ? (sites.get(p) ?? []) : null,
          documents: documents(p)
        })
      )
    )

  const take: Restoring['take'] = async (input) => {
    const portalIds = [...new Set(input.portalIds)]
    scopes.requirePortals(portalIds)
    const sites = scopes.sitesByPortal(portalIds, input.siteIds)
    const takenAt = deps.now()
    // A maintenance window takes sites offline; document links are not part of it, so not recorded.
    const states = await readStates(portalIds, sites, () => sites === null && !input.maintenance)
    const names = portalIds.map((p) => portals.name(p))
    const name =
      input.name?.trim() ||
      localize(input.maintenance ? messages.maintenanceName : messages.defaultName, {
        portals: listNames(names)
      })
    const siteRefs = sites
      ? [...sites].flatMap(([portalId, ids]) => ids.map((siteId) => ({ portalId, siteId })))
      : null
    const identities = await identitiesOf(portalIds)
    const id = store.insert({
      name,
      takenAt,
      siteIds: siteRefs,
      states,
      maintenance: input.maintenance,
      identities
    })
    deps.log(`snapshots: snapshot ${id} stored (portals: ${portalIds.length}, bytes: ${store.size(id)})`)
    return { record: requireSnapshot(id), states }
  }

  // After the portals were read: an OAuth portal's member_id is learned with its first refreshed tokens.
  const identitiesOf = async (portalIds: readonly string[]): Promise<Map<string, string>> => {
    const out = new Map<string, string>()
    if (!portals.identityOf) return out
    for (const p of portalIds) out.set(p, await portals.identityOf(p))
    return out
  }

  /** A snapshot of a portal that now answers as another one is not restored to it. */
  const assertSameIdentity = async (r: SnapshotRecord, portalIds: readonly string[]): Promise<void> => {
    const then = store.identities(r.id)
    const now = await identitiesOf(portalIds.filter((p) => then.has(p)))
    for (const [p, current] of now) {
      const recorded = then.get(p)
      if (recorded && identityDiffers(recorded, current))
        throw appError(
          'SNAPSHOT_OF_OTHER_PORTAL',
          localize(messages.snapshotOfOtherPortal, {
            id: r.id,
            portal: portals.name(p),
            then: describeIdentity(recorded),
            now: describeIdentity(current)
          })
        )
    }
  }

  const pairsFor = async (r: SnapshotRecord, scope: Scope): Promise<Array<[PortalState, PortalState]>> => {
    const then = new Map(store.states(r.id, scope.portalIds).map((s) => [s.portalId, s]))
    const nowStates = await readStates(scope.portalIds, scope.sites, (p) => then.get(p)?.documents !== null)
    return nowStates.map((now) => {
      const chosen = scope.sites?.get(now.portalId)
      const narrow = (s: PortalState) => narrowState(s, chosen ? new Set(chosen) : null)
      const t = then.get(now.portalId) ?? { ...now, sites: [], folders: [], pages: [], documents: null }
      return [narrow(t), narrow(now)]
    })
  }

  const plansFor = (pairs: ReadonlyArray<[PortalState, PortalState]>, assume?: Assume): PortalPlan[] =>
    pairs.map(([then, now]) => planPortalRestore(then, now, assume))

  const toPlan = (snapshotId: number, plans: PortalPlan[], extra: string[] = []): RestorePlan => ({
    snapshotId,
    intents: plans.flatMap((p) => p.steps.map((s) => s.intent)),
    effects: [...describeEffects(plans), ...extra]
  })

  const queueRestore: Restoring['queueRestore'] = async (r, plans, scope, opts) => {
    await assertSameIdentity(r, scope.portalIds)
    const steps = plans.flatMap((p) => p.steps)
    if (steps.length === 0)
      throw appError('NOTHING_TO_RESTORE', localize(messages.nothingToRestore, { id: r.id }))
    const job = await outbox.enqueueJob({
      title: opts.title,
      intents: steps.map((s) => s.intent),
      phases: steps.map((s) => s.phase),
      startAt: opts.startAt,
      restoreSnapshotId: r.id
    })
    store.addRestore({
      jobId: job.id,
      snapshotId: r.id,
      portalIds: scope.portalIds,
      siteIds: scope.sites
        ? [...scope.sites].flatMap(([portalId, ids]) => ids.map((siteId) => ({ portalId, siteId })))
        : null
    })
    return job
  }

  const requireFuture = (startAt: string | undefined) => {
    if (startAt !== undefined && Date.parse(startAt) <= deps.now())
      throw appError('START_IN_PAST', localize(messages.untilInPast, { until: startAt }))
  }

  return { take, pairsFor, plansFor, toPlan, queueRestore, requireFuture }
}
