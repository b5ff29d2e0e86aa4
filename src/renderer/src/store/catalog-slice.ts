import type { StateCreator } from 'zustand'
import type { Cached, DocumentRow } from '../../../shared/domain/catalog'
import { call } from '../ipc/client'
import type { CatalogArea, CatalogEntry, CatalogRowTypes, CatalogSlice, LinkTarget, RootState } from './types'
import { rowKey, targetKey } from './keys'

const emptyEntry = <T>(): CatalogEntry<T> => ({
  rows: [],
  syncedAt: {},
  stale: {},
  loading: false,
  refreshing: false,
  error: null,
  loadedAt: null
})

export const linkKey = (t: Pick<LinkTarget, 'portalId' | 'kind' | 'id'>): string =>
  targetKey(t.kind, t.portalId, t.id)

export { rowKey }

const fetchers: { [K in CatalogArea]: (refresh: boolean) => Promise<Cached<CatalogRowTypes[K]>> } = {
  sites: (refresh) => call('catalog:sites', { refresh }),
  pages: (refresh) => call('catalog:pages', { refresh }),
  folders: (refresh) => call('catalog:folders', { refresh }),
  documents: (refresh) => call('catalog:documents', { refresh })
}

const portalFetchers: {
  [K in CatalogArea]: (portalIds: string[]) => Promise<Cached<CatalogRowTypes[K]>>
} = {
  sites: (portalIds) => call('catalog:sites', { portalIds }),
  pages: (portalIds) => call('catalog:pages', { portalIds }),
  folders: (portalIds) => call('catalog:folders', { portalIds }),
  documents: (portalIds) => call('catalog:documents', { portalIds })
}

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
  catalogGeneration: { sites: 0, pages: 0, folders: 0, documents: 0 },
  publicUrlRequests: {},
  resolvePublicUrl(target) {
    if (target.publicUrl) return Promise.resolve(target.publicUrl)
    const key = linkKey(target)
    const known = get().publicUrls[key]
    if (known !== undefined) return Promise.resolve(known)
    const inFlight = get().publicUrlRequests[key]
    if (inFlight !== undefined) return inFlight
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
      .finally(() => set((s) => ({ publicUrlRequests: without(s.publicUrlRequests, key) })))
    set((s) => ({ publicUrlRequests: { ...s.publicUrlRequests, [key]: request } }))
    return request
  },
  async loadCatalog(kind, opts = {}) {
    const refresh = opts.refresh ?? false
    const gen = get().catalogGeneration[kind] + 1
    set((s) => ({ catalogGeneration: { ...s.catalogGeneration, [kind]: gen } }))
    set((s) => ({
      catalog: {
        ...s.catalog,
        [kind]: { ...s.catalog[kind], loading: s.catalog[kind].loadedAt === null, refreshing: refresh }
      }
    }))
    try {
      const data = await fetchers[kind](refresh)
      if (gen !== get().catalogGeneration[kind] && !refresh) return
      get().setCatalog(kind, data)
    } catch (err) {
      if (gen !== get().catalogGeneration[kind]) return
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
    const gen = get().catalogGeneration[kind]
    let data: Cached<CatalogRowTypes[typeof kind]>
    try {
      data = await portalFetchers[kind](portalIds)
    } catch {
      // The cache could not be read now; the next update or refresh reads it again.
      return
    }
    if (gen !== get().catalogGeneration[kind]) return
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
