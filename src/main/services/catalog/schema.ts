import type { Migration } from '../db/database'

/**
 * Cached listings per portal: replaced on each successful sync of that portal, and row by row from
 * what the outbox reads back after a change.
 */
export const CATALOG_MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: `
    CREATE TABLE catalog_sites (
      portal_id TEXT NOT NULL, id INTEGER NOT NULL, scope TEXT NOT NULL, title TEXT NOT NULL, type TEXT NOT NULL,
      code TEXT NOT NULL, published INTEGER NOT NULL, public_url TEXT, modified_at TEXT,
      PRIMARY KEY (portal_id, id));
    CREATE TABLE catalog_pages (
      portal_id TEXT NOT NULL, id INTEGER NOT NULL, site_id INTEGER NOT NULL, folder_id INTEGER, scope TEXT NOT NULL,
      title TEXT NOT NULL, code TEXT NOT NULL, published INTEGER NOT NULL, public_url TEXT, modified_at TEXT,
      PRIMARY KEY (portal_id, id));
    CREATE INDEX catalog_pages_site ON catalog_pages (portal_id, site_id);
    CREATE TABLE catalog_folders (
      portal_id TEXT NOT NULL, id INTEGER NOT NULL, site_id INTEGER NOT NULL, parent_id INTEGER, scope TEXT NOT NULL,
      title TEXT NOT NULL, published INTEGER NOT NULL,
      PRIMARY KEY (portal_id, id));
    CREATE INDEX catalog_folders_site ON catalog_folders (portal_id, site_id);
    CREATE TABLE catalog_documents (
      portal_id TEXT NOT NULL, id INTEGER NOT NULL, title TEXT NOT NULL, number TEXT NOT NULL,
      entity_type_id INTEGER, entity_id INTEGER, created_at TEXT,
      public_url_known INTEGER NOT NULL DEFAULT 0, public_url TEXT,
      PRIMARY KEY (portal_id, id));
    CREATE TABLE catalog_sync (
      portal_id TEXT NOT NULL, what TEXT NOT NULL, synced_at INTEGER, error_code TEXT, error_message TEXT, error_at INTEGER,
      PRIMARY KEY (portal_id, what));
    `
  },
  {
    version: 2,
    // Landing dates are kept as the portal wrote them (`modified_at`, regional format, docs/bitrix24.md#dates) and
    // read in the order decided per portal from all its dates; the decision is remembered here, so a
    // later listing without telling dates (all days <= 12) still reads right.
    sql: `
    CREATE TABLE catalog_date_order (
      portal_id TEXT NOT NULL PRIMARY KEY, day_order TEXT NOT NULL, decided_at INTEGER NOT NULL);
    `
  },
  {
    version: 3,
    // PUBLIC=N: the page was edited since its publication (the edits wait; ACTIVE is still the live
    // flag). NULL: not read yet. bitrix-core-business `modules/landing/lib/landing.php`.
    sql: `ALTER TABLE catalog_pages ADD COLUMN edited INTEGER;`
  }
]
