import type {
  Cached,
  DocumentRow,
  FolderRow,
  PageRow,
  PreviewTarget,
  SiteRow
} from '../../../shared/domain/catalog'
import type { ParsedInput } from '../../../shared/ipc/contract'
import type { Handlers } from '../../../shared/ipc/handlers'
import type { PortalClient } from '../bitrix/types'
import type { Database } from '../db/database'
import type { AppEvents } from '../events'

export type CatalogHandlers = Pick<
  Handlers,
  | 'catalog:sites'
  | 'catalog:pages'
  | 'catalog:folders'
  | 'catalog:documents'
  | 'catalog:document'
  | 'catalog:publicUrl'
>

/** What a listing is asked for with, as the contract parsed it: which portals, fresh or cached. */
export type SitesQuery = ParsedInput<'catalog:sites'>
export type PagesQuery = ParsedInput<'catalog:pages'>
export type FoldersQuery = ParsedInput<'catalog:folders'>
export type DocumentsQuery = ParsedInput<'catalog:documents'>

/** What the catalog needs from the portals service. */
export interface CatalogPortals {
  ids(): string[]
  has(portalId: string): boolean
  /** A client whose answers already go to the portal's health (portals/reporting-client.ts). */
  clientFor(portalId: string): Promise<PortalClient>
  markSynced(portalId: string, at: number): void
}

export interface CatalogDeps {
  db: Database
  events: AppEvents
  now: () => number
  portals: CatalogPortals
}

export interface CatalogService {
  /** The catalog channels, adapted from the methods below (catalog/handlers.ts). */
  handlers: CatalogHandlers
  /** Sites of the portals asked for (all by default), in every landing scope unless `scopes`. */
  sites(query: SitesQuery): Promise<Cached<SiteRow>>
  /** Pages of the portals, or of one site (`siteId`). */
  pages(query: PagesQuery): Promise<Cached<PageRow>>
  folders(query: FoldersQuery): Promise<Cached<FolderRow>>
  documents(query: DocumentsQuery): Promise<Cached<DocumentRow>>
  /** One CRM document read from the portal now, with its public link; the cache keeps it. */
  document(portalId: string, id: number): Promise<DocumentRow>
  /** A site's or page's public URL, asked on demand (listing them all is slow on a real portal). */
  publicUrl(target: PreviewTarget): Promise<string | null>
  /**
   * The portal's offset from UTC in minutes (its `server.time`), to read the local times it writes
   * (landing `DATE_MODIFY`); asked once per process and portal, null when the answer has none.
   */
  utcOffset(portalId: string): Promise<number | null>
  /** Drops everything cached of a portal (it was removed). */
  forget(portalId: string): void
}
