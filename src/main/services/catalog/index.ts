import type {
  CatalogArea,
  Cached,
  DocumentRow,
  FolderRow,
  LandingScope,
  PageRow,
  PreviewTarget,
  SiteRow
} from '../../../shared/domain/catalog'
import type { AppEvents } from '../events'
import { AppError } from '../errors'
import { localize } from '../app/language'
import type { Database } from '../db/database'
import type { PortalClient } from '../bitrix/types'
import { unknownPortal } from '../portals'
import { CATALOG_SCOPES, fetchDocument, fetchDocuments, fetchFolders, fetchPages, fetchSites } from './fetch'
import { catalogHandlers } from './handlers'
import { messages } from './messages'
import { areaOfSyncKey, createCatalogStore } from './store'
import { createSyncStore } from './sync-store'
import type {
  CatalogDeps,
  CatalogService,
  DocumentsQuery,
  FoldersQuery,
  PagesQuery,
  SitesQuery
} from './types'

export { createCatalogStore, type CatalogStore, type ReadBack, type StateChange } from './store'
export {
  createCatalogReadBack,
  readPortalState,
  type CatalogReadBack,
  type PortalRead,
  type ReadPort,
  type ReadTarget
} from './readback'
export { cachedLandingScopes, cachedTargets, type LandingKind } from './scope'

export type {
  CatalogDeps,
  CatalogHandlers,
  CatalogPortals,
  CatalogService,
  DocumentsQuery,
  FoldersQuery,
  PagesQuery,
  SitesQuery
} from './types'

const describe = (err: unknown): { code: string; message: string } =>
  err instanceof AppError
    ? { code: err.code, message: err.message }
    : { code: 'SYNC_FAILED', message: localize(messages.syncFailed) }

/**
 * Listings of sites, pages, folders and CRM documents per portal. A refresh reads every portal
 * asked for in parallel (each paced by its own client) and replaces that portal's cached rows;
 * answers always come from the cache, with each portal's sync time and, when its refresh failed,
 * the error, so the dashboard can browse offline and say how old the data is.
 */
export const createCatalogService = (deps: CatalogDeps): CatalogService => {
  const { portals, now } = deps
  const store = createCatalogStore(deps.db)

  const targets = (portalIds: string[] | undefined): string[] =>
    portalIds ? [...new Set(portalIds)].filter((id) => portals.has(id)) : portals.ids()

  const refreshEach = async (
    ids: string[],
    area: CatalogArea,
    key: (id: string) => string,
    run: (client: PortalClient, portalId: string) => Promise<void>
  ): Promise<void> => {
    await Promise.all(
      ids.map(async (id) => {
        try {
          const client = await portals.clientFor(id)
          await run(client, id)
          const at = now()
          store.markSynced(id, key(id), at)
          portals.markSynced(id, at)
          deps.events.emit('catalog:updated', { portalId: id, area })
        } catch (err) {
          store.markFailed(id, key(id), describe(err), now())
        }
      })
    )
  }

  const answer = <T>(rows: T[], ids: string[], keys: (id: string) => string[]): Cached<T> => {
    const syncedAt: Record<string, number | null> = {}
    const stale: Cached<T>['stale'] = {}
    for (const id of ids) {
      const infos = keys(id).map((k) => store.sync(id, k))
      const times = infos.map((i) => i.syncedAt).filter((t): t is number => t !== null)
      syncedAt[id] = times.length ? Math.max(...times) : null
      const failed = infos.find((i) => i.error)
      if (failed?.error) stale[id] = failed.error
    }
    return { rows, syncedAt, stale }
  }

  /**
   * `landing.site.getList` answers `[]` with no error when the account may not view sites: an empty
   * listing where the cache had sites is reported and never clears the cache by itself.
   */
  const keepIfEmpty = (portalId: string, scopes: LandingScope[], fresh: SiteRow[]): SiteRow[] => {
    if (fresh.length > 0) return fresh
    const had = store.sites([portalId], scopes).length
    if (had > 0) throw new AppError('PORTAL_LISTS_NOTHING', localize(messages.listsNothing))
    return fresh
  }

  const siteScope = async (client: PortalClient, portalId: string, siteId: number): Promise<LandingScope> => {
    const cached = store.sites([portalId]).find((s) => s.id === siteId)
    if (cached) return cached.scope
    const fresh = keepIfEmpty(portalId, CATALOG_SCOPES, await fetchSites(client))
    store.replaceSites(portalId, CATALOG_SCOPES, fresh)
    return fresh.find((s) => s.id === siteId)?.scope ?? ''
  }

  const sites = async ({ portalIds, refresh, scopes }: SitesQuery): Promise<Cached<SiteRow>> => {
    const ids = targets(portalIds)
    const wanted = scopes?.length ? scopes : CATALOG_SCOPES
    if (refresh) {
      await refreshEach(
        ids,
        'sites',
        () => 'sites',
        async (client, id) => {
          store.replaceSites(id, wanted, keepIfEmpty(id, wanted, await fetchSites(client, wanted)))
        }
      )
    }
    return answer(store.sites(ids, scopes?.length ? scopes : undefined), ids, () => ['sites'])
  }

  const pages = async ({ portalIds, refresh, siteId }: PagesQuery): Promise<Cached<PageRow>> => {
    const ids = targets(portalIds)
    const key = () => (siteId ? `pages:${siteId}` : 'pages')
    if (refresh) {
      await refreshEach(ids, 'pages', key, async (client, id) => {
        const scopes = siteId ? [await siteScope(client, id, siteId)] : CATALOG_SCOPES
        store.replacePages(id, siteId, await fetchPages(client, { scopes, siteId }))
      })
    }
    return answer(store.pages(ids, siteId), ids, () => (siteId ? ['pages', `pages:${siteId}`] : ['pages']))
  }

  const folders = async ({ portalIds, refresh, siteId }: FoldersQuery): Promise<Cached<FolderRow>> => {
    const ids = targets(portalIds)
    const key = () => (siteId ? `folders:${siteId}` : 'folders')
    if (refresh) {
      await refreshEach(ids, 'folders', key, async (client, id) => {
        let known = store.sites([id]).map((s) => ({ id: s.id, scope: s.scope }))
        if (siteId) {
          known = [{ id: siteId, scope: await siteScope(client, id, siteId) }]
        } else if (known.length === 0) {
          const fresh = await fetchSites(client)
          store.replaceSites(id, CATALOG_SCOPES, fresh)
          known = fresh.map((s) => ({ id: s.id, scope: s.scope }))
        }
        store.replaceFolders(id, siteId ? [siteId] : undefined, await fetchFolders(client, known))
      })
    }
    return answer(store.folders(ids, siteId), ids, () =>
      siteId ? ['folders', `folders:${siteId}`] : ['folders']
    )
  }

  const documents = async ({ portalIds, refresh }: DocumentsQuery): Promise<Cached<DocumentRow>> => {
    const ids = targets(portalIds)
    if (refresh) {
      await refreshEach(
        ids,
        'documents',
        () => 'documents',
        async (client, id) => {
          store.replaceDocuments(id, await fetchDocuments(client))
        }
      )
    }
    return answer(store.documents(ids), ids, () => ['documents'])
  }

  const publicUrl = async ({ portalId, kind, id, scope }: PreviewTarget): Promise<string | null> => {
    if (!portals.has(portalId)) throw unknownPortal()
    const client = await portals.clientFor(portalId)
    const [method, params] =
      kind === 'site'
        ? ['landing.site.getPublicUrl', { id, scope }]
        : ['landing.landing.getpublicurl', { lid: id, scope }]
    const { result } = await client.call<unknown>(method, params)
    return typeof result === 'string' && result !== '' ? result : null
  }

  const document = async (portalId: string, id: number): Promise<DocumentRow> => {
    if (!portals.has(portalId)) throw unknownPortal()
    const client = await portals.clientFor(portalId)
    const row = await fetchDocument(client, id)
    if (!row) {
      throw new AppError('DOCUMENT_NOT_FOUND', localize(messages.documentNotFound), { category: 'permanent' })
    }
    store.upsertDocument(row)
    return row
  }

  // The portal's UTC offset, from server.time (ISO 8601 with the portal's offset), per portal and process.
  const offsets = new Map<string, number>()
  const utcOffset = async (portalId: string): Promise<number | null> => {
    if (!portals.has(portalId)) throw unknownPortal()
    const known = offsets.get(portalId)
    if (known !== undefined) return known
    const client = await portals.clientFor(portalId)
    const { result } = await client.call<unknown>('server.time', {})
    const m = typeof result === 'string' ? /(?:([+-])(\d{2}):?(\d{2})|Z)$/.exec(result) : null
    if (!m) return null
    const minutes = m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0
    offsets.set(portalId, minutes)
    return minutes
  }

  const methods = {
    sites,
    pages,
    folders,
    documents,
    document,
    publicUrl,
    utcOffset,
    forget: (portalId: string) => store.forget(portalId)
  }
  return { ...methods, handlers: catalogHandlers(methods) }
}

/**
 * Listings another process fetched (the command line's `sites`, `pages`, ...) and what its outbox
 * read back land in the shared cache; `check()`, called when another connection committed, tells
 * the window which areas to reload, once each.
 */
export const createCatalogSyncWatcher = (deps: { db: Database; events: AppEvents }) => {
  const key = (portalId: string, syncKey: string) => `${portalId}\u0000${syncKey}`
  const syncs = createSyncStore(deps.db)
  const last = new Map(syncs.syncMarks().map((r) => [key(r.portalId, r.what), r.syncedAt]))
  // What this process wrote it has announced already (a sync, one site's listing, a read-back):
  // remember every key of that area, so `check()` names only others' work.
  const unsubscribe = deps.events.subscribe((channel, payload) => {
    if (channel !== 'catalog:updated') return
    const { portalId, area } = payload
    for (const r of syncs.syncMarks(portalId))
      if (areaOfSyncKey(r.what) === area) last.set(key(r.portalId, r.what), r.syncedAt)
  })
  return {
    dispose: unsubscribe,
    check(): void {
      const announce = new Map<string, { portalId: string; area: CatalogArea }>()
      for (const r of syncs.syncMarks()) {
        const k = key(r.portalId, r.what)
        if (r.syncedAt === null || last.get(k) === r.syncedAt) continue
        last.set(k, r.syncedAt)
        const area = areaOfSyncKey(r.what)
        if (area) announce.set(key(r.portalId, area), { portalId: r.portalId, area })
      }
      for (const e of announce.values()) deps.events.emit('catalog:updated', e)
    }
  }
}
