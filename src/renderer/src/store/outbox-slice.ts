import type { StateCreator } from 'zustand'
import type { Action, JobSummary, OutboxSnapshot, TargetKind } from '../../../shared/domain/outbox'
import type { RootState } from './index'

/** An operation of a job that is not over yet, as a table row may mention it. */
export interface InFlight {
  action: Action
  /** Sent to the portal and waiting for its answer and the read-back; otherwise still queued. */
  sending: boolean
}

export interface OutboxSlice {
  outbox: OutboxSnapshot
  outboxLoaded: boolean
  setOutbox(snapshot: OutboxSnapshot): void
  /**
   * Targets with an operation still queued or being sent, by `targetKey`. Rows say so next to the
   * state the portal reported; they never show the intended state before the portal confirms it.
   */
  inFlight: Record<string, InFlight>
  setInFlight(inFlight: Record<string, InFlight>): void
}

export const targetKey = (kind: TargetKind, portalId: string, id: number): string =>
  `${kind}|${portalId}|${id}`

export const createOutboxSlice: StateCreator<RootState, [], [], OutboxSlice> = (set) => ({
  outbox: { lanes: [], jobs: [] },
  outboxLoaded: false,
  setOutbox: (outbox) => set({ outbox, outboxLoaded: true }),
  inFlight: {},
  setInFlight: (inFlight) => set({ inFlight })
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
