import type { OutboxSnapshot } from '../../../shared/domain/outbox'
import { call } from '../ipc/client'
import { useStore } from './index'

const THROTTLE_MS = 750

/**
 * Watches outbox progress and, when a job completes more operations, fetches just those and
 * applies them to the catalog, so a published page shows as published without a full re-sync.
 */
export const createOutcomeTracker = () => {
  const seenDone = new Map<number, number>()
  const timers = new Map<number, ReturnType<typeof setTimeout>>()

  const fetchDone = async (jobId: number) => {
    timers.delete(jobId)
    try {
      const ops = await call('outbox:operations', { jobId, states: ['done'] })
      useStore.getState().applyOutcomes(ops)
    } catch {
      // Best effort: the next catalog load shows the truth anyway.
    }
  }

  return {
    observe(snapshot: OutboxSnapshot) {
      for (const job of snapshot.jobs) {
        const before = seenDone.get(job.id)
        seenDone.set(job.id, job.counts.done)
        // The first sighting (at start-up) only records; there is nothing new to show yet.
        if (before === undefined || job.counts.done <= before || timers.has(job.id)) continue
        timers.set(job.id, setTimeout(() => void fetchDone(job.id), THROTTLE_MS))
      }
    },
    dispose() {
      for (const t of timers.values()) clearTimeout(t)
      timers.clear()
    }
  }
}
