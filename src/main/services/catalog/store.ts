import type {
  CatalogArea,
  DocumentRow,
  FolderRow,
  LandingScope,
  PageRow,
  SiteRow,
  SiteType
} from '../../../shared/domain/catalog'
import type { TargetKind } from '../../../shared/domain/outbox'
import { migrate, transaction, type Database } from '../db/database'
import { decideDayOrder, readPortalDate, type DayOrder } from './dates'
import { CATALOG_MIGRATIONS } from './schema'

export interface SyncInfo {
  syncedAt: number | null
  error: { code: string; message: string } | null
}

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

type SqlValue = string | number | null

/** catalog_sync keys of read-backs: `readback:pages` and so on. */
export const READ_BACK = 'readback:'

/** The area a catalog_sync key is about: `pages`, `pages:12` and `readback:pages` are all pages. */
export const areaOfSyncKey = (syncKey: string): CatalogArea | null => {
  const area = syncKey.replace(READ_BACK, '').split(':')[0]
  return area === 'sites' || area === 'pages' || area === 'folders' || area === 'documents' ? area : null
}

const b = (v: boolean) => (v ? 1 : 0)
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ')

/** SQLite caps bound parameters; long id lists go in slices. */
const slices = <T>(items: readonly T[], size = 400): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

const SITE_COLUMNS = [
  'portal_id',
  'id',
  'scope',
  'title',
  'type',
  'code',
  'published',
  'public_url',
  'modified_at'
]
const PAGE_COLUMNS = [
  'portal_id',
  'id',
  'site_id',
  'folder_id',
  'scope',
  'title',
  'code',
  'published',
  'public_url',
  'modified_at',
  'edited'
]
const FOLDER_COLUMNS = ['portal_id', 'id', 'site_id', 'parent_id', 'scope', 'title', 'published']
const DOCUMENT_COLUMNS = [
  'portal_id',
  'id',
  'title',
  'number',
  'entity_type_id',
  'entity_id',
  'created_at',
  'public_url_known',
  'public_url'
]

const siteValues = (portalId: string, r: SiteRow): SqlValue[] => [
  portalId,
  r.id,
  r.scope,
  r.title,
  r.type,
  r.code,
  b(r.published),
  r.publicUrl,
  r.modifiedAt
]
const pageValues = (portalId: string, r: PageRow): SqlValue[] => [
  portalId,
  r.id,
  r.siteId,
  r.folderId,
  r.scope,
  r.title,
  r.code,
  b(r.published),
  r.publicUrl,
  r.modifiedAt,
  r.edited === undefined ? null : b(r.edited)
]
const folderValues = (portalId: string, r: FolderRow): SqlValue[] => [
  portalId,
  r.id,
  r.siteId,
  r.parentId,
  r.scope,
  r.title,
  b(r.published)
]

/**
 * An upsert that touches a row only when something in it differs, so `changes` says whether the
 * cache changed and an unchanged read-back announces nothing.
 */
const upsertSql = (table: string, columns: readonly string[]): string => {
  const rest = columns.filter((c) => c !== 'portal_id' && c !== 'id')
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})
    ON CONFLICT (portal_id, id) DO UPDATE SET ${rest.map((c) => `${c} = excluded.${c}`).join(', ')}
    WHERE ${rest.map((c) => `${table}.${c} IS NOT excluded.${c}`).join(' OR ')}`
}

/** Cached listings in SQLite; each replacement is one short write transaction per portal. */
export const createCatalogStore = (db: Database) => {
  migrate(db, 'catalog', CATALOG_MIGRATIONS)

  const orderOf = db.prepare('SELECT day_order FROM catalog_date_order WHERE portal_id = ?')
  const saveOrder = db.prepare(
    `INSERT INTO catalog_date_order (portal_id, day_order, decided_at) VALUES (?, ?, ?)
     ON CONFLICT (portal_id) DO UPDATE SET day_order = excluded.day_order, decided_at = excluded.decided_at`
  )
  const dayOrder = (portalId: string): DayOrder | null =>
    (orderOf.get(portalId) as { day_order: DayOrder } | undefined)?.day_order ?? null

  /**
   * The portal's dates just written say which order it writes day and month in: remember it. New
   * evidence replaces an older decision (an administrator changed the regional format); dates
   * that tell nothing keep it.
   */
  const observeDates = (portalId: string, raws: ReadonlyArray<string | null>) => {
    const order = decideDayOrder(raws)
    if (order && order !== dayOrder(portalId)) saveOrder.run(portalId, order, Date.now())
  }

  /** Deletes what `where` selects and inserts `rows` in one transaction. */
  const replace = <T>(
    table: string,
    where: { sql: string; args: SqlValue[] },
    columns: string[],
    rows: readonly T[],
    values: (row: T) => SqlValue[],
    after?: () => void
  ) => {
    transaction(db, () => {
      db.prepare(`DELETE FROM ${table} WHERE ${where.sql}`).run(...where.args)
      const insert = db.prepare(
        `INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})`
      )
      for (const r of rows) insert.run(...values(r))
      after?.()
    })
  }

  const inPortals = (portalIds: string[]) => ({
    sql: `portal_id IN (${placeholders(portalIds.length)})`,
    args: portalIds
  })

  /** Each portal's day order, for reading the dates of rows from several portals. */
  const ordersOf = (portalIds: string[]): Map<string, DayOrder | null> =>
    new Map(portalIds.map((p) => [p, dayOrder(p)]))

  const dated = <T extends { modifiedAt: string | null; modifiedAtAmbiguous?: boolean }>(
    row: T,
    raw: SqlValue,
    order: DayOrder | null
  ): T => {
    const date = readPortalDate(raw, order)
    row.modifiedAt = date.value
    if (date.ambiguous) row.modifiedAtAmbiguous = true
    return row
  }

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
    dayOrder,

    /** Where cached pages and folders live (site, folder), by id; a read-back's starting point. */
    placesOf(
      portalId: string,
      ids: { pages: readonly number[]; folders: readonly number[] }
    ): {
      pages: Map<number, { siteId: number; folderId: number | null }>
      folders: Map<number, { siteId: number }>
    } {
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

    replaceSites(portalId: string, scopes: LandingScope[], rows: SiteRow[]) {
      replace(
        'catalog_sites',
        { sql: `portal_id = ? AND scope IN (${placeholders(scopes.length)})`, args: [portalId, ...scopes] },
        SITE_COLUMNS,
        rows,
        (r) => siteValues(portalId, r),
        () =>
          observeDates(
            portalId,
            rows.map((r) => r.modifiedAt)
          )
      )
    },
    replacePages(portalId: string, siteId: number | undefined, rows: PageRow[]) {
      replace(
        'catalog_pages',
        siteId
          ? { sql: 'portal_id = ? AND site_id = ?', args: [portalId, siteId] }
          : { sql: 'portal_id = ?', args: [portalId] },
        PAGE_COLUMNS,
        rows,
        (r) => pageValues(portalId, r),
        () =>
          observeDates(
            portalId,
            rows.map((r) => r.modifiedAt)
          )
      )
    },
    replaceFolders(portalId: string, siteIds: number[] | undefined, rows: FolderRow[]) {
      replace(
        'catalog_folders',
        siteIds
          ? {
              sql: `portal_id = ? AND site_id IN (${placeholders(siteIds.length)})`,
              args: [portalId, ...siteIds]
            }
          : { sql: 'portal_id = ?', args: [portalId] },
        FOLDER_COLUMNS,
        rows,
        (r) => folderValues(portalId, r)
      )
    },
    replaceDocuments(portalId: string, rows: DocumentRow[]) {
      // Public links are only known from single reads; keep them across list refreshes.
      const knownUrls = new Map(
        (
          db
            .prepare(
              'SELECT id, public_url FROM catalog_documents WHERE portal_id = ? AND public_url_known = 1'
            )
            .all(portalId) as Array<{ id: number; public_url: string | null }>
        ).map((r) => [r.id, r.public_url])
      )
      replace(
        'catalog_documents',
        { sql: 'portal_id = ?', args: [portalId] },
        DOCUMENT_COLUMNS,
        rows,
        (r) => {
          const url = r.publicUrl !== undefined ? r.publicUrl : knownUrls.get(r.id)
          const isKnown = r.publicUrl !== undefined || knownUrls.has(r.id)
          return [
            portalId,
            r.id,
            r.title,
            r.number,
            r.entityTypeId,
            r.entityId,
            r.createdAt,
            b(isKnown),
            url ?? null
          ]
        }
      )
    },
    upsertDocument(r: DocumentRow) {
      transaction(db, () => {
        db.prepare(
          `INSERT OR REPLACE INTO catalog_documents (${DOCUMENT_COLUMNS.join(', ')}) VALUES (${placeholders(DOCUMENT_COLUMNS.length)})`
        ).run(
          r.portalId,
          r.id,
          r.title,
          r.number,
          r.entityTypeId,
          r.entityId,
          r.createdAt,
          b(r.publicUrl !== undefined),
          r.publicUrl ?? null
        )
      })
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
    },

    sites(portalIds: string[], scopes?: LandingScope[]): SiteRow[] {
      if (portalIds.length === 0) return []
      const w = inPortals(portalIds)
      const orders = ordersOf(portalIds)
      const scopeSql = scopes?.length ? ` AND scope IN (${placeholders(scopes.length)})` : ''
      const rows = db
        .prepare(`SELECT * FROM catalog_sites WHERE ${w.sql}${scopeSql} ORDER BY portal_id, id`)
        .all(...w.args, ...(scopes ?? [])) as Array<Record<string, SqlValue>>
      return rows.map((r) =>
        dated<SiteRow>(
          {
            portalId: String(r.portal_id),
            id: Number(r.id),
            title: String(r.title),
            type: String(r.type) as SiteType,
            scope: String(r.scope) as LandingScope,
            code: String(r.code),
            published: r.published === 1,
            publicUrl: (r.public_url as string | null) ?? null,
            modifiedAt: null
          },
          r.modified_at,
          orders.get(String(r.portal_id)) ?? null
        )
      )
    },
    /** Pages with their site's state: a page is live only when it and its site are active (docs/bitrix24.md#site-publication). */
    pages(portalIds: string[], siteId?: number): PageRow[] {
      if (portalIds.length === 0) return []
      const orders = ordersOf(portalIds)
      const rows = db
        .prepare(
          `SELECT p.*, s.published AS site_published FROM catalog_pages p
           LEFT JOIN catalog_sites s ON s.portal_id = p.portal_id AND s.id = p.site_id
           WHERE p.portal_id IN (${placeholders(portalIds.length)})${siteId ? ' AND p.site_id = ?' : ''}
           ORDER BY p.portal_id, p.id`
        )
        .all(...portalIds, ...(siteId ? [siteId] : [])) as Array<Record<string, SqlValue>>
      return rows.map((r) =>
        dated<PageRow>(
          {
            portalId: String(r.portal_id),
            siteId: Number(r.site_id),
            folderId: r.folder_id === null ? null : Number(r.folder_id),
            id: Number(r.id),
            title: String(r.title),
            code: String(r.code),
            published: r.published === 1,
            publicUrl: (r.public_url as string | null) ?? null,
            modifiedAt: null,
            scope: String(r.scope) as LandingScope,
            siteActive: r.site_published === null ? null : r.site_published === 1,
            ...(r.edited === null || r.edited === undefined ? {} : { edited: r.edited === 1 })
          },
          r.modified_at,
          orders.get(String(r.portal_id)) ?? null
        )
      )
    },
    folders(portalIds: string[], siteId?: number): FolderRow[] {
      if (portalIds.length === 0) return []
      const w = inPortals(portalIds)
      const rows = db
        .prepare(
          `SELECT * FROM catalog_folders WHERE ${w.sql}${siteId ? ' AND site_id = ?' : ''} ORDER BY portal_id, id`
        )
        .all(...w.args, ...(siteId ? [siteId] : [])) as Array<Record<string, SqlValue>>
      return rows.map((r) => ({
        portalId: String(r.portal_id),
        siteId: Number(r.site_id),
        id: Number(r.id),
        parentId: r.parent_id === null ? null : Number(r.parent_id),
        title: String(r.title),
        published: r.published === 1,
        scope: String(r.scope) as LandingScope
      }))
    },
    documents(portalIds: string[]): DocumentRow[] {
      if (portalIds.length === 0) return []
      const w = inPortals(portalIds)
      const rows = db
        .prepare(`SELECT * FROM catalog_documents WHERE ${w.sql} ORDER BY portal_id, id`)
        .all(...w.args) as Array<Record<string, SqlValue>>
      return rows.map((r) => {
        const d: DocumentRow = {
          portalId: String(r.portal_id),
          id: Number(r.id),
          title: String(r.title),
          number: String(r.number),
          entityTypeId: r.entity_type_id === null ? null : Number(r.entity_type_id),
          entityId: r.entity_id === null ? null : Number(r.entity_id),
          createdAt: (r.created_at as string | null) ?? null
        }
        if (r.public_url_known === 1) d.publicUrl = (r.public_url as string | null) ?? null
        return d
      })
    },
    document(portalId: string, id: number): DocumentRow | undefined {
      return this.documents([portalId]).find((d) => d.id === id)
    },

    sync(portalId: string, what: string): SyncInfo {
      const r = db
        .prepare('SELECT * FROM catalog_sync WHERE portal_id = ? AND what = ?')
        .get(portalId, what) as
        { synced_at: number | null; error_code: string | null; error_message: string | null } | undefined
      return {
        syncedAt: r?.synced_at ?? null,
        error: r?.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null
      }
    },
    markSynced(portalId: string, what: string, at: number) {
      db.prepare(
        `INSERT INTO catalog_sync (portal_id, what, synced_at) VALUES (?, ?, ?)
         ON CONFLICT (portal_id, what) DO UPDATE SET synced_at = excluded.synced_at, error_code = NULL, error_message = NULL, error_at = NULL`
      ).run(portalId, what, at)
    },
    /**
     * A read-back wrote rows of these areas. Recorded next to the syncs so a window in another
     * process (the command line drained the outbox) reloads them; not a sync, so listings' ages stay.
     */
    markReadBack(portalId: string, areas: Iterable<CatalogArea>, at: number) {
      const stmt = db.prepare(
        `INSERT INTO catalog_sync (portal_id, what, synced_at) VALUES (?, ?, ?)
         ON CONFLICT (portal_id, what) DO UPDATE SET synced_at = excluded.synced_at`
      )
      for (const area of areas) stmt.run(portalId, `${READ_BACK}${area}`, at)
    },
    markFailed(portalId: string, what: string, error: { code: string; message: string }, at: number) {
      db.prepare(
        `INSERT INTO catalog_sync (portal_id, what, error_code, error_message, error_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (portal_id, what) DO UPDATE SET error_code = excluded.error_code, error_message = excluded.error_message, error_at = excluded.error_at`
      ).run(portalId, what, error.code, error.message, at)
    },
    forget(portalId: string) {
      transaction(db, () => {
        for (const t of [
          'catalog_sites',
          'catalog_pages',
          'catalog_folders',
          'catalog_documents',
          'catalog_sync',
          'catalog_date_order'
        ]) {
          db.prepare(`DELETE FROM ${t} WHERE portal_id = ?`).run(portalId)
        }
      })
    }
  }
}

export type CatalogStore = ReturnType<typeof createCatalogStore>
