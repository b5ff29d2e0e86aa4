import type { StateCreator } from 'zustand'
import type { PortalSummary } from '../../../shared/domain/portal'
import type { PortalsSlice, RootState } from './types'

export const createPortalsSlice: StateCreator<RootState, [], [], PortalsSlice> = (set) => ({
  portals: [],
  portalsLoaded: false,
  portalFilter: null,
  tagFilter: [],
  setPortals: (portals) =>
    set((s) => ({
      portals,
      portalsLoaded: true,
      portalFilter: s.portalFilter?.filter((id) => portals.some((p) => p.id === id)) ?? null
    })),
  setPortalHealth: (portalId, health) =>
    set((s) => ({ portals: s.portals.map((p) => (p.id === portalId ? { ...p, health } : p)) })),
  togglePortalFilter: (portalId) =>
    set((s) => {
      const current = s.portalFilter ?? s.portals.map((p) => p.id)
      const next = current.includes(portalId)
        ? current.filter((id) => id !== portalId)
        : [...current, portalId]
      return { portalFilter: next.length === s.portals.length ? null : next }
    }),
  showOnlyPortal: (portalId) => set({ portalFilter: portalId ? [portalId] : null }),
  toggleTag: (tag) =>
    set((s) => ({
      tagFilter: s.tagFilter.includes(tag) ? s.tagFilter.filter((t) => t !== tag) : [...s.tagFilter, tag]
    }))
})

/** The portals the views show: the sidebar's checkboxes intersected with the tag filter. */
export const visiblePortalIds = (s: Pick<PortalsSlice, 'portals' | 'portalFilter' | 'tagFilter'>): string[] =>
  s.portals
    .filter((p) => (s.portalFilter ? s.portalFilter.includes(p.id) : true))
    .filter((p) => s.tagFilter.length === 0 || s.tagFilter.every((t) => p.tags.includes(t)))
    .map((p) => p.id)

export const allTags = (portals: PortalSummary[]): string[] =>
  [...new Set(portals.flatMap((p) => p.tags))].sort((a, b) => a.localeCompare(b))
