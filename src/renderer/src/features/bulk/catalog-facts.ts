import type { FolderRow, PageRow, SiteRow } from '../../../../shared/domain/catalog'
import { portalKey, rowKey } from '../../store/keys'

import type { SiteRef } from '../../../../shared/domain/catalog'
export type { SiteRef }

/** Lookups over the catalog the window has (what the portal last reported); undefined where it does not know. */
export interface CatalogFacts {
  page(portalId: string, id: number): PageRow | undefined
  site(portalId: string, id: number): SiteRow | undefined
  folder(portalId: string, id: number): FolderRow | undefined
  /** All folders of a site; undefined when they have not been loaded. */
  siteFolders(portalId: string, siteId: number): FolderRow[] | undefined
  /** All pages of a site; undefined when they have not been loaded. */
  sitePages(portalId: string, siteId: number): PageRow[] | undefined
}

/** A catalog listing as the store holds it. */
export interface Listing<T> {
  rows: T[]
  syncedAt: Record<string, number | null>
  loadedAt: number | null
}

/** Rows of single sites asked of main's cache apart from the store's listings. */
export interface SiteListings {
  pages: ReadonlyMap<string, PageRow[]>
  folders: ReadonlyMap<string, FolderRow[]>
}

const bySite = <T extends { portalId: string; siteId: number }>(rows: readonly T[]): Map<string, T[]> => {
  const out = new Map<string, T[]>()
  for (const r of rows) {
    const k = portalKey(r.portalId, r.siteId)
    const list = out.get(k)
    if (list) list.push(r)
    else out.set(k, [r])
  }
  return out
}

const byKey = <T extends { portalId: string; id: number }>(rows: readonly T[]): Map<string, T> =>
  new Map(rows.map((r) => [rowKey(r), r]))

/**
 * Lookups over the store's listings plus any single-site listings. A site's pages or folders are
 * known when its listing was synced for that portal at least once, or when rows of it are present.
 */
export const catalogFacts = (
  catalog: { sites: { rows: SiteRow[] }; pages: Listing<PageRow>; folders: Listing<FolderRow> },
  extra: SiteListings = { pages: new Map(), folders: new Map() }
): CatalogFacts => {
  const sites = byKey(catalog.sites.rows)
  const pages = byKey(catalog.pages.rows)
  const folders = byKey(catalog.folders.rows)
  for (const rows of extra.folders.values()) for (const f of rows) folders.set(rowKey(f), f)
  for (const rows of extra.pages.values()) for (const p of rows) pages.set(rowKey(p), p)
  const pagesBySite = bySite(catalog.pages.rows)
  const foldersBySite = bySite(catalog.folders.rows)
  const synced = (l: Listing<unknown>, portalId: string) =>
    l.loadedAt !== null && l.syncedAt[portalId] != null
  return {
    page: (portalId, id) => pages.get(portalKey(portalId, id)),
    site: (portalId, id) => sites.get(portalKey(portalId, id)),
    folder: (portalId, id) => folders.get(portalKey(portalId, id)),
    siteFolders(portalId, siteId) {
      const k = portalKey(portalId, siteId)
      return (
        extra.folders.get(k) ?? foldersBySite.get(k) ?? (synced(catalog.folders, portalId) ? [] : undefined)
      )
    },
    sitePages(portalId, siteId) {
      const k = portalKey(portalId, siteId)
      return extra.pages.get(k) ?? pagesBySite.get(k) ?? (synced(catalog.pages, portalId) ? [] : undefined)
    }
  }
}

/** The folders of a chain from `folderId` up to the site's root; `complete` is false when a link is missing. */
export const folderChain = (
  facts: CatalogFacts,
  portalId: string,
  folderId: number | null
): { folders: FolderRow[]; complete: boolean } => {
  const folders: FolderRow[] = []
  const seen = new Set<number>()
  let id = folderId
  while (id !== null && !seen.has(id)) {
    seen.add(id)
    const f = facts.folder(portalId, id)
    if (!f) return { folders, complete: false }
    folders.push(f)
    id = f.parentId
  }
  return { folders, complete: true }
}
