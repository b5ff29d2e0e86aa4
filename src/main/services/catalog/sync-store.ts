// catalog_sync: when each listing of a portal was last synced or failed, and what read-backs wrote.
import type { CatalogArea } from '../../../shared/domain/catalog'
import type { Database } from '../db/database'

export interface SyncInfo {
  syncedAt: number | null
  error: { code: string; message: string } | null
}

/** One catalog_sync row as the watcher of other processes compares it. */
export interface SyncMark {
  portalId: string
  what: string
  syncedAt: number | null
}

/** catalog_sync keys of read-backs: `readback:pages` and so on. */
export const READ_BACK = 'readback:'

/** The area a catalog_sync key is about: `pages`, `pages:12` and `readback:pages` are all pages. */
export const areaOfSyncKey = (syncKey: string): CatalogArea | null => {
  const area = syncKey.replace(READ_BACK, '').split(':')[0]
  return area === 'sites' || area === 'pages' || area === 'folders' || area === 'documents' ? area : null
}

/** Sync times and errors per portal and listing key (`sites`, `pages:12`, `readback:pages`). */
export const createSyncStore = (db: Database) => {
  type SyncRow = { portal_id: string; what: string; synced_at: number | null }
  const mark = (r: SyncRow): SyncMark => ({ portalId: r.portal_id, what: r.what, syncedAt: r.synced_at })
  return {
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
    /** Every sync time recorded, of one portal or of all. */
    syncMarks(portalId?: string): SyncMark[] {
      const rows =
        portalId === undefined
          ? db.prepare('SELECT portal_id, what, synced_at FROM catalog_sync').all()
          : db
              .prepare('SELECT portal_id, what, synced_at FROM catalog_sync WHERE portal_id = ?')
              .all(portalId)
      return (rows as SyncRow[]).map(mark)
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
    }
  }
}
