import type { SnapshotSummary } from '../../../shared/domain/snapshot'
import { call } from '../ipc/client'
import type { PortalMaintenance, SnapshotsSlice } from './types'

/**
 * Needs only the store's `set`, so it does not import the root state type (no store/index cycle,
 * not even a type-only one).
 */
export const createSnapshotsSlice = (set: (partial: Partial<SnapshotsSlice>) => void): SnapshotsSlice => ({
  snapshots: [],
  snapshotsLoaded: false,
  snapshotsError: null,
  setSnapshots: (snapshots) => set({ snapshots, snapshotsLoaded: true, snapshotsError: null }),
  loadSnapshots: async () => {
    try {
      const snapshots = await call('snapshots:list')
      set({ snapshots, snapshotsLoaded: true, snapshotsError: null })
    } catch (err) {
      set({ snapshotsLoaded: true, snapshotsError: (err as Error).message })
    }
  }
})

/**
 * Portals in an open maintenance window. When several windows overlap on one portal the newest
 * wins the mark: it is the one whose end the administrator is most likely waiting for.
 */
export const maintenanceByPortal = (
  snapshots: readonly SnapshotSummary[]
): Map<string, PortalMaintenance> => {
  const out = new Map<string, PortalMaintenance>()
  const newestFirst = [...snapshots].sort((a, b) => b.takenAt - a.takenAt || b.id - a.id)
  for (const s of newestFirst) {
    if (!s.maintenance?.active) continue
    for (const portalId of s.portalIds) {
      if (out.has(portalId)) continue
      const siteIds = s.siteIds ? s.siteIds.filter((r) => r.portalId === portalId).map((r) => r.siteId) : null
      // A window over chosen sites of other portals leaves this one as it was.
      if (siteIds && siteIds.length === 0) continue
      out.set(portalId, { snapshotId: s.id, name: s.name, until: s.maintenance.until, siteIds })
    }
  }
  return out
}
