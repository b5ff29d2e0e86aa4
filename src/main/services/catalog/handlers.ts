import type { PageRow } from '../../../shared/domain/catalog'
import { AppError } from '../errors'
import type { CatalogHandlers, CatalogService } from './types'

/** How long an opened pages listing waits for its next window to be read. */
const WINDOW_TTL_MS = 5 * 60_000
/** Opened listings kept at most (a window reads several at once while portals sync; a reload may leave one behind). */
const MAX_WINDOWS = 64

/** The catalog channels as thin adapters over the service's methods; the contract checked the input. */
export const catalogHandlers = (
  catalog: Omit<CatalogService, 'handlers' | 'forget'>,
  now: () => number = Date.now
): CatalogHandlers => {
  const windows = new Map<number, { rows: PageRow[]; at: number }>()
  let nextToken = 1
  return {
    'catalog:sites': (query) => catalog.sites(query),
    'catalog:pages': (query) => catalog.pages(query),
    'catalog:pagesOpen': async (query) => {
      const { rows, syncedAt, stale } = await catalog.pages(query)
      const at = now()
      for (const [token, w] of windows) if (at - w.at > WINDOW_TTL_MS) windows.delete(token)
      if (rows.length === 0) return { token: 0, total: 0, syncedAt, stale }
      // Oldest first in a Map: drop the oldest when full.
      if (windows.size >= MAX_WINDOWS) windows.delete(windows.keys().next().value!)
      const token = nextToken++
      windows.set(token, { rows, at })
      return { token, total: rows.length, syncedAt, stale }
    },
    'catalog:pagesRead': ({ token, offset, limit }) => {
      const w = windows.get(token)
      if (!w) throw new AppError('CATALOG_WINDOW_GONE', 'The pages listing is no longer kept; read it again.')
      w.at = now()
      if (offset + limit >= w.rows.length) windows.delete(token)
      return Promise.resolve({ json: JSON.stringify(w.rows.slice(offset, offset + limit)) })
    },
    'catalog:folders': (query) => catalog.folders(query),
    'catalog:documents': (query) => catalog.documents(query),
    'catalog:document': ({ portalId, id }) => catalog.document(portalId, id),
    'catalog:publicUrl': (target) => catalog.publicUrl(target)
  }
}
