import type { Intent, JobSummary } from '../../../shared/domain/outbox'
import type {
  RestorePlan,
  SiteRef,
  SnapshotDiff,
  SnapshotEntry,
  SnapshotSummary
} from '../../../shared/domain/snapshot'
import type { Handlers } from '../../../shared/ipc/handlers'
import type { Database } from '../db/database'
import type { AppEvents } from '../events'
import type { PortalClient } from '../bitrix/types'
import { AppError } from '../errors'
import { localize } from '../app/language'
import { diffStates, mismatches, snapshotCsv, snapshotFilename, snapshotJson } from './compare'
import { messages } from './messages'
import type { PortalState, StateObject } from './model'
import { narrowState } from './model'
import { describeEffects, planPortalRestore, type Assume, type PortalPlan } from './planner'
import { readPortalState, type CatalogReader } from './read-state'
import { createSnapshotStore, type SnapshotRecord } from './store'
import { describeIdentity, identityDiffers } from '../portals'

export type SnapshotHandlers = Pick<
  Handlers,
  | 'snapshots:list'
  | 'snapshots:take'
  | 'snapshots:diff'
  | 'snapshots:export'
  | 'snapshots:delete'
  | 'snapshots:planRestore'
  | 'snapshots:restore'
  | 'snapshots:restoreReport'
  | 'maintenance:start'
  | 'maintenance:end'
>

/** A job as the snapshot service queues it: intents in phases, maybe at a time, maybe a restore. */
export interface JobSpec {
  title: string
  intents: Intent[]
  /** One per intent; an operation is not sent while one of a lower phase (same job and portal) is pending. */
  phases?: number[]
  /** ISO 8601 with offset. */
  startAt?: string
  restoreSnapshotId?: number
}

/** What the snapshot service needs from the outbox. */
export interface SnapshotOutbox {
  enqueueJob(spec: JobSpec): Promise<JobSummary>
  job(jobId: number): JobSummary | undefined
  /** Cancels what of the job has not been sent. */
  cancelJob(jobId: number): Promise<void>
  setRestoreResult(jobId: number, matches: boolean, differences: number): void
  /** Whether this process drains the outbox (and so makes the read-backs of finished restores). */
  isRunner(): boolean
  /** The outbox's picture changed outside its own handlers: tell the window. */
  changed(): void
}

export interface SnapshotPortals {
  has(portalId: string): boolean
  name(portalId: string): string
  clientFor(portalId: string): Promise<PortalClient>
  /** Who the portal is now (portals/identity.ts); without it, snapshots record no identity. */
  identityOf?(portalId: string): Promise<string>
}

export interface SnapshotsDeps {
  db: Database
  events: AppEvents
  now: () => number
  log: (line: string) => void
  catalog: CatalogReader
  portals: SnapshotPortals
  outbox: SnapshotOutbox
  /** First wait before a failed read-back is tried again (ms); doubles up to 10 minutes. */
  recheckMs?: number
}

export interface SnapshotsService {
  handlers: SnapshotHandlers
  /** A restore read-back is running or due: a `run` that waits for the outbox waits for it too. */
  busy(): boolean
  /** Looks for finished restores to read back (the outbox calls this when its jobs change). */
  check(): void
  close(): Promise<void>
}

const appError = (code: string, message: string, category: 'permanent' | 'transient' = 'permanent') =>
  new AppError(code, message, { category })

const listNames = (names: string[]): string =>
  names.length > 3 ? `${names.slice(0, 3).join(', ')} +${names.length - 3}` : names.join(', ')

/** How long after a window's end its fallback end job waits for the end planned at `until`. */
const END_FALLBACK_MS = 120_000

/** The maintenance end is planned before the unpublication runs: it plans against what that may leave. */
const afterUnpublication =
  (sites: ReadonlySet<number>): Assume =>
  (o: StateObject, now) => {
    if (o.kind === 'site') return sites.has(o.id) ? false : now
    if (o.kind === 'document' || o.siteId === null || !sites.has(o.siteId)) return now
    // Folders follow the site (docs); pages may stay active or not (docs/bitrix24.md#site-publication): both are left open.
    if (o.kind === 'folder') return null
    return now === false ? false : null
  }

export const createSnapshotsService = (deps: SnapshotsDeps): SnapshotsService => {
  const store = createSnapshotStore(deps.db)
  const { portals, outbox } = deps
  const readDeps = {
    catalog: deps.catalog,
    clientFor: portals.clientFor,
    portalName: portals.name,
    log: deps.log
  }

  const requireSnapshot = (id: number): SnapshotRecord => {
    const s = store.get(id)
    if (!s) throw appError('SNAPSHOT_NOT_FOUND', localize(messages.notFound, { id }))
    return s
  }

  const maintenanceActive = (r: SnapshotRecord): boolean => {
    const m = r.maintenance
    if (!m || m.endedAt !== null) return false
    if (m.endJobId === null) return true
    const end = outbox.job(m.endJobId)
    // An end job cancelled entirely put nothing back: the window is still open.
    return !end || end.state !== 'finished' || end.counts.cancelled + end.counts.superseded >= end.total
  }

  const summary = (r: SnapshotRecord): SnapshotSummary => ({
    id: r.id,
    name: r.name,
    takenAt: r.takenAt,
    portalIds: r.portalIds,
    siteIds: r.siteIds,
    counts: r.counts,
    maintenance: r.maintenance
      ? {
          active: maintenanceActive(r),
          until: r.maintenance.until,
          jobId: r.maintenance.jobId,
          endJobId: r.maintenance.endJobId
        }
      : null
  })

  const list = () => store.list().map(summary)
  let lastListJson = ''
  const announce = () => {
    const l = list()
    lastListJson = JSON.stringify(l)
    deps.events.emit('snapshots:changed', l)
  }

  const requirePortals = (ids: readonly string[]) => {
    for (const id of ids)
      if (!portals.has(id))
        throw appError('PORTAL_NOT_FOUND', localize(messages.unknownPortal, { portal: id }))
  }

  /** Chosen sites grouped per portal; every site must be on one of `portalIds`. */
  const sitesByPortal = (portalIds: readonly string[], siteIds: readonly SiteRef[] | undefined) => {
    if (!siteIds || siteIds.length === 0) return null
    const out = new Map<string, number[]>()
    for (const { portalId, siteId } of siteIds) {
      if (!portalIds.includes(portalId))
        throw appError(
          'SITE_NOT_IN_PORTALS',
          localize(messages.siteNotInPortals, { site: siteId, portal: portals.name(portalId) })
        )
      out.set(portalId, [...new Set([...(out.get(portalId) ?? []), siteId])])
    }
    return out
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

  const take = async (input: {
    portalIds: string[]
    siteIds?: SiteRef[]
    name?: string
    maintenance?: boolean
  }): Promise<{ record: SnapshotRecord; states: PortalState[] }> => {
    const portalIds = [...new Set(input.portalIds)]
    requirePortals(portalIds)
    const sites = sitesByPortal(portalIds, input.siteIds)
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
    deps.log(`snapshots: snapshot ${id} of ${portalIds.length} portal(s), ${store.size(id)} bytes stored`)
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

  /** The part of a snapshot a restore covers: all of it, or the chosen portals or sites. */
  const restoreScope = (
    r: SnapshotRecord,
    portalIds: string[] | undefined,
    siteIds: SiteRef[] | undefined
  ): { portalIds: string[]; sites: Map<string, number[]> | null } => {
    for (const p of portalIds ?? [])
      if (!r.portalIds.includes(p))
        throw appError(
          'PORTAL_NOT_IN_SNAPSHOT',
          localize(messages.portalNotInSnapshot, { id: r.id, portal: portals.name(p) })
        )
    let chosen = portalIds ? [...new Set(portalIds)] : r.portalIds
    let sites: Map<string, number[]> | null = null
    if (siteIds && siteIds.length > 0) {
      sites = new Map()
      for (const { portalId, siteId } of siteIds) {
        const inSnapshot =
          r.portalIds.includes(portalId) &&
          (r.siteIds === null || r.siteIds.some((s) => s.portalId === portalId && s.siteId === siteId))
        if (!inSnapshot)
          throw appError(
            'SITE_NOT_IN_SNAPSHOT',
            localize(messages.siteNotInSnapshot, { id: r.id, site: siteId, portal: portals.name(portalId) })
          )
        sites.set(portalId, [...new Set([...(sites.get(portalId) ?? []), siteId])])
      }
      chosen = chosen.filter((p) => sites?.has(p))
    } else if (r.siteIds !== null) {
      sites = new Map()
      for (const { portalId, siteId } of r.siteIds)
        sites.set(portalId, [...(sites.get(portalId) ?? []), siteId])
    }
    requirePortals(chosen)
    return { portalIds: chosen, sites }
  }

  /** Snapshot states and fresh ones for a scope, narrowed alike. */
  const pairsFor = async (
    r: SnapshotRecord,
    scope: { portalIds: string[]; sites: Map<string, number[]> | null }
  ): Promise<Array<[PortalState, PortalState]>> => {
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

  const queueRestore = async (
    r: SnapshotRecord,
    plans: PortalPlan[],
    scope: { portalIds: string[]; sites: Map<string, number[]> | null },
    opts: { title: string; startAt?: string }
  ): Promise<JobSummary> => {
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

  // Read-backs of finished restores: only the process that drains the outbox makes them.
  let running: Promise<void> | null = null
  let closed = false
  const failures = new Map<number, { attempts: number; retryAt: number }>()
  const recheckMs = deps.recheckMs ?? 30_000
  let retryTimer: NodeJS.Timeout | null = null

  const dueChecks = () => {
    if (!outbox.isRunner()) return []
    const now = deps.now()
    return store.unchecked().filter((rec) => {
      const job = outbox.job(rec.jobId)
      if (job && job.state !== 'finished') return false
      const f = failures.get(rec.jobId)
      return !f || f.retryAt <= now
    })
  }

  const readBack = async (): Promise<void> => {
    for (const rec of dueChecks()) {
      if (closed) return
      const job = outbox.job(rec.jobId)
      const snapshot = store.get(rec.snapshotId)
      // A cancelled job records no verdict: what it would have put back was never (all) sent.
      if (!job || !snapshot || job.counts.cancelled > 0) {
        store.setReport(rec.jobId, [], deps.now())
        if (job) {
          outbox.changed()
          announce()
        }
        continue
      }
      try {
        const sites = rec.siteIds
          ? rec.siteIds.reduce(
              (m, s) => m.set(s.portalId, [...(m.get(s.portalId) ?? []), s.siteId]),
              new Map<string, number[]>()
            )
          : null
        const scope = { portalIds: rec.portalIds.filter((p) => portals.has(p)), sites }
        const pairs = await pairsFor(snapshot, scope)
        const report = pairs.flatMap(([then, now]) => mismatches(then, now))
        store.setReport(rec.jobId, report, deps.now())
        outbox.setRestoreResult(rec.jobId, report.length === 0, report.length)
        failures.delete(rec.jobId)
        deps.log(
          `snapshots: restore job ${rec.jobId}: ${report.length} object(s) differ from snapshot ${snapshot.id}`
        )
        outbox.changed()
        announce()
      } catch (err) {
        const attempts = (failures.get(rec.jobId)?.attempts ?? 0) + 1
        const wait = Math.min(600_000, recheckMs * 2 ** (attempts - 1))
        failures.set(rec.jobId, { attempts, retryAt: deps.now() + wait })
        deps.log(
          `snapshots: read-back of restore job ${rec.jobId} failed (${err instanceof Error ? err.message : String(err)}); again in ${wait} ms`
        )
        if (retryTimer) clearTimeout(retryTimer)
        retryTimer = setTimeout(() => check(), wait)
        retryTimer.unref?.()
      }
    }
  }

  /** Maintenance windows whose time is up and whose scheduled end has not started: planned afresh now. */
  const endsDue = (): SnapshotRecord[] => {
    if (!outbox.isRunner()) return []
    const now = deps.now()
    return store.list().filter((r) => {
      const m = r.maintenance
      if (!m || m.until === null || m.endJobId === null || !maintenanceActive(r)) return false
      if (Date.parse(m.until) > now) return false
      // Planned from what the portal shows: not while the window's own unpublish job is still
      // changing it (its last batches would land after the plan was made). Its progress wakes us.
      const start = m.jobId === null ? undefined : outbox.job(m.jobId)
      if (start && start.state !== 'finished') return false
      const end = outbox.job(m.endJobId)
      return !!end && end.state !== 'finished' && end.startedAt === null
    })
  }
  let endTimer: NodeJS.Timeout | null = null
  let ending: Promise<void> | null = null
  const endWindows = (): void => {
    if (closed) return
    const due = endsDue()
    if (due.length > 0 && !ending) {
      ending = (async () => {
        for (const r of due) {
          try {
            await handlers['maintenance:end']({ snapshotId: r.id })
          } catch (err) {
            deps.log(
              `snapshots: ending maintenance ${r.id} failed: ${err instanceof Error ? err.message : String(err)}`
            )
          }
        }
      })().finally(() => {
        ending = null
      })
    }
    // Wake at the next window's end.
    const next = store
      .list()
      .map((r) => (r.maintenance?.until && maintenanceActive(r) ? Date.parse(r.maintenance.until) : NaN))
      .filter((t) => Number.isFinite(t) && t > deps.now())
      .sort((a, b) => a - b)[0]
    if (endTimer) clearTimeout(endTimer)
    endTimer = null
    if (next !== undefined) {
      endTimer = setTimeout(() => check(), Math.min(next - deps.now() + 5, 2_147_000_000))
      endTimer.unref?.()
    }
  }

  const check = (): void => {
    if (closed) return
    endWindows()
    if (running) return
    if (dueChecks().length === 0) {
      // A maintenance end job that just finished ends its window: the sidebar marks change.
      const json = JSON.stringify(list())
      if (lastListJson !== '' && json !== lastListJson) announce()
      return
    }
    running = readBack()
      .catch((err: unknown) => deps.log(`snapshots: read-back: ${String(err)}`))
      .finally(() => {
        running = null
        if (dueChecks().length > 0) check()
      })
  }

  const unsubscribe = deps.events.subscribe((channel, _payload) => {
    if (channel === 'outbox:progress') check()
  })
  // A restore that finished while no process read it back (a `run` that ended first, an app closed)
  // has no progress event left to wake this: look now and then, and whenever someone asks if we are busy.
  const sweep = setInterval(() => check(), Math.max(1_000, recheckMs))
  sweep.unref?.()
  lastListJson = JSON.stringify(list())

  const handlers: SnapshotHandlers = {
    'snapshots:list': () => list(),

    async 'snapshots:take'({ portalIds, siteIds, name }) {
      const { record } = await take({ portalIds, siteIds, name })
      announce()
      return summary(record)
    },

    async 'snapshots:diff'({ snapshotId }): Promise<SnapshotDiff> {
      const r = requireSnapshot(snapshotId)
      return diffStates(r.id, await pairsFor(r, restoreScope(r, undefined, undefined)))
    },

    'snapshots:export'({ snapshotId, format }) {
      const r = requireSnapshot(snapshotId)
      const states = store.states(r.id)
      const names = (p: string) => (portals.has(p) ? portals.name(p) : p)
      return {
        filename: snapshotFilename(r.id, format),
        content: format === 'csv' ? snapshotCsv(states, names) : snapshotJson(summary(r), states, names)
      }
    },

    'snapshots:delete'({ snapshotId }) {
      const r = requireSnapshot(snapshotId)
      // A scheduled end keeps its own intents: it still puts the sites back without the snapshot.
      store.delete(r.id)
      announce()
    },

    async 'snapshots:planRestore'({ snapshotId, portalIds, siteIds }): Promise<RestorePlan> {
      const r = requireSnapshot(snapshotId)
      return toPlan(r.id, plansFor(await pairsFor(r, restoreScope(r, portalIds, siteIds))))
    },

    async 'snapshots:restore'({ snapshotId, portalIds, siteIds, startAt }) {
      const r = requireSnapshot(snapshotId)
      requireFuture(startAt)
      const scope = restoreScope(r, portalIds, siteIds)
      const plans = plansFor(await pairsFor(r, scope))
      const job = await queueRestore(r, plans, scope, {
        title: localize(messages.restoreTitle, { id: r.id, name: r.name }),
        startAt
      })
      announce()
      return job
    },

    'snapshots:restoreReport'({ jobId }): SnapshotEntry[] {
      const rec = store.restore(jobId)
      if (!rec) throw appError('NOT_A_RESTORE', localize(messages.notARestore, { id: jobId }))
      return rec.report ?? []
    },

    async 'maintenance:start'({ portalIds, siteIds, until, name }) {
      requireFuture(until)
      const wanted = [...new Set(portalIds)]
      requirePortals(wanted)
      const chosen = sitesByPortal(wanted, siteIds)
      for (const open of store.list().filter(maintenanceActive)) {
        for (const p of wanted) {
          if (!open.portalIds.includes(p)) continue
          const overlap =
            open.siteIds === null ||
            chosen === null ||
            !chosen.has(p) ||
            open.siteIds.some((s) => s.portalId === p && chosen.get(p)?.includes(s.siteId))
          if (overlap)
            throw appError(
              'ALREADY_IN_MAINTENANCE',
              localize(messages.alreadyInMaintenance, { portal: portals.name(p), id: open.id })
            )
        }
      }
      const { record, states } = await take({ portalIds: wanted, siteIds, name, maintenance: true })
      const intents: Intent[] = states.flatMap((s) =>
        s.sites
          .filter((x) => x.live)
          .map((x) => ({
            portalId: s.portalId,
            kind: 'site' as const,
            targetId: x.id,
            scope: x.scope,
            action: 'unpublish' as const,
            label: x.title
          }))
      )
      if (intents.length === 0) {
        store.delete(record.id)
        throw appError('NOTHING_TO_TAKE_OFFLINE', localize(messages.nothingToTakeOffline))
      }
      const names = listNames(wanted.map((p) => portals.name(p)))
      const job = await outbox.enqueueJob({
        title: localize(messages.maintenanceStartTitle, { portals: names }),
        intents
      })
      store.setMaintenance(record.id, { jobId: job.id, until: until ?? null })
      if (until !== undefined) {
        const plans = states.map((s) => {
          const offline = new Set(intents.filter((i) => i.portalId === s.portalId).map((i) => i.targetId))
          return planPortalRestore(s, s, afterUnpublication(offline))
        })
        const scope = { portalIds: wanted, sites: chosen }
        // Planned now only as a fallback, a little after the window: at `until` this service plans
        // the end again from what the portal shows then (pages edited during the window keep their
        // edits unpublished) and replaces it (endsDue).
        const end = await queueRestore(record, plans, scope, {
          title: localize(messages.maintenanceEndTitle, { id: record.id }),
          startAt: new Date(Date.parse(until) + END_FALLBACK_MS).toISOString()
        })
        store.setMaintenance(record.id, { endJobId: end.id })
      }
      announce()
      return { snapshot: summary(requireSnapshot(record.id)), job }
    },

    async 'maintenance:end'({ snapshotId }) {
      const r = requireSnapshot(snapshotId)
      const m = r.maintenance
      if (!m) throw appError('NOT_MAINTENANCE', localize(messages.notMaintenance, { id: r.id }))
      if (!maintenanceActive(r))
        throw appError(
          'MAINTENANCE_OVER',
          localize(messages.maintenanceOver, { id: r.id, job: m.endJobId ?? '-' })
        )
      const end = m.endJobId !== null ? outbox.job(m.endJobId) : undefined
      // An end already under way (started, or queued to run now) is the answer; a scheduled one is replaced.
      if (end && end.state !== 'finished' && (end.startAt === null || end.startedAt !== null)) return end
      if (end && end.state !== 'finished') await outbox.cancelJob(end.id)
      if (m.jobId !== null) await outbox.cancelJob(m.jobId)
      const scope = restoreScope(r, undefined, undefined)
      const plans = plansFor(await pairsFor(r, scope))
      if (plans.every((p) => p.steps.length === 0)) {
        store.setMaintenance(r.id, { endedAt: deps.now() })
        announce()
        throw appError('NOTHING_TO_RESTORE', localize(messages.nothingToRestore, { id: r.id }))
      }
      const job = await queueRestore(r, plans, scope, {
        title: localize(messages.maintenanceEndTitle, { id: r.id })
      })
      store.setMaintenance(r.id, { endJobId: job.id })
      announce()
      return job
    }
  }

  check()
  return {
    handlers,
    busy: () => {
      const due = dueChecks().some((rec) => !failures.has(rec.jobId))
      if (due && running === null) check()
      return running !== null || due
    },
    check,
    async close() {
      closed = true
      unsubscribe()
      clearInterval(sweep)
      if (endTimer) clearTimeout(endTimer)
      await ending
      if (retryTimer) clearTimeout(retryTimer)
      await running
    }
  }
}
