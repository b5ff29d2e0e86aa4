import type { CatalogHandlers, CatalogService } from './types'

/** The catalog channels as thin adapters over the service's methods; the contract checked the input. */
export const catalogHandlers = (catalog: Omit<CatalogService, 'handlers' | 'forget'>): CatalogHandlers => ({
  'catalog:sites': (query) => catalog.sites(query),
  'catalog:pages': (query) => catalog.pages(query),
  'catalog:folders': (query) => catalog.folders(query),
  'catalog:documents': (query) => catalog.documents(query),
  'catalog:document': ({ portalId, id }) => catalog.document(portalId, id),
  'catalog:publicUrl': (target) => catalog.publicUrl(target)
})
