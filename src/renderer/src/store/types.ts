import type { AppInfo } from '../../../shared/ipc/contract'
import type {
  Cached,
  CatalogArea,
  DocumentRow,
  FolderRow,
  LandingScope,
  PageRow,
  SiteRow
} from '../../../shared/domain/catalog'
import type { Action, OutboxView } from '../../../shared/domain/outbox'
import type { PortalHealth, PortalSummary } from '../../../shared/domain/portal'
import type { SnapshotSummary } from '../../../shared/domain/snapshot'

/**
 * The shape of the renderer's store, slice by slice. The slices (`*-slice.ts`) and the store
 * (`index.ts`) both import from here and never from each other, so no module waits on another.
 */

export type { CatalogArea } from '../../../shared/domain/catalog'

export interface AppSlice {
  info: AppInfo | null
  infoError: string | null
  online: boolean | null
  setInfo(info: AppInfo): void
  setInfoError(message: string): void
  setOnline(online: boolean): void
}

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

export type CatalogState = { [K in CatalogArea]: CatalogEntry<CatalogRowTypes[K]> }

/** A site or page whose public address can be asked for on demand. */
export interface LinkTarget {
  portalId: string
  kind: 'site' | 'page'
  id: number
  scope: LandingScope
  /** What the list row already says (sites carry it); null or absent means ask the portal. */
  publicUrl?: string | null
}

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
  /** Loads started per area, so a newer answer is never overwritten by an older, slower one. */
  catalogGeneration: Record<CatalogArea, number>
  /** Requests for public addresses in flight, so two clicks on one row ask the portal once. */
  publicUrlRequests: Record<string, Promise<string | null>>
  /** The target's public address: from its row, the answers so far, or the portal (once at a time). */
  resolvePublicUrl(target: LinkTarget): Promise<string | null>
  loadCatalog(kind: CatalogArea, opts?: { refresh?: boolean }): Promise<void>
  setCatalog<K extends CatalogArea>(kind: K, data: Cached<CatalogRowTypes[K]>): void
  /**
   * Reads again from main's cache the rows of some portals (what `catalog:updated` named), keeping
   * the other portals' rows as they are: a read-back on one portal does not move every portal's
   * 20,000 pages across IPC.
   */
  reloadPortals(kind: CatalogArea, portalIds: string[]): Promise<void>
  loadDocument(portalId: string, id: number): Promise<void>
}

/** An operation of a job that is not over yet, as a table row may mention it. */
export interface Unsettled {
  action: Action
  /** Sent to the portal and waiting for its answer and the read-back; otherwise still queued. */
  sending: boolean
}

export interface OutboxSlice {
  outbox: OutboxView
  outboxLoaded: boolean
  setOutbox(view: OutboxView): void
  /**
   * Targets with an operation still queued or being sent, by `targetKey`. Rows say so next to the
   * state the portal reported; they never show the intended state before the portal confirms it.
   */
  unsettled: Record<string, Unsettled>
  setUnsettled(unsettled: Record<string, Unsettled>): void
}

export interface PortalsSlice {
  portals: PortalSummary[]
  portalsLoaded: boolean
  /** Portals the views show; null means "all", so portals added later appear without a click. */
  portalFilter: string[] | null
  tagFilter: string[]
  setPortals(portals: PortalSummary[]): void
  setPortalHealth(portalId: string, health: PortalHealth): void
  togglePortalFilter(portalId: string): void
  showOnlyPortal(portalId: string | null): void
  toggleTag(tag: string): void
}

export type SelectableKind = 'sites' | 'pages' | 'documents'

export interface SelectionSlice {
  selection: Record<SelectableKind, Set<string>>
  /** Where a shift-click range starts: the last row clicked without shift. */
  anchor: Record<SelectableKind, string | null>
  toggleSelected(kind: SelectableKind, key: string): void
  /** Selects every key between the anchor and `key` in the order the table shows them. */
  selectRange(kind: SelectableKind, orderedKeys: readonly string[], key: string): void
  setSelected(kind: SelectableKind, keys: Iterable<string>, selected: boolean): void
  clearSelection(kind: SelectableKind): void
}

export interface SnapshotsSlice {
  snapshots: SnapshotSummary[]
  snapshotsLoaded: boolean
  snapshotsError: string | null
  setSnapshots(snapshots: SnapshotSummary[]): void
  loadSnapshots(): Promise<void>
}

/** A portal's open maintenance window, as the sidebar marks it. */
export interface PortalMaintenance {
  snapshotId: number
  name: string
  /** The scheduled end (ISO 8601 with offset), null when it ends by hand. */
  until: string | null
  /** Sites of this portal taken offline; null when the whole portal was. */
  siteIds: number[] | null
}

export type View = 'sites' | 'pages' | 'documents' | 'previews' | 'snapshots'

import type { SiteRef } from '../../../shared/domain/catalog'
export type { SiteRef }

export type Dialog =
  | { kind: 'add-portal' }
  | { kind: 'edit-portal'; portalId: string }
  | { kind: 'remove-portal'; portalId: string }
  | null

export interface PreviewTarget {
  portalId: string
  kind: 'site' | 'page'
  id: number
  scope: LandingScope
  title: string
  publicUrl: string | null
}

export interface ViewFilters {
  sites: { text: string; portal: string; type: string; state: 'all' | 'published' | 'unpublished' }
  pages: { text: string; portal: string; state: 'all' | 'published' | 'unpublished' }
  documents: { text: string; portal: string; link: 'all' | 'on' | 'off' }
}

export interface UiSlice {
  /** Filters live in the store so switching views and back keeps them. */
  filters: ViewFilters
  setFilter<V extends keyof ViewFilters>(view: V, patch: Partial<ViewFilters[V]>): void
  view: View
  /** The site drilled into from the sites table; the pages view then shows its folders and pages. */
  site: SiteRef | null
  folderId: number | 'root' | null
  outboxOpen: boolean
  /** The preview shown full size, from the gallery or Enter on a page. */
  preview: PreviewTarget | null
  dialog: Dialog
  language: 'en' | 'ru'
  /** A short message announced politely (queued, copied, failed); replaced by the next one. */
  notice: { text: string; tone: 'info' | 'error'; id: number } | null
  setView(view: View): void
  openSite(site: SiteRef | null): void
  setFolder(folderId: number | 'root' | null): void
  setOutboxOpen(open: boolean): void
  openPreview(preview: PreviewTarget | null): void
  setDialog(dialog: Dialog): void
  setLanguage(language: 'en' | 'ru'): void
  notify(text: string, tone?: 'info' | 'error'): void
  dismissNotice(): void
}

export type RootState = AppSlice &
  PortalsSlice &
  CatalogSlice &
  SelectionSlice &
  OutboxSlice &
  UiSlice &
  SnapshotsSlice
