// The catalog's cache in SQLite: listings per portal, composed with the read-back's and the syncs' parts.
import type {
  DocumentRow,
  FolderRow,
  LandingScope,
  PageRow,
  SiteRow,
  SiteType
} from '../../../shared/domain/catalog'
import { migrate, transaction, type Database } from '../db/database'
import { decideDayOrder, readPortalDate, type DayOrder } from './dates'
import { createReadBackStore } from './readback-store'
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
  type SqlValue
} from './rows'
import { CATALOG_MIGRATIONS } from './schema'
import { createSyncStore } from './sync-store'

export { createReadBackStore, type Places, type ReadBack, type StateChange } from './readback-store'
export { READ_BACK, areaOfSyncKey, type SyncInfo, type SyncMark } from './sync-store'

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

  const readBack = createReadBackStore(db, observeDates)
  const syncs = createSyncStore(db)

  const documents = (portalIds: string[]): DocumentRow[] => {
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
  }

  return {
    dayOrder,
    ...readBack,
    ...syncs,

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
    documents,
    document(portalId: string, id: number): DocumentRow | undefined {
      return documents([portalId]).find((d) => d.id === id)
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
