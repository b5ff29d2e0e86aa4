import type { LandingScope } from '../../../shared/domain/catalog'
import type { SnapshotKind } from '../../../shared/domain/snapshot'

/**
 * What one portal has live, as its listings tell: the published flag (ACTIVE) of every site, folder
 * and page, and whether each CRM document's public link is on. Flags, not reachability: a page is
 * reachable only when it and its site are active, but putting a portal back means putting back each
 * object's own flag.
 */
export interface PortalState {
  portalId: string
  sites: SiteState[]
  folders: FolderState[]
  pages: PageState[]
  /** null: documents were not recorded (chosen sites only, or the portal lets us not read them). */
  documents: DocumentState[] | null
}

export interface SiteState {
  id: number
  title: string
  scope: LandingScope
  live: boolean
}

export interface FolderState {
  id: number
  siteId: number
  parentId: number | null
  title: string
  scope: LandingScope
  live: boolean
}

export interface PageState {
  id: number
  siteId: number
  folderId: number | null
  title: string
  scope: LandingScope
  live: boolean
  /** PUBLIC=N: edited since its publication, the edits waiting (absent: not known, as in older snapshots). */
  edited?: boolean
}

export interface DocumentState {
  id: number
  title: string
  live: boolean
}

/** One object of a portal state, whatever its kind. */
export interface StateObject {
  kind: SnapshotKind
  id: number
  title: string
  scope: LandingScope
  siteId: number | null
  live: boolean
}

export const objectKey = (kind: SnapshotKind, id: number): string => `${kind}:${id}`

/** Every object of a state, sites first, then folders, pages and documents. */
export const objectsOf = (s: PortalState): StateObject[] => [
  ...s.sites.map((x) => ({
    kind: 'site' as const,
    id: x.id,
    title: x.title,
    scope: x.scope,
    siteId: null,
    live: x.live
  })),
  ...s.folders.map((x) => ({ kind: 'folder' as const, ...x, siteId: x.siteId })),
  ...s.pages.map((x) => ({
    kind: 'page' as const,
    id: x.id,
    title: x.title,
    scope: x.scope,
    siteId: x.siteId,
    live: x.live
  })),
  ...(s.documents ?? []).map((x) => ({
    kind: 'document' as const,
    id: x.id,
    title: x.title,
    scope: '' as const,
    siteId: null,
    live: x.live
  }))
]

/**
 * The part of a state that lies inside `siteIds` (null: all of it). Documents belong to no site, so
 * a restore narrowed to sites leaves them out.
 */
export const narrowState = (s: PortalState, siteIds: ReadonlySet<number> | null): PortalState =>
  siteIds === null
    ? s
    : {
        portalId: s.portalId,
        sites: s.sites.filter((x) => siteIds.has(x.id)),
        folders: s.folders.filter((x) => siteIds.has(x.siteId)),
        pages: s.pages.filter((x) => siteIds.has(x.siteId)),
        documents: null
      }
