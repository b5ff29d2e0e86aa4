import type { DocumentRow, FolderRow, LandingScope, PageRow, SiteRow, SiteType } from '../../../shared/domain/catalog'
import { migrate, transaction, type Database } from '../db/database'
import { CATALOG_MIGRATIONS } from './schema'

export type CatalogArea = 'sites' | 'pages' | 'folders' | 'documents'

export interface SyncInfo {
  syncedAt: number | null
  error: { code: string; message: string } | null
}

type SqlValue = string | number | null

const b = (v: boolean) => (v ? 1 : 0)
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ')

/** Cached listings in SQLite; each replacement is one short write transaction per portal. */
export const createCatalogStore = (db: Database) => {
  migrate(db, 'catalog', CATALOG_MIGRATIONS)

  /** Deletes what `where` selects and inserts `rows` in one transaction. */
  const replace = <T>(
    table: string,
    where: { sql: string; args: SqlValue[] },
    columns: string[],
    rows: T[],
    values: (row: T) => SqlValue[]
  ) => {
    transaction(db, () => {
      db.prepare(`DELETE FROM ${table} WHERE ${where.sql}`).run(...where.args)
      const insert = db.prepare(`INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})`)
      for (const r of rows) insert.run(...values(r))
    })
  }

  const inPortals = (portalIds: string[]) => ({ sql: `portal_id IN (${placeholders(portalIds.length)})`, args: portalIds })

  return {
    replaceSites(portalId: string, scopes: LandingScope[], rows: SiteRow[]) {
      replace(
        'catalog_sites',
        { sql: `portal_id = ? AND scope IN (${placeholders(scopes.length)})`, args: [portalId, ...scopes] },
        ['portal_id', 'id', 'scope', 'title', 'type', 'code', 'published', 'public_url', 'modified_at'],
        rows,
        (r) => [portalId, r.id, r.scope, r.title, r.type, r.code, b(r.published), r.publicUrl, r.modifiedAt]
      )
    },
    replacePages(portalId: string, siteId: number | undefined, rows: PageRow[]) {
      replace(
        'catalog_pages',
        siteId ? { sql: 'portal_id = ? AND site_id = ?', args: [portalId, siteId] } : { sql: 'portal_id = ?', args: [portalId] },
        ['portal_id', 'id', 'site_id', 'folder_id', 'scope', 'title', 'code', 'published', 'public_url', 'modified_at'],
        rows,
        (r) => [portalId, r.id, r.siteId, r.folderId, r.scope, r.title, r.code, b(r.published), r.publicUrl, r.modifiedAt]
      )
    },
    replaceFolders(portalId: string, siteIds: number[] | undefined, rows: FolderRow[]) {
      replace(
        'catalog_folders',
        siteIds
          ? { sql: `portal_id = ? AND site_id IN (${placeholders(siteIds.length)})`, args: [portalId, ...siteIds] }
          : { sql: 'portal_id = ?', args: [portalId] },
        ['portal_id', 'id', 'site_id', 'parent_id', 'scope', 'title', 'published'],
        rows,
        (r) => [portalId, r.id, r.siteId, r.parentId, r.scope, r.title, b(r.published)]
      )
    },
    replaceDocuments(portalId: string, rows: DocumentRow[]) {
      // Public links are only known from single reads; keep them across list refreshes.
      const known = new Map(
        (
          db
            .prepare('SELECT id, public_url FROM catalog_documents WHERE portal_id = ? AND public_url_known = 1')
            .all(portalId) as Array<{ id: number; public_url: string | null }>
        ).map((r) => [r.id, r.public_url])
      )
      replace(
        'catalog_documents',
        { sql: 'portal_id = ?', args: [portalId] },
        ['portal_id', 'id', 'title', 'number', 'entity_type_id', 'entity_id', 'created_at', 'public_url_known', 'public_url'],
        rows,
        (r) => {
          const url = r.publicUrl !== undefined ? r.publicUrl : known.get(r.id)
          const isKnown = r.publicUrl !== undefined || known.has(r.id)
          return [portalId, r.id, r.title, r.number, r.entityTypeId, r.entityId, r.createdAt, b(isKnown), url ?? null]
        }
      )
    },
    upsertDocument(r: DocumentRow) {
      transaction(db, () => {
        db.prepare(
          `INSERT OR REPLACE INTO catalog_documents (portal_id, id, title, number, entity_type_id, entity_id, created_at, public_url_known, public_url)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
        ).run(r.portalId, r.id, r.title, r.number, r.entityTypeId, r.entityId, r.createdAt, b(r.publicUrl !== undefined), r.publicUrl ?? null)
      })
    },

    sites(portalIds: string[], scopes?: LandingScope[]): SiteRow[] {
      if (portalIds.length === 0) return []
      const w = inPortals(portalIds)
      const scopeSql = scopes?.length ? ` AND scope IN (${placeholders(scopes.length)})` : ''
      const rows = db
        .prepare(`SELECT * FROM catalog_sites WHERE ${w.sql}${scopeSql} ORDER BY portal_id, id`)
        .all(...w.args, ...(scopes ?? [])) as Array<Record<string, SqlValue>>
      return rows.map((r) => ({
        portalId: String(r.portal_id),
        id: Number(r.id),
        title: String(r.title),
        type: String(r.type) as SiteType,
        scope: String(r.scope) as LandingScope,
        code: String(r.code),
        published: r.published === 1,
        publicUrl: (r.public_url as string | null) ?? null,
        modifiedAt: (r.modified_at as string | null) ?? null
      }))
    },
    pages(portalIds: string[], siteId?: number): PageRow[] {
      if (portalIds.length === 0) return []
      const w = inPortals(portalIds)
      const rows = db
        .prepare(`SELECT * FROM catalog_pages WHERE ${w.sql}${siteId ? ' AND site_id = ?' : ''} ORDER BY portal_id, id`)
        .all(...w.args, ...(siteId ? [siteId] : [])) as Array<Record<string, SqlValue>>
      return rows.map((r) => ({
        portalId: String(r.portal_id),
        siteId: Number(r.site_id),
        folderId: r.folder_id === null ? null : Number(r.folder_id),
        id: Number(r.id),
        title: String(r.title),
        code: String(r.code),
        published: r.published === 1,
        publicUrl: (r.public_url as string | null) ?? null,
        modifiedAt: (r.modified_at as string | null) ?? null,
        scope: String(r.scope) as LandingScope
      }))
    },
    folders(portalIds: string[], siteId?: number): FolderRow[] {
      if (portalIds.length === 0) return []
      const w = inPortals(portalIds)
      const rows = db
        .prepare(`SELECT * FROM catalog_folders WHERE ${w.sql}${siteId ? ' AND site_id = ?' : ''} ORDER BY portal_id, id`)
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
      const r = db.prepare('SELECT * FROM catalog_sync WHERE portal_id = ? AND what = ?').get(portalId, what) as
        | { synced_at: number | null; error_code: string | null; error_message: string | null }
        | undefined
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
    markFailed(portalId: string, what: string, error: { code: string; message: string }, at: number) {
      db.prepare(
        `INSERT INTO catalog_sync (portal_id, what, error_code, error_message, error_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (portal_id, what) DO UPDATE SET error_code = excluded.error_code, error_message = excluded.error_message, error_at = excluded.error_at`
      ).run(portalId, what, error.code, error.message, at)
    },
    forget(portalId: string) {
      transaction(db, () => {
        for (const t of ['catalog_sites', 'catalog_pages', 'catalog_folders', 'catalog_documents', 'catalog_sync']) {
          db.prepare(`DELETE FROM ${t} WHERE portal_id = ?`).run(portalId)
        }
      })
    }
  }
}

export type CatalogStore = ReturnType<typeof createCatalogStore>
