import { useEffect, useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useStore } from '../../store'
import type { CatalogArea } from '../../store/types'
import { visiblePortalIds } from '../../store/portals-slice'

/** The portal set each kind was last refreshed for, so revisiting a view does not re-sync it. */
const refreshedFor = new Map<CatalogArea, string>()

/**
 * A catalog kind for a view: answers from the local cache at once (so offline browsing works),
 * then asks the portals for fresh rows once per set of portals.
 */
export const useCatalog = <K extends CatalogArea>(kind: K) => {
  const entry = useStore((s) => s.catalog[kind])
  const portalKey = useStore((s) => s.portals.map((p) => p.id).join(','))
  const load = useStore((s) => s.loadCatalog)
  useEffect(() => {
    if (!portalKey) return
    // Once loaded, a kind stays in memory and `catalog:updated` keeps it current: opening a view
    // again must not move 20,000 rows across IPC.
    if (refreshedFor.get(kind) === portalKey) return
    refreshedFor.set(kind, portalKey)
    void load(kind).then(() => load(kind, { refresh: true }))
  }, [kind, portalKey, load])
  return entry
}

/** Test seam: forget which kinds were refreshed. */
export const resetCatalogRefreshes = () => refreshedFor.clear()

/** The portals a view shows: the sidebar's set, narrowed by the view's own portal filter. */
export const useShownPortals = (viewPortal: string): Set<string> => {
  const visible = useStore(useShallow(visiblePortalIds))
  return useMemo(
    () => new Set(viewPortal === 'all' ? visible : visible.filter((id) => id === viewPortal)),
    [visible, viewPortal]
  )
}

export const usePortalNames = (): Map<string, string> => {
  const portals = useStore((s) => s.portals)
  return useMemo(() => new Map(portals.map((p) => [p.id, p.name])), [portals])
}
