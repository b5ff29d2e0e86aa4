import type { Intent } from '../../../shared/domain/outbox'
import type { SnapshotEntry, SnapshotSummary } from '../../../shared/domain/snapshot'

export const snapshot = (id: number, over: Partial<SnapshotSummary> = {}): SnapshotSummary => ({
  id,
  name: `Snapshot ${id}`,
  takenAt: Date.UTC(2026, 11, 1, 8, 0) + id,
  portalIds: ['a'],
  siteIds: null,
  counts: { sites: 3, pages: 20_000, folders: 12, documents: 40, live: 8_000 },
  maintenance: null,
  ...over
})

export const entry = (
  portalId: string,
  kind: SnapshotEntry['kind'],
  id: number,
  over: Partial<SnapshotEntry> = {}
): SnapshotEntry => ({
  portalId,
  kind,
  id,
  title: `${kind} ${id}`,
  scope: '',
  siteId: kind === 'page' || kind === 'folder' ? 1 : null,
  then: true,
  now: false,
  ...over
})

export const intent = (
  portalId: string,
  kind: Intent['kind'],
  targetId: number,
  action: Intent['action'],
  label?: string
): Intent => ({ portalId, kind, targetId, scope: '', action, ...(label ? { label } : {}) })
