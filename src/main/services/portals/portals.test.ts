import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator, type EmulatedPortal } from '../../../emulator/index.ts'
import { createAppEvents } from '../events'
import { invokeChecked, type Handlers } from '../../../shared/ipc/handlers'
import { openDatabase, type Database } from '../db/database'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { CredentialsInput, PortalMeta } from '../../../shared/domain/portal'
import { rawRequest } from '../../../emulator/testing/client'
import { createOutboxService, type OutboxService } from '../outbox'
import { fastTuning, waitFor } from '../outbox/testing/harness'
import type { Intent } from '../../../shared/domain/outbox'
import { createCatalogService } from '../catalog'
import { createKeychainStore, createPortalsService, type PortalsApi, type SecretStore } from './index'

/** Every file under a folder, read as bytes (latin1 keeps any byte sequence searchable). */
const allFileContents = (dir: string): string[] => {
  const out: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else out.push(readFileSync(p).toString('latin1'))
    }
  }
  walk(dir)
  return out
}

/** The error a call fails with; fails the test if the call succeeds. */
const failure = async (p: unknown): Promise<{ code: string; category: string; message: string }> =>
  Promise.resolve(p).then(
    () => {
      throw new Error('expected the call to fail')
    },
    (e: unknown) => e as { code: string; category: string; message: string }
  )

const meta = (name: string, extra: Partial<PortalMeta> = {}): PortalMeta => ({
  name,
  limits: 'standard',
  tags: [],
  color: null,
  notes: '',
  ...extra
})

let emu: Emulator
let portal: EmulatedPortal
const keychainService = `B24 Desk test ${randomBytes(4).toString('hex')}`

beforeAll(async () => {
  // One portal serves every test of this file; its rate limit is not what they are about.
  emu = await startEmulator({
    portals: [{ rate: { burst: 10_000, drainPerSecond: 1_000 } }],
    seed: 'demo',
    realDelayFactor: 0
  })
  portal = emu.portals[0]
})
afterAll(async () => {
  await emu?.stop()
})

describe('PortalsService with the real OS keychain and the emulated portal', () => {
  let dataDir: string
  let db: Database
  let service: PortalsApi
  let keychain: SecretStore
  let writes: string[]
  let events: ReturnType<typeof createAppEvents>
  let outbox: OutboxService | undefined
  const logLines: string[] = []
  const payloads: string[] = []

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'b24desk-portals-'))
    db = openDatabase(dataDir)
    events = createAppEvents()
    events.subscribe((channel, payload) => payloads.push(`${channel} ${JSON.stringify(payload)}`))
    const real = createKeychainStore(keychainService)
    writes = []
    keychain = {
      get: (a) => real.get(a),
      set: (a, s) => {
        writes.push(a)
        return real.set(a, s)
      },
      delete: (a) => real.delete(a)
    }
    service = await createPortalsService({
      db,
      dataDir,
      events,
      log: (l) => logLines.push(l),
      now: Date.now,
      secretStore: keychain
    })
  })
  afterEach(async () => {
    await outbox?.stop()
    outbox = undefined
    portal.control.setConditions({ revokedWebhook: false })
    await service.close()
    db.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  /** Calls a handler as the IPC router would and keeps what would cross to the renderer. */
  const ipc = async <T>(p: Promise<T> | T): Promise<T> => {
    const v = await p
    payloads.push(JSON.stringify(v) ?? '')
    return v
  }

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

  it('reports an unreachable portal with a next probe time, and imports a list without secrets', async () => {
    const added = await service.handlers['portals:add']({
      meta: meta('Flaky'),
      credentials: { kind: 'webhook', webhookUrl: portal.webhookUrl, caPem: emu.caCertPem }
    })
    await portal.control.goOffline()
    try {
      const h = await service.probe(added.id)
      expect(h.state).toBe('unreachable')
      expect(h.nextProbeAt).toBeGreaterThan(Date.now())
      expect(h.lastError?.message).toMatch(/cannot be reached|did not answer|connection/i)
      expect(payloads.some((p) => p.startsWith('portal:health') && p.includes('unreachable'))).toBe(true)
    } finally {
      await portal.control.goOnline()
    }
    expect((await service.probe(added.id)).state).toBe('online')

    const json = await service.handlers['portals:export'](undefined)
    await service.handlers['portals:remove']({ portalId: added.id })
    const imported = await service.handlers['portals:import']({ json })
    expect(imported.map((p) => p.name)).toEqual(['Flaky'])
    expect(imported[0].health.state).toBe('auth_failed')
    await expect(service.clientFor(imported[0].id)).rejects.toMatchObject({ code: 'NO_CREDENTIALS' })
  })

  /** The app's outbox over this PortalsService, draining with short backoffs. */
  const startOutbox = (): OutboxService => {
    outbox = createOutboxService({
      db,
      dataDir,
      events,
      log: (l) => logLines.push(l),
      now: Date.now,
      portals: service,
      tuning: fastTuning
    })
    outbox.start()
    return outbox
  }
  const pages = (portalId: string, ids: number[], action: Intent['action'] = 'publish'): Intent[] =>
    ids.map((targetId) => ({ portalId, kind: 'page', targetId, scope: '', action }))
  const webhookPortal = (name: string, webhookUrl = portal.webhookUrl) =>
    service.handlers['portals:add']({
      meta: meta(name),
      credentials: { kind: 'webhook', webhookUrl, caPem: emu.caCertPem }
    })

  it('new credentials for a revoked webhook bring the portal back online and the paused outbox lane resumes by itself', async () => {
    const added = await webhookPortal('Revoked')
    const ob = startOutbox()
    portal.control.setConditions({ revokedWebhook: true })
    const job = await ob.handlers['outbox:enqueue']({ intents: pages(added.id, [6, 14]) })
    const lane = () => ob.snapshot().lanes.find((l) => l.portalId === added.id)
    await waitFor('lane paused for credentials', () => lane()?.state === 'auth')
    await waitFor('portal auth_failed', () => service.get(added.id)?.health.state === 'auth_failed')
    expect(service.get(added.id)?.health.lastError?.code).toBe('NO_AUTH_FOUND')

    // The administrator makes a new webhook in Bitrix24; until it is entered, the lane keeps waiting.
    portal.control.setConditions({ revokedWebhook: false })
    const fresh = portal.control.addWebhook()
    await new Promise((r) => setTimeout(r, 200))
    expect(lane()?.state).toBe('auth')
    expect(lane()?.counts.queued).toBe(2)

    const updated = await service.handlers['portals:setCredentials']({
      portalId: added.id,
      credentials: { kind: 'webhook', webhookUrl: fresh.url, caPem: emu.caCertPem }
    })
    expect(updated.health.state).toBe('online')
    expect(await keychain.get(added.id)).toContain(fresh.code)
    // No resume from anyone: the credentials change wakes the lane.
    await waitFor('job finished', () => ob.snapshot().jobs.find((j) => j.id === job.id)?.state === 'finished')
    expect(ob.snapshot().jobs.find((j) => j.id === job.id)?.counts).toMatchObject({ done: 2, failed: 0 })
    expect(
      portal.control
        .state()
        .pages.filter((p) => [6, 14].includes(p.id))
        .every((p) => p.active)
    ).toBe(true)
    expect(service.get(added.id)?.health.state).toBe('online')
    expect(payloads.join('\n')).not.toContain(fresh.code)
  })

  it('an OAuth refresh token the server rejects marks the portal auth_failed with a message to reconnect the app, once', async () => {
    const o = portal.oauth
    const added = await service.handlers['portals:add']({
      meta: meta('Lost app'),
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
    // Someone else (another installation of the app) uses the refresh token first: ours is spent.
    const spent = await rawRequest(
      `${o.serverEndpoint}?grant_type=refresh_token&client_id=${o.clientId}&client_secret=${encodeURIComponent(o.clientSecret)}&refresh_token=${o.refreshToken}`,
      { ca: emu.caCertPem }
    )
    expect(spent.status).toBe(200)
    portal.control.expireAccessToken()
    portal.control.clearLog()
    const ob = startOutbox()
    const job = await ob.handlers['outbox:enqueue']({ intents: pages(added.id, [6]) })
    const lane = () => ob.snapshot().lanes.find((l) => l.portalId === added.id)
    await waitFor('lane paused for credentials', () => lane()?.state === 'auth')
    const health = service.get(added.id)?.health
    expect(health?.state).toBe('auth_failed')
    expect(health?.lastError?.code).toBe('invalid_grant')
    expect(health?.lastError?.message).toMatch(/Reconnect the application/)
    expect(health?.nextProbeAt).toBeUndefined()

    // Nothing loops: no more calls reach the portal while the lane waits for a person.
    const calls = portal.control.requestLog().entries.length
    await new Promise((r) => setTimeout(r, 500))
    expect(portal.control.requestLog().entries.length).toBe(calls)
    expect(calls).toBeLessThanOrEqual(3)
    expect(lane()?.counts.queued).toBe(1)
    expect(ob.snapshot().jobs.find((j) => j.id === job.id)?.state).toBe('active')
  })

  it('removing a portal cancels its queued operations with a reason, and its lane leaves the outbox', async () => {
    const doomed = await webhookPortal('Doomed')
    const other = await webhookPortal('Other', portal.control.addWebhook({ userId: 2 }).url)
    const ob = startOutbox()
    await ob.handlers['outbox:pauseLane']({ portalId: other.id })
    portal.control.setConditions({ revokedWebhook: true })
    const job = await ob.handlers['outbox:enqueue']({
      intents: [...pages(doomed.id, [6, 14, 19]), ...pages(other.id, [6])]
    })
    await waitFor(
      'doomed lane paused for credentials',
      () => ob.snapshot().lanes.find((l) => l.portalId === doomed.id)?.state === 'auth'
    )

    await service.handlers['portals:remove']({ portalId: doomed.id })
    const snap = ob.snapshot()
    expect(snap.lanes.map((l) => l.portalId)).toEqual([other.id])
    expect(snap.jobs.find((j) => j.id === job.id)?.counts).toMatchObject({ queued: 1, cancelled: 3 })
    const ops = await ob.handlers['outbox:operations']({ jobId: job.id, states: ['cancelled'] })
    expect(ops.map((op) => op.portalId)).toEqual([doomed.id, doomed.id, doomed.id])
    expect(ops[0].error).toMatchObject({ code: 'PORTAL_REMOVED' })
    expect(ops[0].error?.message).toMatch(/portal was removed/)

    // The rest of the job still goes through, and the removed portal's lane never comes back.
    portal.control.setConditions({ revokedWebhook: false })
    await ob.handlers['outbox:resumeLane']({ portalId: other.id })
    await waitFor('job finished', () => ob.snapshot().jobs.find((j) => j.id === job.id)?.state === 'finished')
    expect(ob.snapshot().jobs.find((j) => j.id === job.id)?.counts).toMatchObject({ done: 1, cancelled: 3 })
    expect(ob.snapshot().lanes.map((l) => l.portalId)).toEqual([other.id])
    await service.handlers['portals:remove']({ portalId: other.id })
  })

  it('a portal without stored credentials pauses its lane with a reason that says what to do', async () => {
    const added = await webhookPortal('Moved')
    const json = await service.handlers['portals:export'](undefined)
    await service.handlers['portals:remove']({ portalId: added.id })
    const [imported] = await service.handlers['portals:import']({ json })
    const ob = startOutbox()
    await ob.handlers['outbox:enqueue']({ intents: pages(imported.id, [6]) })
    await waitFor(
      'lane paused',
      () => ob.snapshot().lanes.find((l) => l.portalId === imported.id)?.state === 'auth'
    )
    const reason = ob.snapshot().lanes.find((l) => l.portalId === imported.id)?.reason ?? ''
    expect(reason).toMatch(/no stored credentials/)
    expect(reason).toMatch(/Enter its webhook or application credentials again/)
    await service.handlers['portals:remove']({ portalId: imported.id })
  })

  const oauthCredentials = (
    extra: Partial<Extract<CredentialsInput, { kind: 'oauth' }>> = {}
  ): CredentialsInput => ({
    kind: 'oauth',
    portalUrl: portal.baseUrl,
    clientId: portal.oauth.clientId,
    clientSecret: portal.oauth.clientSecret,
    accessToken: portal.oauth.accessToken,
    refreshToken: portal.oauth.refreshToken,
    oauthServer: portal.oauth.serverEndpoint,
    caPem: emu.caCertPem,
    ...extra
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

  it('a probe that gets an HTML 502 for every request does not say online: unreachable, with the reason', async () => {
    const added = await webhookPortal('Behind a proxy')
    await portal.control.setFaults({ htmlErrorRate: 1 })
    try {
      const h = await service.probe(added.id)
      expect(h.state).toBe('unreachable')
      expect(h.lastError).toMatchObject({ code: 'NON_JSON_RESPONSE', category: 'transient' })
      expect(h.lastError?.message).toMatch(/web page instead of data \(HTTP 502\)/)
      expect(h.nextProbeAt).toBeGreaterThan(Date.now())
      expect(service.get(added.id)?.health.state).toBe('unreachable')
    } finally {
      await portal.control.setFaults({ htmlErrorRate: 0 })
    }
    expect((await service.probe(added.id)).state).toBe('online')
  }, 60_000)

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

  it('an imported list keeps a certificate to trust only for a portal on this computer, and says so', async () => {
    const ca = emu.caCertPem
    const file = {
      format: 'b24desk.portals',
      version: 1,
      portals: [
        { name: 'Real host', host: 'portal.example.com', authKind: 'webhook', caPem: ca },
        { name: 'Emulated', host: new URL(portal.baseUrl).host, authKind: 'webhook', caPem: ca },
        {
          name: 'Odd server',
          host: 'app.example.com',
          authKind: 'oauth',
          oauthServer: 'http://oauth.attacker.example'
        }
      ]
    }
    const imported = await service.handlers['portals:import']({ json: JSON.stringify(file) })
    expect(imported.map((p) => p.name)).toEqual(['Real host', 'Emulated', 'Odd server'])
    const byName = (n: string) => imported.find((p) => p.name === n)!
    expect(byName('Real host').health.lastError?.message).toMatch(/certificate to trust .* was not imported/)
    expect(byName('Emulated').health.lastError?.message).not.toMatch(/certificate/)
    expect(byName('Odd server').health.lastError?.message).toMatch(
      /OAuth server address in the file was not imported/
    )

    const again = JSON.parse(await service.handlers['portals:export'](undefined)) as {
      portals: Array<{ name: string; caPem: string | null; oauthServer: string | null }>
    }
    const exported = (n: string) => again.portals.find((p) => p.name === n)!
    expect(exported('Real host').caPem).toBeNull()
    expect(exported('Emulated').caPem).toBe(ca)
    expect(exported('Odd server').oauthServer).toBeNull()
  })
})
