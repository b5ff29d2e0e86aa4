/** Maintenance windows: sites taken offline after a snapshot, and put back at the window's end (planned again when it comes). */
import type { Intent } from '../../../shared/domain/outbox'
import { localize } from '../app/language'
import { messages } from './messages'
import type { StateObject } from './model'
import { planPortalRestore, type Assume } from './planner'
import type { SnapshotRecord } from './store'
import type { SnapshotHandlers, SnapshotOutbox } from './types'
import { appError, listNames, type SnapshotsCore } from './core'
import type { Scopes } from './scope'
import type { Restoring } from './restoring'

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

export const maintenanceActive = (outbox: SnapshotOutbox, r: SnapshotRecord): boolean => {
  const m = r.maintenance
  if (!m || m.endedAt !== null) return false
  if (m.endJobId === null) return true
  const end = outbox.job(m.endJobId)
  // An end job cancelled entirely put nothing back: the window is still open.
  return !end || end.state !== 'finished' || end.counts.cancelled + end.counts.superseded >= end.total
}

export interface Maintenance {
  handlers: Pick<SnapshotHandlers, 'maintenance:start' | 'maintenance:end'>
  /** Ends the windows whose time is up, and sets a timer for the next one's end. */
  endWindows(): void
  /**
   * A window's end is due or being planned: between cancelling its fallback end job and queueing
   * the one planned from what the portal shows, the outbox has nothing pending, yet work is coming.
   */
  busy(): boolean
  close(): Promise<void>
}

export const createMaintenance = (
  core: SnapshotsCore,
  scopes: Scopes,
  restoring: Restoring,
  opts: { closed: () => boolean; wake: () => void }
): Maintenance => {
  const { deps, store, requireSnapshot, summary, announce } = core
  const { portals, outbox } = deps
  const { restoreScope, requirePortals, sitesByPortal } = scopes
  const { pairsFor, plansFor, queueRestore, requireFuture, take } = restoring
  const isActive = (r: SnapshotRecord) => maintenanceActive(outbox, r)

  /** Maintenance windows whose time is up and whose scheduled end has not started: planned afresh now. */
  const endsDue = (): SnapshotRecord[] => {
    if (!outbox.isRunner()) return []
    const now = deps.now()
    return store.list().filter((r) => {
      const m = r.maintenance
      if (!m || m.until === null || m.endJobId === null || !isActive(r)) return false
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
    if (opts.closed()) return
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
      .map((r) => (r.maintenance?.until && isActive(r) ? Date.parse(r.maintenance.until) : NaN))
      .filter((t) => Number.isFinite(t) && t > deps.now())
      .sort((a, b) => a - b)[0]
    if (endTimer) clearTimeout(endTimer)
    endTimer = null
    if (next !== undefined) {
      endTimer = setTimeout(() => opts.wake(), Math.min(next - deps.now() + 5, 2_147_000_000))
      endTimer.unref?.()
    }
  }

  const handlers: Maintenance['handlers'] = {
    async 'maintenance:start'({ portalIds, siteIds, until, name }) {
      requireFuture(until)
      const wanted = [...new Set(portalIds)]
      requirePortals(wanted)
      const chosen = sitesByPortal(wanted, siteIds)
      for (const open of store.list().filter(isActive)) {
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
      if (!isActive(r))
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

  return {
    handlers,
    endWindows,
    busy: () => {
      const due = endsDue().length > 0
      if (due && !ending) endWindows()
      return ending !== null || due
    },
    async close() {
      if (endTimer) clearTimeout(endTimer)
      await ending
    }
  }
}
