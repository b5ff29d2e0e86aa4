import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkDataDir, defaultDataDir, makePrivateDir } from './data-dir'
import { createPreviewDiskCache } from '../previews/disk-cache'
import { openDatabase } from '../db/database'
import { setLanguage } from './language'
import { saveWindowState } from './window-state'

describe('data directory', () => {
  it('is B24DESK_DATA_DIR when set, else the per-OS app data folder Electron would use', () => {
    expect(defaultDataDir({ B24DESK_DATA_DIR: '/tmp/x' }, 'linux', '/home/a')).toBe('/tmp/x')
    expect(defaultDataDir({}, 'linux', '/home/a')).toBe('/home/a/.config/B24 Desk')
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/a')).toBe('/cfg/B24 Desk')
    expect(defaultDataDir({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/B24 Desk')
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toContain(
      'B24 Desk'
    )
  })

  it('creates a missing folder and reports it healthy', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'b24-dd-')), 'nested', 'data')
    expect(checkDataDir(dir)).toEqual({ healthy: true, error: null })
  })

  it('reports a folder it cannot write with the path in the message', () => {
    const parent = mkdtempSync(join(tmpdir(), 'b24-dd-'))
    const file = join(parent, 'file')
    writeFileSync(file, 'not a folder')
    const res = checkDataDir(join(file, 'data'))
    expect(res.healthy).toBe(false)
    expect(res.error).toContain(file)
  })

  const modeOf = (dir: string) => statSync(dir).mode & 0o777

  it.skipIf(process.platform === 'win32')('is created readable by the user only, parents included', () => {
    const base = mkdtempSync(join(tmpdir(), 'b24-dd-'))
    const dir = join(base, 'new', 'B24 Desk')
    expect(checkDataDir(dir).healthy).toBe(true)
    expect(modeOf(dir)).toBe(0o700)
    expect(modeOf(join(base, 'new'))).toBe(0o700)
  })

  it.skipIf(process.platform === 'win32')('tightens an existing data folder others could read', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'b24-dd-')), 'data')
    mkdirSync(dir)
    chmodSync(dir, 0o755)
    makePrivateDir(dir)
    expect(modeOf(dir)).toBe(0o700)
  })

  it.skipIf(process.platform === 'win32')('keeps the preview image cache private too', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'b24-dd-')), 'data')
    makePrivateDir(dir)
    const cache = createPreviewDiskCache(join(dir, 'previews'))
    cache.write('portal-1', 'page-5', { bytes: Buffer.from('png'), contentType: 'image/png' })
    expect(modeOf(join(dir, 'previews'))).toBe(0o700)
    expect(modeOf(join(dir, 'previews', 'portal-1'))).toBe(0o700)
  })
})

describe.skipIf(process.platform === 'win32')('a data folder that is not the user own', () => {
  const modeOf = (path: string) => statSync(path).mode & 0o777

  it('is refused when others may write it, with the command that fixes it, and nothing in it is touched', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'b24-dd-')), 'shared data')
    mkdirSync(dir)
    chmodSync(dir, 0o777)
    writeFileSync(join(dir, 'b24desk.sqlite'), 'kept')
    const res = checkDataDir(dir)
    expect(res.healthy).toBe(false)
    expect(res.error).toContain('can be written by other users (mode 777)')
    expect(res.error).toContain(`chmod 700 '${dir}'`)
    // Not silently tightened: the person checks the files first.
    expect(modeOf(dir)).toBe(0o777)
    expect(readFileSync(join(dir, 'b24desk.sqlite'), 'utf8')).toBe('kept')
    chmodSync(dir, 0o775)
    expect(checkDataDir(dir).error).toContain('mode 775')
    chmodSync(dir, 0o700)
    expect(checkDataDir(dir)).toEqual({ healthy: true, error: null })
  })

  it('is refused when another user owns it, in the chosen language', () => {
    const dir = mkdtempSync(join(tmpdir(), 'b24-dd-'))
    const owner = statSync(dir).uid
    setLanguage('ru')
    try {
      const res = checkDataDir(dir, { uid: owner + 1 })
      expect(res.healthy).toBe(false)
      expect(res.error).toContain(`принадлежит другому пользователю (uid ${owner})`)
      expect(res.error).toContain('chown')
    } finally {
      setLanguage('en')
    }
  })

  it('keeps the database and the files the app writes readable by the user only', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'b24-dd-')), 'data')
    makePrivateDir(dir)
    const db = openDatabase(dir)
    db.exec('CREATE TABLE t (x)')
    db.exec('INSERT INTO t VALUES (1)')
    saveWindowState(dir, { x: 0, y: 0, width: 900, height: 600, maximized: false })
    const cache = createPreviewDiskCache(join(dir, 'previews'))
    cache.write('portal-1', 'page-5', { bytes: Buffer.from('png'), contentType: 'image/png' })
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['b24desk.sqlite', 'b24desk.sqlite-wal']))
    for (const f of files) expect(modeOf(join(f.parentPath, f.name)), f.name).toBe(0o600)
    db.close()
  })
})
