/** Read-backs of finished restores: what the portals show compared with the snapshot, retried with backoff when a read fails. */
import { mismatches } from './compare'
import type { RestoreRecord } from './store'
import type { SnapshotsCore } from './core'
import type { Restoring } from './restoring'

export interface RestoreChecks {
  /** Finished restores due for a read-back (none unless this process drains the outbox). */
  due(): RestoreRecord[]
  /** Whether a read-back failed and waits for its retry. */
  failed(jobId: number): boolean
  /** Reads back every due restore in turn and records its report. */
  run(): Promise<void>
  close(): void
}

export const createRestoreChecks = (
  core: SnapshotsCore,
  restoring: Pick<Restoring, 'pairsFor'>,
  opts: { closed: () => boolean; wake: () => void }
): RestoreChecks => {
  const { deps, store, announce } = core
  const { portals, outbox } = deps
  // Read-backs of finished restores: only the process that drains the outbox makes them.
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
      if (opts.closed()) return
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
        const pairs = await restoring.pairsFor(snapshot, scope)
        const report = pairs.flatMap(([then, now]) => mismatches(then, now))
        store.setReport(rec.jobId, report, deps.now())
        outbox.setRestoreResult(rec.jobId, report.length === 0, report.length)
        failures.delete(rec.jobId)
        deps.log(
          `snapshots: restore job ${rec.jobId}: objects that differ from snapshot ${snapshot.id}: ${report.length}`
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
        retryTimer = setTimeout(() => opts.wake(), wait)
        retryTimer.unref?.()
      }
    }
  }

  return {
    due: dueChecks,
    failed: (jobId) => failures.has(jobId),
    run: readBack,
    close: () => {
      if (retryTimer) clearTimeout(retryTimer)
    }
  }
}
