import type { StateCreator } from 'zustand'
import type {
  Cached,
  DocumentRow,
  FolderRow,
  LandingScope,
  PageRow,
  SiteRow
} from '../../../shared/domain/catalog'
import { call } from '../ipc/client'
import type { RootState } from './index'

export type CatalogKind = 'sites' | 'pages' | 'folders' | 'documents'

export interface CatalogRowTypes {
  sites: SiteRow
  pages: PageRow
  folders: FolderRow
  documents: DocumentRow
}

export interface CatalogEntry<T> extends Cached<T> {
  loading: boolean
  refreshing: boolean
  error: string | null
  /** When this renderer last received an answer; null until the first one. */
  loadedAt: number | null
}

const emptyEntry = <T>(): CatalogEntry<T> => ({
  rows: [],
  syncedAt: {},
  stale: {},
  loading: false,
  refreshing: false,
  error: null,
  loadedAt: null
})

export type CatalogState = { [K in CatalogKind]: CatalogEntry<CatalogRowTypes[K]> }

/** A site or page whose public address can be asked for on demand. */
export interface LinkTarget {
  portalId: string
  kind: 'site' | 'page'
  id: number
  scope: LandingScope
  /** What the list row already says (sites carry it); null or absent means ask the portal. */
  publicUrl?: string | null
}

export const linkKey = (t: Pick<LinkTarget, 'portalId' | 'kind' | 'id'>): string =>
  `${t.kind}|${t.portalId}|${t.id}`

export interface CatalogSlice {
  catalog: CatalogState
  /** Public links learned from `catalog:document`, by document key; list rows do not carry them. */
  documentLinks: Record<string, string | null>
  /**
   * Public addresses asked for with `catalog:publicUrl`, by `linkKey`: page rows carry none because
   * listing them is slow on a real portal. null: the portal has no address for it.
   */
  publicUrls: Record<string, string | null>
  /** Keys whose address is being asked for right now. */
  publicUrlPending: Record<string, true>
  /** The target's public address: from its row, the answers so far, or the portal (once at a time). */
  resolvePublicUrl(target: LinkTarget): Promise<string | null>
  loadCatalog(kind: CatalogKind, opts?: { refresh?: boolean }): Promise<void>
  setCatalog<K extends CatalogKind>(kind: K, data: Cached<CatalogRowTypes[K]>): void
  /**
   * Reads again from main's cache the rows of some portals (what `catalog:updated` named), keeping
   * the other portals' rows as they are: a read-back on one portal does not move every portal's
   * 20,000 pages across IPC.
   */
  reloadPortals(kind: CatalogKind, portalIds: string[]): Promise<void>
  loadDocument(portalId: string, id: number): Promise<void>
}

export const rowKey = (row: { portalId: string; id: number }): string => `${row.portalId}|${row.id}`

const fetchers: { [K in CatalogKind]: (refresh: boolean) => Promise<Cached<CatalogRowTypes[K]>> } = {
  sites: (refresh) => call('catalog:sites', { refresh }),
  pages: (refresh) => call('catalog:pages', { refresh }),
  folders: (refresh) => call('catalog:folders', { refresh }),
  documents: (refresh) => call('catalog:documents', { refresh })
}

const portalFetchers: {
  [K in CatalogKind]: (portalIds: string[]) => Promise<Cached<CatalogRowTypes[K]>>
} = {
  sites: (portalIds) => call('catalog:sites', { portalIds }),
  pages: (portalIds) => call('catalog:pages', { portalIds }),
  folders: (portalIds) => call('catalog:folders', { portalIds }),
  documents: (portalIds) => call('catalog:documents', { portalIds })
}

/** Requests in flight per kind, so a newer answer is never overwritten by an older, slower one. */
const generation: Record<CatalogKind, number> = { sites: 0, pages: 0, folders: 0, documents: 0 }

/** Requests for public addresses in flight, so two clicks on one row ask the portal once. */
const urlRequests = new Map<string, Promise<string | null>>()

const without = <V>(record: Record<string, V>, key: string): Record<string, V> => {
  const next = { ...record }
  delete next[key]
  return next
}

export const createCatalogSlice: StateCreator<RootState, [], [], CatalogSlice> = (set, get) => ({
  catalog: { sites: emptyEntry(), pages: emptyEntry(), folders: emptyEntry(), documents: emptyEntry() },
  documentLinks: {},
  publicUrls: {},
  publicUrlPending: {},
  resolvePublicUrl(target) {
    if (target.publicUrl) return Promise.resolve(target.publicUrl)
    const key = linkKey(target)
    const known = get().publicUrls[key]
    if (known !== undefined) return Promise.resolve(known)
    const inFlight = urlRequests.get(key)
    if (inFlight) return inFlight
    set((s) => ({ publicUrlPending: { ...s.publicUrlPending, [key]: true } }))
    const request = call('catalog:publicUrl', {
      portalId: target.portalId,
      kind: target.kind,
      id: target.id,
      scope: target.scope
    })
      .then((url) => {
        set((s) => ({
          publicUrls: { ...s.publicUrls, [key]: url },
          publicUrlPending: without(s.publicUrlPending, key)
        }))
        return url
      })
      .catch((err: unknown) => {
        // A failure is not remembered: the next click may find the portal back.
        set((s) => ({ publicUrlPending: without(s.publicUrlPending, key) }))
        throw err
      })
      .finally(() => urlRequests.delete(key))
    urlRequests.set(key, request)
    return request
  },
  async loadCatalog(kind, opts = {}) {
    const refresh = opts.refresh ?? false
    const gen = ++generation[kind]
    set((s) => ({
      catalog: {
        ...s.catalog,
        [kind]: { ...s.catalog[kind], loading: s.catalog[kind].loadedAt === null, refreshing: refresh }
      }
    }))
    try {
      const data = await fetchers[kind](refresh)
      if (gen !== generation[kind] && !refresh) return
      get().setCatalog(kind, data)
    } catch (err) {
      if (gen !== generation[kind]) return
      set((s) => ({
        catalog: {
          ...s.catalog,
          [kind]: { ...s.catalog[kind], loading: false, refreshing: false, error: (err as Error).message }
        }
      }))
    }
  },
  async reloadPortals(kind, portalIds) {
    // A whole load started meanwhile answers for these portals too, and is at least as new.
    const gen = generation[kind]
    let data: Cached<CatalogRowTypes[typeof kind]>
    try {
      data = await portalFetchers[kind](portalIds)
    } catch {
      // The cache could not be read now; the next update or refresh reads it again.
      return
    }
    if (gen !== generation[kind]) return
    const ids = new Set(portalIds)
    const entry = get().catalog[kind] as CatalogEntry<{ portalId: string }>
    const kept = entry.rows.filter((r) => !ids.has(r.portalId))
    // Main lists rows by portal, then id; a stable sort on the portal alone keeps that order.
    const rows = [...kept, ...(data.rows as Array<{ portalId: string }>)].sort((a, b) =>
      a.portalId < b.portalId ? -1 : a.portalId > b.portalId ? 1 : 0
    )
    const syncedAt = { ...entry.syncedAt }
    const stale = { ...entry.stale }
    for (const id of ids) {
      syncedAt[id] = data.syncedAt[id] ?? null
      delete stale[id]
      if (data.stale[id]) stale[id] = data.stale[id]
    }
    get().setCatalog(kind, { rows, syncedAt, stale } as Cached<CatalogRowTypes[typeof kind]>)
  },
  setCatalog(kind, data) {
    set((s) => {
      const entry = { ...data, loading: false, refreshing: false, error: null, loadedAt: Date.now() }
      const catalog = { ...s.catalog, [kind]: entry }
      if (kind !== 'documents') return { catalog }
      // Main's cache keeps every link it has read (single reads and read-backs after a switch), so
      // a link it knows replaces the one this window learned earlier.
      let documentLinks = s.documentLinks
      for (const r of data.rows as DocumentRow[]) {
        if (r.publicUrl === undefined) continue
        const key = rowKey(r)
        if (documentLinks[key] === r.publicUrl) continue
        if (documentLinks === s.documentLinks) documentLinks = { ...s.documentLinks }
        documentLinks[key] = r.publicUrl
      }
      return { catalog, documentLinks }
    })
  },
  async loadDocument(portalId, id) {
    const doc = await call('catalog:document', { portalId, id })
    set((s) => ({ documentLinks: { ...s.documentLinks, [rowKey(doc)]: doc.publicUrl ?? null } }))
  }
})
