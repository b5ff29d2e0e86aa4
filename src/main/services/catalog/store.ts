import type {
  DocumentRow,
  FolderRow,
  LandingScope,
  PageRow,
  SiteRow,
  SiteType
} from '../../../shared/domain/catalog'
import type { Action, TargetKind } from '../../../shared/domain/outbox'
import { migrate, transaction, type Database } from '../db/database'
import { CATALOG_MIGRATIONS } from './schema'

export type CatalogArea = 'sites' | 'pages' | 'folders' | 'documents'

export interface SyncInfo {
  syncedAt: number | null
  error: { code: string; message: string } | null
}

type SqlValue = string | number | null

/** An action the portal confirmed on one target. */
export interface AppliedAction {
  kind: TargetKind
  targetId: number
  action: Action
}

/**
 * The folder `start` and its parents, as far as the cache knows them. UNION (not UNION ALL) stops
 * on a cycle in the parent links, which a half-synced cache can hold.
 */
const FOLDER_CHAIN = `WITH RECURSIVE chain(id) AS (
    SELECT ? WHERE ? IS NOT NULL
    UNION SELECT f.parent_id FROM catalog_folders f JOIN chain c ON f.id = c.id
      WHERE f.portal_id = ? AND f.parent_id IS NOT NULL)`

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
      const insert = db.prepare(
        `INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})`
      )
      for (const r of rows) insert.run(...values(r))
    })
  }

  const inPortals = (portalIds: string[]) => ({
    sql: `portal_id IN (${placeholders(portalIds.length)})`,
    args: portalIds
  })

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
        siteId
          ? { sql: 'portal_id = ? AND site_id = ?', args: [portalId, siteId] }
          : { sql: 'portal_id = ?', args: [portalId] },
        [
          'portal_id',
          'id',
          'site_id',
          'folder_id',
          'scope',
          'title',
          'code',
          'published',
          'public_url',
          'modified_at'
        ],
        rows,
        (r) => [
          portalId,
          r.id,
          r.siteId,
          r.folderId,
          r.scope,
          r.title,
          r.code,
          b(r.published),
          r.publicUrl,
          r.modifiedAt
        ]
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
            .prepare(
              'SELECT id, public_url FROM catalog_documents WHERE portal_id = ? AND public_url_known = 1'
            )
            .all(portalId) as Array<{ id: number; public_url: string | null }>
        ).map((r) => [r.id, r.public_url])
      )
      replace(
        'catalog_documents',
        { sql: 'portal_id = ?', args: [portalId] },
        [
          'portal_id',
          'id',
          'title',
          'number',
          'entity_type_id',
          'entity_id',
          'created_at',
          'public_url_known',
          'public_url'
        ],
        rows,
        (r) => {
          const url = r.publicUrl !== undefined ? r.publicUrl : known.get(r.id)
          const isKnown = r.publicUrl !== undefined || known.has(r.id)
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
          `INSERT OR REPLACE INTO catalog_documents (portal_id, id, title, number, entity_type_id, entity_id, created_at, public_url_known, public_url)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
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
     * Brings the cached rows in line with actions the portal has confirmed, together with what the
     * portal changes along with them (REST reference §6.5), so a reload shows the new state without
     * a sync. Rows the cache does not hold stay unknown. One transaction; actions apply in the
     * order given, which is the order the portal ran them. Answers the areas whose rows changed.
     */
    applyDone(portalId: string, actions: readonly AppliedAction[]): Set<CatalogArea> {
      const changed = new Set<CatalogArea>()
      if (actions.length === 0) return changed
      // Only rows not already in the new state count, so an action that changes nothing announces nothing.
      const setSite = db.prepare(
        'UPDATE catalog_sites SET published = ? WHERE portal_id = ? AND id = ? AND published <> ?'
      )
      const setPage = db.prepare(
        'UPDATE catalog_pages SET published = ? WHERE portal_id = ? AND id = ? AND published <> ?'
      )
      const setFolder = db.prepare(
        'UPDATE catalog_folders SET published = ? WHERE portal_id = ? AND id = ? AND published <> ?'
      )
      const setSitePages = db.prepare(
        'UPDATE catalog_pages SET published = 0 WHERE portal_id = ? AND site_id = ? AND published <> 0'
      )
      const setSiteFolders = db.prepare(
        'UPDATE catalog_folders SET published = ? WHERE portal_id = ? AND site_id = ? AND published <> ?'
      )
      const publishChain = db.prepare(
        `${FOLDER_CHAIN} UPDATE catalog_folders SET published = 1 WHERE portal_id = ? AND id IN (SELECT id FROM chain) AND published <> 1`
      )
      const pageRow = db.prepare(
        'SELECT site_id, folder_id FROM catalog_pages WHERE portal_id = ? AND id = ?'
      )
      // A link switched on has a URL the list does not carry: unknown until read, as in DocumentRow.
      const linkOn = db.prepare(
        'UPDATE catalog_documents SET public_url_known = 0, public_url = NULL WHERE portal_id = ? AND id = ? AND public_url_known <> 0'
      )
      const linkOff = db.prepare(
        `UPDATE catalog_documents SET public_url_known = 1, public_url = NULL
         WHERE portal_id = ? AND id = ? AND (public_url_known <> 1 OR public_url IS NOT NULL)`
      )
      const note = (area: CatalogArea, result: { changes: number | bigint }) => {
        if (Number(result.changes) > 0) changed.add(area)
      }
      const chain = (folderId: number | null) =>
        note('folders', publishChain.run(folderId, folderId, portalId, portalId))

      transaction(db, () => {
        for (const { kind, targetId: id, action } of actions) {
          if (kind === 'document') {
            if (action === 'link-on') note('documents', linkOn.run(portalId, id))
            else if (action === 'link-off') note('documents', linkOff.run(portalId, id))
            continue
          }
          if (action !== 'publish' && action !== 'unpublish') continue
          const on = action === 'publish' ? 1 : 0
          if (kind === 'site') {
            note('sites', setSite.run(on, portalId, id, on))
            // Publishing a site activates its folders but leaves its inactive pages offline;
            // unpublishing takes every page offline and deactivates every folder.
            note('folders', setSiteFolders.run(on, portalId, id, on))
            if (!on) note('pages', setSitePages.run(portalId, id))
          } else if (kind === 'page') {
            note('pages', setPage.run(on, portalId, id, on))
            if (!on) continue
            const page = pageRow.get(portalId, id) as
              { site_id: number; folder_id: number | null } | undefined
            if (!page) continue
            chain(page.folder_id)
            note('sites', setSite.run(1, portalId, page.site_id, 1))
          } else {
            // Publishing a folder publishes its parents too; unpublishing touches only the folder.
            if (on) chain(id)
            else note('folders', setFolder.run(0, portalId, id, 0))
          }
        }
      })
      return changed
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
        .prepare(
          `SELECT * FROM catalog_pages WHERE ${w.sql}${siteId ? ' AND site_id = ?' : ''} ORDER BY portal_id, id`
        )
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
          'catalog_sync'
        ]) {
          db.prepare(`DELETE FROM ${t} WHERE portal_id = ?`).run(portalId)
        }
      })
    }
  }
}

export type CatalogStore = ReturnType<typeof createCatalogStore>
