import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate, openDatabase, transaction } from './database'

describe('database', () => {
  it('runs in WAL mode and applies each area migration once, in order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'b24-db-'))
    const db = openDatabase(dir)
    expect((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal')
    const migrations = [
      { version: 2, sql: 'ALTER TABLE t ADD COLUMN b TEXT' },
      { version: 1, sql: 'CREATE TABLE t (a INTEGER)' }
    ]
    migrate(db, 'demo', migrations)
    migrate(db, 'demo', migrations)
    db.prepare('INSERT INTO t (a, b) VALUES (1, ?)').run('x')
    db.close()
    const again = openDatabase(dir)
    migrate(again, 'demo', migrations)
    expect(again.prepare('SELECT a, b FROM t').all()).toEqual([{ a: 1, b: 'x' }])
    again.close()
  })

  it('syncs every commit to disk (synchronous=FULL), on every connection it opens', () => {
    const dir = mkdtempSync(join(tmpdir(), 'b24-db-'))
    // SQLite reports the level as a number: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
    const first = openDatabase(dir)
    const second = openDatabase(dir)
    for (const db of [first, second]) {
      expect((db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous).toBe(2)
    }
    first.close()
    second.close()
  })

  it('leaves nothing behind from a migration that fails', () => {
    const db = openDatabase(mkdtempSync(join(tmpdir(), 'b24-db-')))
    expect(() =>
      migrate(db, 'bad', [{ version: 1, sql: 'CREATE TABLE ok (a); SELECT nope FROM missing' }])
    ).toThrow()
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'ok'").get()).toBeUndefined()
    expect(db.prepare("SELECT * FROM schema_migrations WHERE area = 'bad'").all()).toEqual([])
  })

  it('rolls a failed transaction back', () => {
    const db = openDatabase(mkdtempSync(join(tmpdir(), 'b24-db-')))
    db.exec('CREATE TABLE t (a INTEGER)')
    expect(() =>
      transaction(db, () => {
        db.prepare('INSERT INTO t VALUES (1)').run()
        throw new Error('stop')
      })
    ).toThrow('stop')
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 })
  })
})
