import type { FolderRow, PageRow, SiteRow } from '../../../shared/domain/catalog'
import type { Action, TargetKind } from '../../../shared/domain/outbox'

/**
 * What the portal changes by itself along with a landing action (REST reference §6.5):
 * - publishing a page publishes the folder it sits in and that folder's parents, and makes its site active;
 * - publishing a folder publishes its chain of parent folders;
 * - publishing a site activates all its folders (its unpublished pages stay unpublished);
 * - unpublishing a site takes all its pages offline and deactivates all its folders.
 * Unpublishing a page or a folder changes nothing else.
 */

/** A site of a portal. */
export interface SiteRef {
  portalId: string
  siteId: number
}

export const siteKey = (portalId: string, siteId: number): string => `${portalId}|${siteId}`

/** Lookups over the catalog the renderer has; undefined where it does not know. */
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

/** Rows of single sites learned apart from the store's listings (the review asks the cache for them). */
export interface SiteListings {
  pages: ReadonlyMap<string, PageRow[]>
  folders: ReadonlyMap<string, FolderRow[]>
}

const bySite = <T extends { portalId: string; siteId: number }>(rows: readonly T[]): Map<string, T[]> => {
  const out = new Map<string, T[]>()
  for (const r of rows) {
    const k = siteKey(r.portalId, r.siteId)
    const list = out.get(k)
    if (list) list.push(r)
    else out.set(k, [r])
  }
  return out
}

const byKey = <T extends { portalId: string; id: number }>(rows: readonly T[]): Map<string, T> =>
  new Map(rows.map((r) => [`${r.portalId}|${r.id}`, r]))

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
  for (const rows of extra.folders.values()) for (const f of rows) folders.set(`${f.portalId}|${f.id}`, f)
  for (const rows of extra.pages.values()) for (const p of rows) pages.set(`${p.portalId}|${p.id}`, p)
  const pagesBySite = bySite(catalog.pages.rows)
  const foldersBySite = bySite(catalog.folders.rows)
  const synced = (l: Listing<unknown>, portalId: string) =>
    l.loadedAt !== null && l.syncedAt[portalId] != null
  return {
    page: (portalId, id) => pages.get(`${portalId}|${id}`),
    site: (portalId, id) => sites.get(`${portalId}|${id}`),
    folder: (portalId, id) => folders.get(`${portalId}|${id}`),
    siteFolders(portalId, siteId) {
      const k = siteKey(portalId, siteId)
      return (
        extra.folders.get(k) ?? foldersBySite.get(k) ?? (synced(catalog.folders, portalId) ? [] : undefined)
      )
    },
    sitePages(portalId, siteId) {
      const k = siteKey(portalId, siteId)
      return extra.pages.get(k) ?? pagesBySite.get(k) ?? (synced(catalog.pages, portalId) ? [] : undefined)
    }
  }
}

/** What the portal changes along with one action, as far as the catalog tells. */
export interface Implied {
  /** The site the target belongs to, when known. */
  site: SiteRef | null
  /** Rows that end up in the state `on`, which they are not in now. */
  on: boolean
  sites: SiteRow[]
  folders: FolderRow[]
  pages: PageRow[]
  /** The site's folders are not known, so some folder changes may be missing from `folders`. */
  foldersUnknown: boolean
  /** The site's pages are not known, so some page changes may be missing from `pages`. */
  pagesUnknown: boolean
}

export interface ImpliedTarget {
  portalId: string
  kind: TargetKind
  targetId: number
  action: Action
}

/** The unpublished folders of a chain, from `folderId` up; `complete` is false when a link is missing. */
const unpublishedChain = (facts: CatalogFacts, portalId: string, folderId: number | null) => {
  const out: FolderRow[] = []
  const seen = new Set<number>()
  let id = folderId
  while (id !== null && !seen.has(id)) {
    seen.add(id)
    const f = facts.folder(portalId, id)
    if (!f) return { folders: out, complete: false }
    if (!f.published) out.push(f)
    id = f.parentId
  }
  return { folders: out, complete: true }
}

export const impliedBy = (t: ImpliedTarget, facts: CatalogFacts): Implied => {
  const on = t.action === 'publish'
  const none: Implied = {
    site: null,
    on,
    sites: [],
    folders: [],
    pages: [],
    foldersUnknown: false,
    pagesUnknown: false
  }
  const { portalId } = t
  if (t.kind === 'page' && on) {
    const page = facts.page(portalId, t.targetId)
    if (!page) return none
    const site = facts.site(portalId, page.siteId)
    const chain = unpublishedChain(facts, portalId, page.folderId)
    return {
      ...none,
      site: { portalId, siteId: page.siteId },
      sites: site && !site.published ? [site] : [],
      folders: chain.folders,
      foldersUnknown: !chain.complete
    }
  }
  if (t.kind === 'folder' && on) {
    const folder = facts.folder(portalId, t.targetId)
    if (!folder) return none
    const chain = unpublishedChain(facts, portalId, folder.parentId)
    return {
      ...none,
      site: { portalId, siteId: folder.siteId },
      folders: chain.folders,
      foldersUnknown: !chain.complete
    }
  }
  if (t.kind === 'site') {
    const folders = facts.siteFolders(portalId, t.targetId)
    const pages = facts.sitePages(portalId, t.targetId)
    return {
      ...none,
      site: { portalId, siteId: t.targetId },
      folders: (folders ?? []).filter((f) => f.published !== on),
      // Publishing a site leaves its unpublished pages as they are.
      pages: on ? [] : (pages ?? []).filter((p) => p.published),
      foldersUnknown: folders === undefined,
      pagesUnknown: !on && pages === undefined
    }
  }
  return none
}

/** Listings to read again from the portals once a job is over, to show what it really changed. */
export interface ImpliedRefresh {
  /** Portals whose sites changed along. */
  sites: Set<string>
  /** Site keys whose folders changed along. */
  folders: Map<string, SiteRef>
  /** Site keys whose pages changed along. */
  pages: Map<string, SiteRef>
}

export const emptyRefresh = (): ImpliedRefresh => ({ sites: new Set(), folders: new Map(), pages: new Map() })

export const isEmptyRefresh = (r: ImpliedRefresh): boolean =>
  r.sites.size === 0 && r.folders.size === 0 && r.pages.size === 0

export const mergeRefresh = (into: ImpliedRefresh, from: ImpliedRefresh): ImpliedRefresh => {
  from.sites.forEach((p) => into.sites.add(p))
  from.folders.forEach((v, k) => into.folders.set(k, v))
  from.pages.forEach((v, k) => into.pages.set(k, v))
  return into
}

/** Adds to `refresh` what is worth reading again after `t` with its implied changes `i`. */
export const noteRefresh = (refresh: ImpliedRefresh, t: ImpliedTarget, i: Implied): void => {
  if (!i.site) return
  const key = siteKey(i.site.portalId, i.site.siteId)
  if (i.sites.length > 0) refresh.sites.add(t.portalId)
  if (t.kind === 'site') {
    // The whole site changed state: what the portal did to its pages and folders is read back.
    refresh.folders.set(key, i.site)
    refresh.pages.set(key, i.site)
    return
  }
  if (i.folders.length > 0 || i.foldersUnknown) refresh.folders.set(key, i.site)
}
