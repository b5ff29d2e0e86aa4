import type { StateCreator } from 'zustand'
import type { JobSummary, TargetKind } from '../../../shared/domain/outbox'
import type { OutboxSlice, RootState } from './types'
import { targetKey as anyTargetKey } from './keys'

export const targetKey = (kind: TargetKind, portalId: string, id: number): string =>
  anyTargetKey(kind, portalId, id)

export const createOutboxSlice: StateCreator<RootState, [], [], OutboxSlice> = (set) => ({
  outbox: { lanes: [], jobs: [] },
  outboxLoaded: false,
  setOutbox: (outbox) => set({ outbox, outboxLoaded: true }),
  unsettled: {},
  setUnsettled: (unsettled) => set({ unsettled })
})

/** Operations not yet settled one way or the other. */
export const pendingCount = (counts: JobSummary['counts']): number => counts.queued + counts.sending

/** Operations that ended without the portal confirming what was asked: failed, or it reports otherwise. */
export const problemCount = (counts: JobSummary['counts']): number => counts.failed + (counts.mismatch ?? 0)

/** Operations that count towards a progress bar: superseded and cancelled ones are no longer work. */
export const progressOf = (counts: JobSummary['counts']): { settled: number; total: number } => {
  const settled = counts.done + problemCount(counts)
  return { settled, total: settled + pendingCount(counts) }
}
