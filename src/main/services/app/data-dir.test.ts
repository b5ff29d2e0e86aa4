import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkDataDir, defaultDataDir, makePrivateDir } from './data-dir'
import { createPreviewDiskCache } from '../previews/disk-cache'

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
