// The catalog's writes from a read-back: where cached pages and folders live, and what the portal reported of them.
import type {
  CatalogArea,
  DocumentRow,
  FolderRow,
  LandingScope,
  PageRow,
  SiteRow
} from '../../../shared/domain/catalog'
import type { TargetKind } from '../../../shared/domain/outbox'
import { transaction, type Database } from '../db/database'
import {
  DOCUMENT_COLUMNS,
  FOLDER_COLUMNS,
  PAGE_COLUMNS,
  SITE_COLUMNS,
  b,
  folderValues,
  pageValues,
  placeholders,
  siteValues,
  slices,
  upsertSql
} from './rows'

/**
 * What the outbox read back from one portal after a change. Rows are written as read (rows the
 * cache did not hold are added); `modifiedAt` is the date as the portal wrote it.
 */
export interface ReadBack {
  sites: readonly SiteRow[]
  pages: readonly PageRow[]
  folders: readonly FolderRow[]
  documents: readonly DocumentRow[]
  /** Sites whose every page was read: a cached page of theirs that was not read is gone from the portal. */
  allPagesOf: readonly number[]
  /** Sites whose every folder was read (getFolders), likewise. */
  allFoldersOf: readonly number[]
}

/** One object's published state (a document: its public link is on) before and after a read-back. */
export interface StateChange {
  kind: TargetKind
  id: number
  title: string
  scope: LandingScope
  /** null: the cache did not hold the object. */
  before: boolean | null
  after: boolean
}

/** Where cached pages and folders live, as a read-back starts from it. */
export interface Places {
  pages: Map<number, { siteId: number; folderId: number | null }>
  folders: Map<number, { siteId: number }>
}

/**
 * The read-back's part of the store; `observeDates` lets the dates just written decide the portal's
 * day order (store.ts).
 */
export const createReadBackStore = (
  db: Database,
  observeDates: (portalId: string, raws: ReadonlyArray<string | null>) => void
) => {
  /** Published state, title and scope of cached rows, by id. */
  const known = (
    table: string,
    portalId: string,
    ids: readonly number[],
    published = 'published'
  ): Map<number, { published: boolean | null; title: string; scope: LandingScope }> => {
    const out = new Map<number, { published: boolean | null; title: string; scope: LandingScope }>()
    for (const part of slices([...new Set(ids)])) {
      const rows = db
        .prepare(
          `SELECT id, ${published} AS published, title, ${table === 'catalog_documents' ? "''" : 'scope'} AS scope
           FROM ${table} WHERE portal_id = ? AND id IN (${placeholders(part.length)})`
        )
        .all(portalId, ...part) as Array<{
        id: number
        published: number | null
        title: string
        scope: string
      }>
      for (const r of rows)
        out.set(r.id, {
          published: r.published === null ? null : r.published === 1,
          title: r.title,
          scope: r.scope as LandingScope
        })
    }
    return out
  }

  return {
    /** Where cached pages and folders live (site, folder), by id; a read-back's starting point. */
    placesOf(portalId: string, ids: { pages: readonly number[]; folders: readonly number[] }): Places {
      const pages = new Map<number, { siteId: number; folderId: number | null }>()
      const folders = new Map<number, { siteId: number }>()
      for (const part of slices([...new Set(ids.pages)])) {
        const rows = db
          .prepare(
            `SELECT id, site_id, folder_id FROM catalog_pages WHERE portal_id = ? AND id IN (${placeholders(part.length)})`
          )
          .all(portalId, ...part) as Array<{ id: number; site_id: number; folder_id: number | null }>
        for (const r of rows) pages.set(r.id, { siteId: r.site_id, folderId: r.folder_id })
      }
      for (const part of slices([...new Set(ids.folders)])) {
        const rows = db
          .prepare(
            `SELECT id, site_id FROM catalog_folders WHERE portal_id = ? AND id IN (${placeholders(part.length)})`
          )
          .all(portalId, ...part) as Array<{ id: number; site_id: number }>
        for (const r of rows) folders.set(r.id, { siteId: r.site_id })
      }
      return { pages, folders }
    },

    /**
     * Writes what the outbox read back, in one transaction: the cache says what the portal said,
     * nothing derived. Answers the areas whose rows changed and every object whose published state
     * differs from what the cache held (or that the cache did not hold).
     */
    applyReadBack(portalId: string, read: ReadBack): { areas: Set<CatalogArea>; changes: StateChange[] } {
      const areas = new Set<CatalogArea>()
      const changes: StateChange[] = []
      const note = (area: CatalogArea, result: { changes: number | bigint }) => {
        if (Number(result.changes) > 0) areas.add(area)
      }
      const compare = (
        kind: TargetKind,
        before: ReturnType<typeof known>,
        rows: ReadonlyArray<{ id: number; title: string; scope: LandingScope; published: boolean }>
      ) => {
        for (const r of rows) {
          const was = before.get(r.id)?.published ?? null
          if (was !== r.published)
            changes.push({ kind, id: r.id, title: r.title, scope: r.scope, before: was, after: r.published })
        }
      }
      transaction(db, () => {
        compare(
          'site',
          known(
            'catalog_sites',
            portalId,
            read.sites.map((r) => r.id)
          ),
          read.sites
        )
        compare(
          'page',
          known(
            'catalog_pages',
            portalId,
            read.pages.map((r) => r.id)
          ),
          read.pages
        )
        compare(
          'folder',
          known(
            'catalog_folders',
            portalId,
            read.folders.map((r) => r.id)
          ),
          read.folders
        )
        compare(
          'document',
          known(
            'catalog_documents',
            portalId,
            read.documents.map((d) => d.id),
            'CASE WHEN public_url_known = 1 THEN public_url IS NOT NULL END'
          ),
          read.documents.map((d) => ({ id: d.id, title: d.title, scope: '', published: !!d.publicUrl }))
        )

        const site = db.prepare(upsertSql('catalog_sites', SITE_COLUMNS))
        for (const r of read.sites) note('sites', site.run(...siteValues(portalId, r)))
        const page = db.prepare(upsertSql('catalog_pages', PAGE_COLUMNS))
        for (const r of read.pages) note('pages', page.run(...pageValues(portalId, r)))
        const folder = db.prepare(upsertSql('catalog_folders', FOLDER_COLUMNS))
        for (const r of read.folders) note('folders', folder.run(...folderValues(portalId, r)))
        const document = db.prepare(upsertSql('catalog_documents', DOCUMENT_COLUMNS))
        for (const d of read.documents) {
          note(
            'documents',
            document.run(
              portalId,
              d.id,
              d.title,
              d.number,
              d.entityTypeId,
              d.entityId,
              d.createdAt,
              b(d.publicUrl !== undefined),
              d.publicUrl ?? null
            )
          )
        }

        const gone = (table: string, siteIds: readonly number[], ids: Set<number>, area: CatalogArea) => {
          const del = db.prepare(`DELETE FROM ${table} WHERE portal_id = ? AND site_id = ? AND id = ?`)
          for (const siteId of new Set(siteIds)) {
            const cached = db
              .prepare(`SELECT id FROM ${table} WHERE portal_id = ? AND site_id = ?`)
              .all(portalId, siteId) as Array<{ id: number }>
            for (const { id } of cached) if (!ids.has(id)) note(area, del.run(portalId, siteId, id))
          }
        }
        gone('catalog_pages', read.allPagesOf, new Set(read.pages.map((r) => r.id)), 'pages')
        gone('catalog_folders', read.allFoldersOf, new Set(read.folders.map((r) => r.id)), 'folders')
        observeDates(
          portalId,
          [...read.sites, ...read.pages].map((r) => r.modifiedAt)
        )
      })
      return { areas, changes }
    }
  }
}
