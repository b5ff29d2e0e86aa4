import type { OutboxSnapshot } from '../../../shared/domain/outbox'
import { call } from '../ipc/client'
import { emptyRefresh, isEmptyRefresh, mergeRefresh, type ImpliedRefresh } from './implied'
import { useStore } from './index'

const THROTTLE_MS = 750

/**
 * Watches outbox progress and, when a job completes more operations, fetches just those and
 * applies them to the catalog, so a published page shows as published without a full re-sync.
 * What the portal changed along with them (a page's folders and site, a site's pages and folders)
 * is shown at once from the catalog, and read back from the portals for just the sites concerned
 * once the job is over.
 */
export const createOutcomeTracker = () => {
  const seenDone = new Map<number, number>()
  const seenFinished = new Map<number, boolean>()
  const timers = new Map<number, ReturnType<typeof setTimeout>>()
  /** Jobs that finished since their operations were last fetched. */
  const finishing = new Set<number>()
  /** Per job, the listings its operations changed along the way, read back when it finishes. */
  const toRefresh = new Map<number, ImpliedRefresh>()
  let disposed = false
  /** Whether the first snapshot, which tells what was there at start-up, has been seen. */
  let primed = false

  const fetchDone = async (jobId: number) => {
    timers.delete(jobId)
    const final = finishing.delete(jobId)
    try {
      const ops = await call('outbox:operations', { jobId, states: ['done'] })
      if (disposed) return
      const implied = useStore.getState().applyOutcomes(ops)
      toRefresh.set(jobId, mergeRefresh(toRefresh.get(jobId) ?? emptyRefresh(), implied))
    } catch {
      // Best effort: the next catalog load shows the truth anyway.
    }
    if (!final || disposed) return
    const refresh = toRefresh.get(jobId)
    toRefresh.delete(jobId)
    if (refresh && !isEmptyRefresh(refresh)) void useStore.getState().refreshImplied(refresh)
  }

  const schedule = (jobId: number) => {
    if (timers.has(jobId)) return
    timers.set(
      jobId,
      setTimeout(() => void fetchDone(jobId), THROTTLE_MS)
    )
  }

  return {
    observe(snapshot: OutboxSnapshot) {
      const first = !primed
      primed = true
      for (const job of snapshot.jobs) {
        // A job first seen later was queued since (here or by the command line): all of it is new.
        const before = seenDone.get(job.id) ?? (first ? undefined : 0)
        const wasFinished = seenFinished.get(job.id) ?? false
        const finished = job.state === 'finished'
        seenDone.set(job.id, job.counts.done)
        seenFinished.set(job.id, finished)
        // The first snapshot (at start-up) only records; there is nothing new to show yet.
        if (before === undefined) continue
        const justFinished = finished && !wasFinished
        if (justFinished) finishing.add(job.id)
        if (job.counts.done > before || justFinished) schedule(job.id)
      }
    },
    dispose() {
      disposed = true
      for (const t of timers.values()) clearTimeout(t)
      timers.clear()
    }
  }
}
