import { DatabaseSync } from 'node:sqlite'
import { chmodSync, closeSync, openSync, statSync } from 'node:fs'
import { join } from 'node:path'

export type Database = DatabaseSync

export interface Migration {
  version: number
  sql: string
}

/**
 * One SQLite file per data directory, shared by the app and the command line. WAL lets a reader and
 * a writer work at once; the busy timeout makes the other process wait instead of failing.
 * synchronous=FULL syncs the WAL on every commit: the outbox promises that a committed state change
 * (an operation marked sending or done) survives a power loss, which NORMAL does not guarantee in WAL
 * mode (the last commits may roll back). The cost is one fsync per commit, small next to a REST call.
 */
export const openDatabase = (dataDir: string, file = 'b24desk.sqlite'): Database => {
  const path = join(dataDir, file)
  // Readable by the user only; SQLite gives its -wal and -shm files the database file's mode.
  if (process.platform !== 'win32') {
    closeSync(openSync(path, 'a', 0o600))
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600)
  }
  const db = new DatabaseSync(path)
  db.exec('PRAGMA journal_mode = WAL')
  db.exec('PRAGMA busy_timeout = 5000')
  db.exec('PRAGMA foreign_keys = ON')
  db.exec('PRAGMA synchronous = FULL')
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    area TEXT NOT NULL, version INTEGER NOT NULL, applied_at INTEGER NOT NULL,
    PRIMARY KEY (area, version))`)
  return db
}

/**
 * Numbered migrations per service area, so each service owns its tables and they evolve apart.
 * Each migration runs in its own transaction together with its bookkeeping row.
 */
export const migrate = (db: Database, area: string, migrations: readonly Migration[]): void => {
  const applied = new Set(
    (
      db.prepare('SELECT version FROM schema_migrations WHERE area = ?').all(area) as Array<{
        version: number
      }>
    ).map((r) => r.version)
  )
  const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => !applied.has(m.version))
  for (const m of pending) {
    db.exec('BEGIN IMMEDIATE')
    try {
      db.exec(m.sql)
      db.prepare('INSERT INTO schema_migrations (area, version, applied_at) VALUES (?, ?, ?)').run(
        area,
        m.version,
        Date.now()
      )
      db.exec('COMMIT')
    } catch (err) {
      db.exec('ROLLBACK')
      throw err
    }
  }
}

/** Run `fn` in one write transaction; IMMEDIATE takes the write lock up front so two processes cannot deadlock. */
export const transaction = <T>(db: Database, fn: () => T): T => {
  db.exec('BEGIN IMMEDIATE')
  try {
    const out = fn()
    db.exec('COMMIT')
    return out
  } catch (err) {
    db.exec('ROLLBACK')
    throw err
  }
}
