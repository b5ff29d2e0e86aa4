import type { OperationState, OperationView, OutboxView } from '../../../shared/domain/outbox'
import { call } from '../ipc/client'
import { useStore } from './index'
import { pendingCount, targetKey } from './outbox-slice'
import type { Unsettled } from './types'

const THROTTLE_MS = 750

/**
 * Up to this many unfinished operations in a job, its queued ones are listed too; above it only the
 * ones being sent (a few batches), so a job of 100,000 pages does not move them all across IPC at
 * every step.
 */
export const QUEUED_DETAIL_MAX = 2_000

/**
 * Keeps `unsettled` (the targets with an operation not over yet) in step with the outbox, so a row
 * can say "publishing…" while the portal has not confirmed anything. Only a job whose unfinished
 * counts changed is asked again, at most every THROTTLE_MS; what a finished job left is dropped.
 */
export const createUnsettledTracker = () => {
  /** Per job, its unfinished operations by target. */
  const perJob = new Map<number, Map<string, Unsettled>>()
  /** Per job, the unfinished counts last asked for, so unchanged jobs are not asked again. */
  const asked = new Map<number, string>()
  const dirty = new Set<number>()
  /** Jobs with nothing left to send, whose targets stop being unsettled at the next flush. */
  const finished = new Set<number>()
  let timer: ReturnType<typeof setTimeout> | null = null
  let disposed = false
  let latest: OutboxView = { lanes: [], jobs: [] }

  const publish = () => {
    // Newer jobs win: their intent is the one the outbox will carry out last.
    const merged: Record<string, Unsettled> = {}
    for (const id of [...perJob.keys()].sort((a, b) => a - b)) {
      for (const [key, v] of perJob.get(id)!) merged[key] = v
    }
    useStore.getState().setUnsettled(merged)
  }

  const fetchJob = async (jobId: number) => {
    const job = latest.jobs.find((j) => j.id === jobId)
    if (!job || pendingCount(job.counts) === 0) return
    const states: OperationState[] =
      pendingCount(job.counts) <= QUEUED_DETAIL_MAX ? ['queued', 'sending'] : ['sending']
    let ops: OperationView[]
    try {
      ops = await call('outbox:operations', { jobId, states })
    } catch {
      // Only a hint next to the portal's state: the next change asks again.
      asked.delete(jobId)
      return
    }
    if (disposed || !asked.has(jobId)) return
    const map = new Map<string, Unsettled>()
    for (const op of ops) {
      if (op.state !== 'queued' && op.state !== 'sending') continue
      map.set(targetKey(op.kind, op.portalId, op.targetId), {
        action: op.action,
        sending: op.state === 'sending'
      })
    }
    perJob.set(jobId, map)
  }

  const flush = async () => {
    timer = null
    for (const id of finished) perJob.delete(id)
    finished.clear()
    const jobs = [...dirty]
    dirty.clear()
    await Promise.all(jobs.map(fetchJob))
    if (!disposed) publish()
  }

  return {
    observe(view: OutboxView) {
      latest = view
      const open = new Set<number>()
      for (const job of view.jobs) {
        if (pendingCount(job.counts) === 0) continue
        open.add(job.id)
        finished.delete(job.id)
        const sig = `${job.counts.queued}|${job.counts.sending}`
        if (asked.get(job.id) === sig) continue
        asked.set(job.id, sig)
        dirty.add(job.id)
      }
      for (const id of [...perJob.keys(), ...asked.keys()]) {
        if (open.has(id)) continue
        // Dropped on the next flush, not now: the read-back's `catalog:updated` reload lands in
        // the meantime, so the row goes from "publishing…" straight to what the portal reports.
        finished.add(id)
        asked.delete(id)
        dirty.delete(id)
      }
      if ((dirty.size > 0 || finished.size > 0) && timer === null)
        timer = setTimeout(() => void flush(), THROTTLE_MS)
    },
    dispose() {
      disposed = true
      if (timer !== null) clearTimeout(timer)
    }
  }
}
