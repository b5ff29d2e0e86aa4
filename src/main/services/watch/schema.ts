// The watch's tables: the changes it saw on the portals, and when it last read each portal.
import type { Migration } from '../db/database'

export const watchMigrations: readonly Migration[] = [
  {
    version: 1,
    // One row per object and field another hand changed: before/after are JSON values (a boolean
    // for `published`, a string for `title`, null for an object that was not there or is gone).
    // state: new until a person accepts it or puts it back (job_id: the outbox job that puts it back).
    sql: `
CREATE TABLE watch_changes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  portal_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  target_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  scope TEXT NOT NULL DEFAULT '',
  field TEXT NOT NULL,
  before TEXT,
  after TEXT,
  seen_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'new',
  decided_at INTEGER,
  job_id INTEGER
);
CREATE INDEX watch_changes_portal ON watch_changes (portal_id, seen_at);
CREATE INDEX watch_changes_state ON watch_changes (state, seen_at);
CREATE TABLE watch_passes (
  portal_id TEXT PRIMARY KEY,
  last_at INTEGER NOT NULL
);`
  }
]
