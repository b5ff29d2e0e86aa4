/** Adding, checking, listing and removing portals, and the refusals on the way in. */
import { describe, expect, it } from 'vitest'
import { invokeChecked, type Handlers } from '../../../shared/ipc/handlers'
import { createCatalogService } from '../catalog'
import {
  allFileContents,
  dataDir,
  db,
  emu,
  events,
  failure,
  ipc,
  keychain,
  logLines,
  meta,
  oauthCredentials,
  payloads,
  portal,
  service,
  usePortalsFixture,
  webhookPortal,
  writes
} from './testing/fixture'

describe('PortalsService with the real OS keychain and the emulated portal', () => {
  usePortalsFixture()

  it('adds, checks, lists and removes a webhook portal; the secret lives only in the keychain', async () => {
    const h = service.handlers
    const report = await ipc(
      h['portals:check']({
        credentials: { kind: 'webhook', webhookUrl: portal.webhookUrl, caPem: emu.caCertPem }
      })
    )
    expect(report.user.id).toBe(String(portal.webhook.userId))
    expect(report.landing).toBe(true)
    expect(report.crm).toBe(true)

    const added = await ipc(
      h['portals:add']({
        meta: meta('Main office', { limits: 'enterprise', tags: ['hq'] }),
        credentials: { kind: 'webhook', webhookUrl: portal.webhookUrl, caPem: emu.caCertPem }
      })
    )
    expect(added.host).toBe(new URL(portal.baseUrl).host)
    expect(added.authKind).toBe('webhook')
    expect((await keychain.get(added.id)) ?? '').toContain(portal.webhook.code)

    const listed = await ipc(h['portals:list'](undefined))
    expect(listed.map((p) => p.name)).toEqual(['Main office'])

    const health = await ipc(h['portals:probe']({ portalId: added.id }))
    expect(health.state).toBe('online')

    // Renaming (through the contract's input check, as the window and the command line call) keeps
    // the secret and the other settings.
    const renamed = await invokeChecked(h as unknown as Handlers, 'portals:update', {
      portalId: added.id,
      meta: { name: 'Head office' }
    })
    payloads.push(JSON.stringify(renamed))
    expect(renamed).toMatchObject({ name: 'Head office', limits: 'enterprise', tags: ['hq'] })
    expect(await keychain.get(added.id)).toContain(portal.webhook.code)
    await expect(
      h['portals:add']({
        meta: meta('head OFFICE'),
        credentials: { kind: 'webhook', webhookUrl: portal.webhookUrl, caPem: emu.caCertPem }
      })
    ).rejects.toMatchObject({ code: 'PORTAL_NAME_TAKEN' })

    // The catalog reads through the portals service, as compose.ts wires it; a sync shows in the list.
    const catalog = createCatalogService({ db, events, now: Date.now, portals: service })
    const sites = await ipc(catalog.sites({ refresh: true }))
    expect(sites.rows.length).toBeGreaterThan(0)
    expect(sites.syncedAt[added.id]).toEqual(expect.any(Number))

    const exported = await ipc(h['portals:export'](undefined))
    expect(JSON.parse(exported).portals[0].name).toBe('Head office')

    await ipc(h['portals:remove']({ portalId: added.id }))
    expect(await keychain.get(added.id)).toBeNull()
    expect(service.list()).toEqual([])

    const secret = portal.webhook.code
    for (const content of allFileContents(dataDir)) expect(content.includes(secret)).toBe(false)
    expect(logLines.join('\n')).not.toContain(secret)
    expect(payloads.join('\n')).not.toContain(secret)
  })

  it('a wrong webhook code is refused as an auth error that says so, and nothing is saved', async () => {
    const wrong = 'qqqq1111wrong999'
    const url = portal.webhookUrl.replace(portal.webhook.code, wrong)
    const err = await failure(
      service.handlers['portals:add']({
        meta: meta('Wrong'),
        credentials: { kind: 'webhook', webhookUrl: url, caPem: emu.caCertPem }
      })
    )
    expect(err.category).toBe('auth')
    expect(err.message).toMatch(/wrong or the webhook was revoked/)
    expect(err.message).not.toContain(wrong)
    expect(service.list()).toEqual([])
    expect(writes).toEqual([])
  })

  it.each([
    ['not a URL', 'webhook please'],
    ['plain http', 'http://portal.example.com/rest/1/abcdef123456/'],
    ['ftp', 'ftp://portal.example.com/rest/1/abcdef123456/'],
    ['user id not numeric', 'https://portal.example.com/rest/admin/abcdef123456/'],
    ['missing code', 'https://portal.example.com/rest/1/'],
    ['method appended', 'https://portal.example.com/rest/1/abcdef123456/profile.json'],
    ['bad characters in code', 'https://portal.example.com/rest/1/abc%20def$123456/'],
    ['not /rest/', 'https://portal.example.com/api/1/abcdef123456/']
  ])('a malformed webhook URL (%s) gets a clear error without the code', async (_label, url) => {
    const err = await failure(
      service.handlers['portals:check']({ credentials: { kind: 'webhook', webhookUrl: url } })
    )
    expect(err.code).toBe('WEBHOOK_URL_INVALID')
    expect(err.message.length).toBeGreaterThan(20)
    expect(err.message).not.toContain('abcdef123456')
    expect(err.message).not.toContain('abc%20def')
  })

  it('plain http is accepted only for a loopback portal with a trusted certificate', async () => {
    const http = portal.webhookUrl.replace('https://', 'http://')
    await expect(
      service.handlers['portals:check']({ credentials: { kind: 'webhook', webhookUrl: http } })
    ).rejects.toMatchObject({
      code: 'WEBHOOK_URL_INVALID'
    })
    const report = await service.handlers['portals:check']({
      credentials: { kind: 'webhook', webhookUrl: http, caPem: emu.caCertPem }
    })
    expect(report.user.id).toBe(String(portal.webhook.userId))
  })

  it('answers add with the connection report of its own check, so nobody needs to check again', async () => {
    const added = await service.handlers['portals:add']({
      meta: meta('Reported'),
      credentials: oauthCredentials()
    })
    expect(added.connection).toMatchObject({
      host: added.host,
      landing: true,
      crm: true,
      user: { id: expect.any(String) as string }
    })
    expect(service.list()[0]).not.toHaveProperty('connection')
  })

  it('refuses the same portal under a second name: same host and webhook user, or same host and application', async () => {
    const first = await webhookPortal('First')
    const sameUser = portal.control.addWebhook({ userId: portal.webhook.userId })
    const dup = await failure(webhookPortal('Second', sameUser.url))
    expect(dup.code).toBe('PORTAL_DUPLICATE')
    expect(dup.message).toMatch(/already in B24 Desk as “First”/)
    expect(dup.message).not.toContain(sameUser.code)

    const app = await service.handlers['portals:add']({ meta: meta('App'), credentials: oauthCredentials() })
    const dupApp = await failure(
      service.handlers['portals:add']({ meta: meta('App again'), credentials: oauthCredentials() })
    )
    expect(dupApp.code).toBe('PORTAL_DUPLICATE')
    expect(dupApp.message).toMatch(/as “App”.*same application/)

    // Another user of the same portal is another connection; it may not then take First's identity.
    const other = await webhookPortal('Other user', portal.control.addWebhook({ userId: 2 }).url)
    const moved = await failure(
      service.handlers['portals:setCredentials']({
        portalId: other.id,
        credentials: { kind: 'webhook', webhookUrl: sameUser.url, caPem: emu.caCertPem }
      })
    )
    expect(moved.code).toBe('PORTAL_DUPLICATE')
    expect(moved.message).toMatch(/“First”/)
    // A portal's own new webhook for the same user is fine.
    const renewed = await service.handlers['portals:setCredentials']({
      portalId: first.id,
      credentials: { kind: 'webhook', webhookUrl: sameUser.url, caPem: emu.caCertPem }
    })
    expect(renewed.id).toBe(first.id)
    expect(
      service
        .list()
        .map((p) => p.name)
        .sort()
    ).toEqual(['App', 'First', 'Other user'])

    // An imported copy has no credentials to compare; it is refused when they are entered.
    const json = await service.handlers['portals:export'](undefined)
    const exported = JSON.parse(json) as { portals: Array<{ name: string }> }
    for (const p of exported.portals) p.name = `${p.name} (imported)`
    const imported = await service.handlers['portals:import']({ json: JSON.stringify(exported) })
    const copy = imported.find((p) => p.name === 'App (imported)')!
    await expect(
      service.handlers['portals:setCredentials']({ portalId: copy.id, credentials: oauthCredentials() })
    ).rejects.toMatchObject({
      code: 'PORTAL_DUPLICATE'
    })
    expect(app.id).not.toBe(copy.id)
  })
})
