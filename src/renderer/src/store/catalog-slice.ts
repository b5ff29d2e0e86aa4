import type { StateCreator } from 'zustand'
import type {
  Cached,
  DocumentRow,
  FolderRow,
  LandingScope,
  PageRow,
  SiteRow
} from '../../../shared/domain/catalog'
import type { OperationView } from '../../../shared/domain/outbox'
import { call } from '../ipc/client'
import {
  catalogFacts,
  emptyRefresh,
  impliedBy,
  noteRefresh,
  type ImpliedRefresh,
  type SiteRef
} from './implied'
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

/** Landing kinds whose rows carry a published state that finished operations change. */
export type LandingKind = 'sites' | 'pages' | 'folders'

/**
 * A state a finished operation (or what the portal did along with it) put a row in, at the time
 * main recorded the operation done. It holds over cached listings older than that, which would
 * otherwise show the row as it was before, until a listing read from the portal afterwards agrees.
 */
export interface Outcome {
  published: boolean
  at: number
}

export type Outcomes = Record<LandingKind, Record<string, Outcome>>

/**
 * How long after an operation a sync must have ended to be trusted over it when it disagrees:
 * a sync that ended just after an operation may have read the row before it.
 */
export const SYNC_GRACE_MS = 60_000

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
  /** Outcomes of finished operations still to be shown over older listings. */
  outcomes: Outcomes
  /**
   * Shows finished operations in the tables, with what the portal changed along with them
   * (a published page's folders and site, an unpublished site's pages and folders), and answers
   * which listings are worth reading again from the portals once the job is over.
   */
  applyOutcomes(ops: OperationView[]): ImpliedRefresh
  /** Reads again, from the portals, just the listings a finished job changed along the way. */
  refreshImplied(refresh: ImpliedRefresh): Promise<void>
  loadDocument(portalId: string, id: number): Promise<void>
}

export const rowKey = (row: { portalId: string; id: number }): string => `${row.portalId}|${row.id}`

const fetchers: { [K in CatalogKind]: (refresh: boolean) => Promise<Cached<CatalogRowTypes[K]>> } = {
  sites: (refresh) => call('catalog:sites', { refresh }),
  pages: (refresh) => call('catalog:pages', { refresh }),
  folders: (refresh) => call('catalog:folders', { refresh }),
  documents: (refresh) => call('catalog:documents', { refresh })
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

/** Above this many sites of one portal, a portal's whole listing is read instead of site by site. */
const SITES_PER_PORTAL_REFRESH = 5

const byPortal = (refs: Iterable<SiteRef>): Map<string, number[]> => {
  const out = new Map<string, number[]>()
  for (const r of refs) out.set(r.portalId, [...(out.get(r.portalId) ?? []), r.siteId])
  return out
}

type LandingRow = SiteRow | PageRow | FolderRow

/** The rows with the outcomes that still hold over the listing's sync times; drops those that no longer do. */
const withOutcomes = <T extends LandingRow>(
  rows: T[],
  syncedAt: Record<string, number | null>,
  outcomes: Record<string, Outcome>
): { rows: T[]; outcomes: Record<string, Outcome> } => {
  if (Object.keys(outcomes).length === 0) return { rows, outcomes }
  const kept = { ...outcomes }
  const out = rows.map((r) => {
    const key = rowKey(r)
    const o = kept[key]
    if (!o) return r
    const synced = syncedAt[r.portalId]
    if (
      synced != null &&
      (synced >= o.at + SYNC_GRACE_MS || (synced >= o.at && r.published === o.published))
    ) {
      delete kept[key]
      return r
    }
    return r.published === o.published ? r : { ...r, published: o.published }
  })
  return { rows: out, outcomes: kept }
}

const targetKind: Record<string, LandingKind | undefined> = {
  site: 'sites',
  page: 'pages',
  folder: 'folders'
}

export const createCatalogSlice: StateCreator<RootState, [], [], CatalogSlice> = (set, get) => ({
  catalog: { sites: emptyEntry(), pages: emptyEntry(), folders: emptyEntry(), documents: emptyEntry() },
  documentLinks: {},
  outcomes: { sites: {}, pages: {}, folders: {} },
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
  setCatalog(kind, data) {
    set((s) => {
      const entry = { ...data, loading: false, refreshing: false, error: null, loadedAt: Date.now() }
      if (kind === 'documents') return { catalog: { ...s.catalog, [kind]: entry } }
      const landing = kind as LandingKind
      const shown = withOutcomes(data.rows as LandingRow[], data.syncedAt, s.outcomes[landing])
      return {
        catalog: { ...s.catalog, [kind]: { ...entry, rows: shown.rows } },
        outcomes: { ...s.outcomes, [landing]: shown.outcomes }
      }
    })
  },
  applyOutcomes(ops) {
    // Finished intents are applied locally so 20,000 rows need not be fetched again to show them.
    const facts = catalogFacts(get().catalog)
    const refresh = emptyRefresh()
    const changes: Record<LandingKind, Map<string, Outcome>> = {
      sites: new Map(),
      pages: new Map(),
      folders: new Map()
    }
    const put = (kind: LandingKind, key: string, o: Outcome) => {
      const had = changes[kind].get(key)
      if (!had || had.at <= o.at) changes[kind].set(key, o)
    }
    const links: Record<string, string | null> = {}
    for (const op of ops) {
      if (op.state !== 'done') continue
      if (op.kind === 'document') {
        if (op.action === 'link-off') links[rowKey({ portalId: op.portalId, id: op.targetId })] = null
        continue
      }
      const kind = targetKind[op.kind]
      if (!kind) continue
      const at = op.updatedAt
      put(kind, rowKey({ portalId: op.portalId, id: op.targetId }), {
        published: op.action === 'publish',
        at
      })
      const implied = impliedBy(op, facts)
      const along = { published: implied.on, at }
      for (const r of implied.sites) put('sites', rowKey(r), along)
      for (const r of implied.folders) put('folders', rowKey(r), along)
      for (const r of implied.pages) put('pages', rowKey(r), along)
      noteRefresh(refresh, op, implied)
    }
    const kinds = (Object.keys(changes) as LandingKind[]).filter((k) => changes[k].size > 0)
    if (kinds.length === 0 && Object.keys(links).length === 0) return refresh
    set((s) => {
      const catalog = { ...s.catalog }
      const outcomes = { ...s.outcomes }
      for (const kind of kinds) {
        const kindChanges = changes[kind]
        const kept = { ...outcomes[kind] }
        for (const [key, o] of kindChanges) {
          const had = kept[key]
          if (!had || had.at <= o.at) kept[key] = o
        }
        outcomes[kind] = kept
        const entry = catalog[kind] as CatalogEntry<LandingRow>
        let touched = false
        const rows = entry.rows.map((r) => {
          const next = kindChanges.get(rowKey(r))
          if (next === undefined || next.published === r.published) return r
          touched = true
          return { ...r, published: next.published }
        })
        if (touched) (catalog as Record<CatalogKind, unknown>)[kind] = { ...entry, rows }
      }
      return { catalog, outcomes, documentLinks: { ...s.documentLinks, ...links } }
    })
    return refresh
  },
  async refreshImplied(refresh) {
    const startedAt = Date.now()
    /** Puts a fresh listing of some rows in place of those rows, when the portal answered. */
    const merge = <K extends LandingKind>(
      kind: K,
      answer: Cached<CatalogRowTypes[K]>,
      portalId: string,
      siteId: number | null
    ) => {
      if (answer.stale[portalId]) return
      const inScope = (r: LandingRow) =>
        r.portalId === portalId && (siteId === null || ('siteId' in r && r.siteId === siteId))
      set((s) => {
        const entry = s.catalog[kind] as CatalogEntry<LandingRow>
        if (entry.loadedAt === null) return {}
        const fresh = new Map(answer.rows.map((r) => [rowKey(r), r as LandingRow]))
        const rows: LandingRow[] = []
        for (const r of entry.rows) {
          if (!inScope(r)) rows.push(r)
          else {
            const next = fresh.get(rowKey(r))
            if (next) rows.push(next)
            fresh.delete(rowKey(r))
          }
        }
        rows.push(...fresh.values())
        // What the portal says now, read after the job was over, replaces what the job implied.
        const kept = { ...s.outcomes[kind] }
        for (const r of rows) {
          if (inScope(r) && kept[rowKey(r)] && kept[rowKey(r)].at <= startedAt) delete kept[rowKey(r)]
        }
        const whole = siteId === null
        return {
          catalog: {
            ...s.catalog,
            [kind]: {
              ...entry,
              rows,
              syncedAt: whole
                ? { ...entry.syncedAt, [portalId]: answer.syncedAt[portalId] ?? null }
                : entry.syncedAt,
              stale: whole ? without(entry.stale, portalId) : entry.stale
            }
          },
          outcomes: { ...s.outcomes, [kind]: kept }
        }
      })
    }
    const loaded = (kind: LandingKind) => get().catalog[kind].loadedAt !== null
    const jobs: Array<Promise<void>> = []
    if (loaded('sites')) {
      for (const portalId of refresh.sites) {
        jobs.push(
          call('catalog:sites', { portalIds: [portalId], refresh: true }).then((a) =>
            merge('sites', a, portalId, null)
          )
        )
      }
    }
    const bySites = (kind: 'pages' | 'folders', refs: Map<string, SiteRef>) => {
      if (!loaded(kind)) return
      const channel = kind === 'pages' ? 'catalog:pages' : 'catalog:folders'
      for (const [portalId, siteIds] of byPortal(refs.values())) {
        if (siteIds.length > SITES_PER_PORTAL_REFRESH) {
          jobs.push(
            call(channel, { portalIds: [portalId], refresh: true }).then((a) =>
              merge(kind, a, portalId, null)
            )
          )
          continue
        }
        for (const siteId of siteIds) {
          jobs.push(
            call(channel, { portalIds: [portalId], siteId, refresh: true }).then((a) =>
              merge(kind, a, portalId, siteId)
            )
          )
        }
      }
    }
    bySites('folders', refresh.folders)
    bySites('pages', refresh.pages)
    // Best effort: a listing that cannot be read now keeps what the job implied until the next sync.
    await Promise.all(jobs.map((j) => j.catch(() => {})))
  },
  async loadDocument(portalId, id) {
    const doc = await call('catalog:document', { portalId, id })
    set((s) => ({ documentLinks: { ...s.documentLinks, [rowKey(doc)]: doc.publicUrl ?? null } }))
  }
})
