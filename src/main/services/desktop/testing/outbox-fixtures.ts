import type { JobSummary, StateCounts } from '../../../../shared/domain/outbox'

/** A job's operation counts for the desktop tests: all zero but what `over` says. */
export const counts = (over: Partial<StateCounts> = {}): StateCounts => ({
  queued: 0,
  sending: 0,
  done: 0,
  failed: 0,
  mismatch: 0,
  superseded: 0,
  cancelled: 0,
  ...over
})

/** An active job of ten queued operations on portal p1, changed by `over`. */
export const job = (id: number, over: Partial<JobSummary> = {}): JobSummary => ({
  id,
  title: `Job ${id}`,
  createdAt: 0,
  finishedAt: null,
  state: 'active',
  total: 10,
  counts: counts({ queued: 10 }),
  portalIds: ['p1'],
  changes: 0,
  startAt: null,
  startedAt: null,
  lateByMs: null,
  restore: null,
  ...over
})
