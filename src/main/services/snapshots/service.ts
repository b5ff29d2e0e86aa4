import type {
  SnapshotDiff,
  SnapshotEntry,
  SnapshotSummary,
  RestorePlan
} from '../../../shared/domain/snapshot'
import { localize } from '../app/language'
import { diffStates, snapshotCsv, snapshotFilename, snapshotJson } from './compare'
import { messages } from './messages'
import { createSnapshotStore, type SnapshotRecord } from './store'
import type { SnapshotHandlers, SnapshotsDeps, SnapshotsService } from './types'
import { appError, type SnapshotsCore } from './core'
import { createScopes } from './scope'
import { createRestoring } from './restoring'
import { createRestoreChecks } from './restore-check'
import { createMaintenance, maintenanceActive } from './maintenance'

export type {
  JobSpec,
  SnapshotHandlers,
  SnapshotOutbox,
  SnapshotPortals,
  SnapshotsDeps,
  SnapshotsService
} from './types'

/**
 * The snapshot service composed: snapshots and restores (restoring.ts), their read-backs
 * (restore-check.ts) and maintenance windows (maintenance.ts), woken by the outbox's progress.
 */
export const createSnapshotsService = (deps: SnapshotsDeps): SnapshotsService => {
  const store = createSnapshotStore(deps.db)
  const { portals, outbox } = deps

  const requireSnapshot = (id: number): SnapshotRecord => {
    const s = store.get(id)
    if (!s) throw appError('SNAPSHOT_NOT_FOUND', localize(messages.notFound, { id }))
    return s
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
          active: maintenanceActive(outbox, r),
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

  let running: Promise<void> | null = null
  let closed = false
  const core: SnapshotsCore = { deps, store, requireSnapshot, summary, announce }
  const scopes = createScopes(portals)
  const restoring = createRestoring(core, scopes)
  const { pairsFor, plansFor, toPlan, queueRestore, requireFuture, take } = restoring
  const wakeOpts = { closed: () => closed, wake: () => check() }
  const checks = createRestoreChecks(core, restoring, wakeOpts)
  const maintenance = createMaintenance(core, scopes, restoring, wakeOpts)

  const check = (): void => {
    if (closed) return
    maintenance.endWindows()
    if (running) return
    if (checks.due().length === 0) {
      // A maintenance end job that just finished ends its window: the sidebar marks change.
      const json = JSON.stringify(list())
      if (lastListJson !== '' && json !== lastListJson) announce()
      return
    }
    running = checks
      .run()
      .catch((err: unknown) => deps.log(`snapshots: read-back: ${String(err)}`))
      .finally(() => {
        running = null
        if (checks.due().length > 0) check()
      })
  }

  const unsubscribe = deps.events.subscribe((channel, _payload) => {
    if (channel === 'outbox:progress') check()
  })
  // A restore that finished while no process read it back (a `run` that ended first, an app closed)
  // has no progress event left to wake this: look now and then, and whenever someone asks if we are busy.
  const sweep = setInterval(() => check(), Math.max(1_000, deps.recheckMs ?? 30_000))
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
      return diffStates(r.id, await pairsFor(r, scopes.restoreScope(r, undefined, undefined)))
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
      return toPlan(r.id, plansFor(await pairsFor(r, scopes.restoreScope(r, portalIds, siteIds))))
    },

    async 'snapshots:restore'({ snapshotId, portalIds, siteIds, startAt }) {
      const r = requireSnapshot(snapshotId)
      requireFuture(startAt)
      const scope = scopes.restoreScope(r, portalIds, siteIds)
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

    ...maintenance.handlers
  }

  check()
  return {
    handlers,
    busy: () => {
      const due = checks.due().some((rec) => !checks.failed(rec.jobId))
      if (due && running === null) check()
      return running !== null || due || maintenance.busy()
    },
    check,
    async close() {
      closed = true
      unsubscribe()
      clearInterval(sweep)
      await maintenance.close()
      checks.close()
      await running
    }
  }
}
