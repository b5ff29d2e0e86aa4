import { describe, expect, it } from 'vitest'
import { createAppLog, describeUnhandledRejection, reportUncaughtException } from './app-log'

describe('the app log', () => {
  it('masks webhook codes and tokens the way the command line does', () => {
    const lines: Array<[string, string]> = []
    const log = createAppLog((level, line) => lines.push([level, line]))
    log.info('GET https://acme.bitrix24.com/rest/1/s3cr3tc0de/landing.site.getList failed')
    log.warn('refresh: {"access_token":"AT-123","refresh_token":"RT-456"}')
    log.error('https://oauth.bitrix.info/oauth/token/?client_secret=CS-789&grant_type=refresh_token')
    expect(lines.map(([level]) => level)).toEqual(['info', 'warn', 'error'])
    const all = lines.map(([, line]) => line).join('\n')
    for (const secret of ['s3cr3tc0de', 'AT-123', 'RT-456', 'CS-789']) expect(all).not.toContain(secret)
    expect(all).toContain('acme.bitrix24.com/rest/1/***')
  })

  it('describes an unhandled rejection with its stack, redacted', () => {
    const err = new Error('portal said no: https://acme.bitrix24.com/rest/7/abcdef123/user.current')
    const line = describeUnhandledRejection(err)
    expect(line).toMatch(/^Unhandled promise rejection: Error: portal said no/)
    expect(line).toContain('app-log.test.ts')
    expect(line).not.toContain('abcdef123')
    expect(describeUnhandledRejection({ auth: 'tok-1' })).not.toContain('tok-1')
    expect(describeUnhandledRejection('plain')).toBe('Unhandled promise rejection: plain')
  })

  it('reports an uncaught exception redacted to the log and to the person', () => {
    const logged: string[] = []
    const shown: string[] = []
    const err = new Error('token refresh failed: {"clientSecret":"CS-1"} Bearer BT-2 at /rest/1/WH-3/')
    reportUncaughtException(err, { log: { error: (l) => logged.push(l) }, show: (m) => shown.push(m) })
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatch(/^Uncaught exception: Error: token refresh failed/)
    expect(logged[0]).toContain('app-log.test.ts')
    expect(shown).toEqual(['Error: token refresh failed: {"clientSecret":"***"} Bearer *** at /rest/1/***/'])
    for (const secret of ['CS-1', 'BT-2', 'WH-3']) expect(logged[0] + shown[0]).not.toContain(secret)
  })
})
