/** OAuth portals: token refreshes stored in the keychain, a check's rotated pair saved, OAuth servers refused. */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import type { CredentialsInput } from '../../../shared/domain/portal'
import {
  allFileContents,
  dataDir,
  emu,
  failure,
  keychain,
  logLines,
  meta,
  oauthCredentials,
  payloads,
  portal,
  service,
  usePortalsFixture,
  writes
} from './testing/fixture'

describe('PortalsService with OAuth credentials, the real OS keychain and the emulated portal', () => {
  usePortalsFixture()

  it('refreshes an expired OAuth token once for concurrent calls and stores the new pair in the keychain', async () => {
    const o = portal.oauth
    const added = await service.handlers['portals:add']({
      meta: meta('App portal'),
      credentials: {
        kind: 'oauth',
        portalUrl: portal.baseUrl,
        clientId: o.clientId,
        clientSecret: o.clientSecret,
        accessToken: o.accessToken,
        refreshToken: o.refreshToken,
        oauthServer: o.serverEndpoint,
        caPem: emu.caCertPem
      }
    })
    const before = JSON.parse((await keychain.get(added.id)) ?? '{}') as { refreshToken: string }
    const client = await service.clientFor(added.id)
    portal.control.expireAccessToken()
    writes.length = 0
    const results = await Promise.all(
      Array.from({ length: 10 }, () => client.call<{ ID: string }>('profile'))
    )
    expect(results.every((r) => r.result.ID !== undefined)).toBe(true)
    expect(writes).toEqual([added.id])
    const after = JSON.parse((await keychain.get(added.id)) ?? '{}') as {
      refreshToken: string
      accessToken: string
    }
    expect(after.refreshToken).not.toBe(before.refreshToken)
    expect(after.refreshToken).toBe(portal.oauth.refreshToken)

    const secrets = [o.clientSecret, before.refreshToken, after.refreshToken, after.accessToken]
    const files = allFileContents(dataDir).join('\n')
    for (const s of secrets) {
      expect(files.includes(s)).toBe(false)
      expect(payloads.join('\n')).not.toContain(s)
      expect(logLines.join('\n')).not.toContain(s)
    }
    await service.handlers['portals:remove']({ portalId: added.id })
    expect(await keychain.get(added.id)).toBeNull()
  })

  it('checking and then saving the same expired OAuth fields (as the add form does) refreshes once and saves the new pair', async () => {
    const issued = oauthCredentials()
    portal.control.expireAccessToken()
    const report = await service.handlers['portals:check']({ credentials: issued })
    expect(report.landing).toBe(true)
    const rotated = portal.oauth.refreshToken
    expect(rotated).not.toBe((issued as { refreshToken: string }).refreshToken)

    const added = await service.handlers['portals:add']({ meta: meta('Checked first'), credentials: issued })
    expect(added.connection?.landing).toBe(true)
    expect(
      (JSON.parse((await keychain.get(added.id)) ?? '{}') as { refreshToken: string }).refreshToken
    ).toBe(portal.oauth.refreshToken)
    expect((await service.probe(added.id)).state).toBe('online')
  })

  it('refuses an OAuth server that is not https (or trusted loopback) before any secret is sent', async () => {
    const seen: string[] = []
    const trap = http.createServer((req, res) => {
      seen.push(req.url ?? '')
      res.end('{}')
    })
    await new Promise<void>((r) => trap.listen(0, '127.0.0.1', r))
    const trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`
    try {
      const cases: Array<[string, CredentialsInput]> = [
        ['plain http, real host', oauthCredentials({ oauthServer: 'http://oauth.attacker.example' })],
        [
          'plain http, loopback, no trusted CA',
          oauthCredentials({
            oauthServer: trapUrl,
            portalUrl: 'https://portal.example.com',
            caPem: undefined
          })
        ],
        ['another scheme', oauthCredentials({ oauthServer: 'ftp://oauth.bitrix.info' })],
        ['user info', oauthCredentials({ oauthServer: 'https://user:pw@oauth.bitrix.info' })]
      ]
      for (const [label, credentials] of cases) {
        for (const attempt of [
          () => service.handlers['portals:check']({ credentials }),
          () => service.handlers['portals:add']({ meta: meta('Leaky'), credentials })
        ]) {
          const err = await failure(attempt())
          expect(err.code, label).toBe('OAUTH_SERVER_INVALID')
          expect(err.message, label).toMatch(/OAuth server address/)
        }
      }
      const added = await service.handlers['portals:add']({
        meta: meta('Good app'),
        credentials: oauthCredentials()
      })
      const err = await failure(
        service.handlers['portals:setCredentials']({
          portalId: added.id,
          credentials: oauthCredentials({ oauthServer: 'http://oauth.attacker.example/oauth/token/' })
        })
      )
      expect(err.code).toBe('OAUTH_SERVER_INVALID')
      expect(service.list().map((p) => p.name)).toEqual(['Good app'])
      expect(writes).toEqual([added.id])
      expect(seen).toEqual([])
    } finally {
      await new Promise<void>((r) => trap.close(() => r()))
    }
  })
})
