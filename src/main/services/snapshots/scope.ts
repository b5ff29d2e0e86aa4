/** Which portals and sites a snapshot, restore or maintenance window covers, checked against the portals and the snapshot. */
import type { SiteRef } from '../../../shared/domain/snapshot'
import { localize } from '../app/language'
import { messages } from './messages'
import type { SnapshotRecord } from './store'
import type { SnapshotPortals } from './types'
import { appError } from './core'

/** Portals, and the chosen sites of each (null: all of them). */
export interface Scope {
  portalIds: string[]
  sites: Map<string, number[]> | null
}

export interface Scopes {
  requirePortals(ids: readonly string[]): void
  /** Chosen sites grouped per portal; every site must be on one of `portalIds`. */
  sitesByPortal(
    portalIds: readonly string[],
    siteIds: readonly SiteRef[] | undefined
  ): Map<string, number[]> | null
  /** The part of a snapshot a restore covers: all of it, or the chosen portals or sites. */
  restoreScope(r: SnapshotRecord, portalIds: string[] | undefined, siteIds: SiteRef[] | undefined): Scope
}

export const createScopes = (portals: SnapshotPortals): Scopes => {
  const requirePortals = (ids: readonly string[]) => {
    for (const id of ids)
      if (!portals.has(id))
        throw appError('PORTAL_NOT_FOUND', localize(messages.unknownPortal, { portal: id }))
  }

  const sitesByPortal = (portalIds: readonly string[], siteIds: readonly SiteRef[] | undefined) => {
    if (!siteIds || siteIds.length === 0) return null
    const out = new Map<string, number[]>()
    for (const { portalId, siteId } of siteIds) {
      if (!portalIds.includes(portalId))
        throw appError(
          'SITE_NOT_IN_PORTALS',
          localize(messages.siteNotInPortals, { site: siteId, portal: portals.name(portalId) })
        )
      out.set(portalId, [...new Set([...(out.get(portalId) ?? []), siteId])])
    }
    return out
  }

  const restoreScope = (
    r: SnapshotRecord,
    portalIds: string[] | undefined,
    siteIds: SiteRef[] | undefined
  ): Scope => {
    for (const p of portalIds ?? [])
      if (!r.portalIds.includes(p))
        throw appError(
          'PORTAL_NOT_IN_SNAPSHOT',
          localize(messages.portalNotInSnapshot, { id: r.id, portal: portals.name(p) })
        )
    let chosen = portalIds ? [...new Set(portalIds)] : r.portalIds
    let sites: Map<string, number[]> | null = null
    if (siteIds && siteIds.length > 0) {
      sites = new Map()
      for (const { portalId, siteId } of siteIds) {
        const inSnapshot =
          r.portalIds.includes(portalId) &&
          (r.siteIds === null || r.siteIds.some((s) => s.portalId === portalId && s.siteId === siteId))
        if (!inSnapshot)
          throw appError(
            'SITE_NOT_IN_SNAPSHOT',
            localize(messages.siteNotInSnapshot, { id: r.id, site: siteId, portal: portals.name(portalId) })
          )
        sites.set(portalId, [...new Set([...(sites.get(portalId) ?? []), siteId])])
      }
      chosen = chosen.filter((p) => sites?.has(p))
    } else if (r.siteIds !== null) {
      sites = new Map()
      for (const { portalId, siteId } of r.siteIds)
        sites.set(portalId, [...(sites.get(portalId) ?? []), siteId])
    }
    requirePortals(chosen)
    return { portalIds: chosen, sites }
  }

  return { requirePortals, sitesByPortal, restoreScope }
}
