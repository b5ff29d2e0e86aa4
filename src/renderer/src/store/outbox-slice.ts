import type { StateCreator } from 'zustand'
import type { JobSummary, OutboxSnapshot } from '../../../shared/domain/outbox'
import type { RootState } from './index'

export interface OutboxSlice {
  outbox: OutboxSnapshot
  outboxLoaded: boolean
  setOutbox(snapshot: OutboxSnapshot): void
}

export const createOutboxSlice: StateCreator<RootState, [], [], OutboxSlice> = (set) => ({
  outbox: { lanes: [], jobs: [] },
  outboxLoaded: false,
  setOutbox: (outbox) => set({ outbox, outboxLoaded: true })
})

/** Operations not yet settled one way or the other. */
export const pendingCount = (counts: JobSummary['counts']): number => counts.queued + counts.sending

/** Operations that count towards a progress bar: superseded and cancelled ones are no longer work. */
export const progressOf = (counts: JobSummary['counts']): { settled: number; total: number } => {
  const total = counts.queued + counts.sending + counts.done + counts.failed
  return { settled: counts.done + counts.failed, total }
}
