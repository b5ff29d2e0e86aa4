import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkDataDir, defaultDataDir } from './data-dir'

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
})
