import type { DocumentRow, PageRow, SiteRow } from '../../../shared/domain/catalog'
import type { JobSummary, LaneView, StateCounts } from '../../../shared/domain/outbox'
import type { PortalSummary } from '../../../shared/domain/portal'
import { useStore } from '../store'

const initial = useStore.getState()

/** Every test starts from the store as the app starts. */
export const resetStore = () => useStore.setState(initial, true)

export const portal = (id: string, over: Partial<PortalSummary> = {}): PortalSummary => ({
  id,
  name: `Portal ${id}`,
  host: `${id}.example.com`,
  authKind: 'webhook',
  limits: 'standard',
  tags: [],
  color: null,
  notes: '',
  demo: false,
  health: { state: 'online' },
  lastSyncAt: null,
  maxInFlight: 4,
  ...over
})

export const site = (portalId: string, id: number, over: Partial<SiteRow> = {}): SiteRow => ({
  portalId,
  id,
  title: `Site ${id}`,
  type: 'PAGE',
  scope: '',
  code: `site-${id}`,
  published: false,
  publicUrl: null,
  modifiedAt: '2026-01-02T10:00:00Z',
  ...over
})

export const page = (portalId: string, id: number, over: Partial<PageRow> = {}): PageRow => ({
  portalId,
  siteId: 1,
  folderId: null,
  id,
  title: `Page ${id}`,
  code: `page-${id}`,
  published: false,
  publicUrl: null,
  modifiedAt: null,
  scope: '',
  siteActive: null,
  ...over
})

export const doc = (portalId: string, id: number, over: Partial<DocumentRow> = {}): DocumentRow => ({
  portalId,
  id,
  title: `Invoice ${id}`,
  number: `INV-${id}`,
  entityTypeId: 2,
  entityId: 10,
  createdAt: null,
  ...over
})

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

export const job = (id: number, over: Partial<JobSummary> = {}): JobSummary => ({
  id,
  title: `Job ${id}`,
  createdAt: 1000 + id,
  finishedAt: null,
  state: 'active',
  total: 10,
  counts: counts({ queued: 10 }),
  portalIds: ['a'],
  changes: 0,
  startAt: null,
  startedAt: null,
  lateByMs: null,
  restore: null,
  ...over
})

export const lane = (portalId: string, over: Partial<LaneView> = {}): LaneView => ({
  portalId,
  state: 'running',
  counts: counts(),
  reason: null,
  nextAttemptAt: null,
  inFlight: 0,
  window: 1,
  ceiling: 4,
  lowered: null,
  ...over
})

export const cached = <T>(
  rows: T[],
  over: {
    syncedAt?: Record<string, number | null>
    stale?: Record<string, { code: string; message: string }>
  } = {}
) => ({
  rows,
  syncedAt: over.syncedAt ?? {},
  stale: over.stale ?? {}
})
