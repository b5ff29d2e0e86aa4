import { describe, expect, it } from 'vitest'
import { parsePolicy, policyFileCandidates, readUpdatePolicy } from './policy'

const files = (map: Record<string, string>) => (path: string) => {
  if (path in map) return map[path]
  throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' })
}

describe('the update policy file', () => {
  it('is looked for in the system config folder first, then next to the app', () => {
    expect(policyFileCandidates({ platform: 'linux', execPath: '/opt/B24 Desk/b24-desk', env: {} })).toEqual([
      '/etc/b24desk/b24desk-policy.yml',
      '/opt/B24 Desk/b24desk-policy.yml'
    ])
    expect(
      policyFileCandidates({
        platform: 'darwin',
        execPath: '/Applications/B24 Desk.app/Contents/MacOS/B24 Desk',
        env: {}
      })
    ).toEqual([
      '/Library/Application Support/B24 Desk/b24desk-policy.yml',
      '/Applications/b24desk-policy.yml'
    ])
    const win = policyFileCandidates({
      platform: 'win32',
      execPath: 'C:\\Program Files\\B24 Desk\\B24 Desk.exe',
      env: { ProgramData: 'D:\\PD' }
    })
    expect(win[0]).toMatch(/^D:\\PD[\\/]B24 Desk[\\/]b24desk-policy\.yml$/)
    expect(win[1]).toMatch(/B24 Desk[\\/]b24desk-policy\.yml$/)
  })

  it('the system folder wins over the file next to the app', () => {
    const place = { platform: 'linux' as const, execPath: '/opt/b24/b24-desk', env: {} }
    const policy = readUpdatePolicy(
      place,
      files({
        '/etc/b24desk/b24desk-policy.yml': 'update: manual\nfeed: https://updates.example.org/b24/ # ours\n',
        '/opt/b24/b24desk-policy.yml': 'update: auto\n'
      })
    )
    expect(policy).toEqual({
      mode: 'manual',
      feedUrl: 'https://updates.example.org/b24/',
      source: '/etc/b24desk/b24desk-policy.yml',
      error: null
    })
    expect(readUpdatePolicy(place, files({ '/opt/b24/b24desk-policy.yml': "update: 'off'" }))).toMatchObject({
      mode: 'off',
      source: '/opt/b24/b24desk-policy.yml'
    })
    expect(readUpdatePolicy(place, files({}))).toBeNull()
  })

  it('a file that cannot be understood locks updates off and says why', () => {
    const place = { platform: 'linux' as const, execPath: '/opt/b24/b24-desk', env: {} }
    for (const text of [
      'update: sometimes',
      'update: auto\nfeed: http://plain.example/',
      'nonsense',
      'update: auto\nmode: x'
    ]) {
      const p = readUpdatePolicy(place, files({ '/etc/b24desk/b24desk-policy.yml': text }))
      expect(p?.mode).toBe('off')
      expect(p?.error).toMatch(/b24desk-policy\.yml/)
    }
    expect(() => parsePolicy('feed: https://x.example/')).toThrow(/update/)
  })
})
