import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator, type EmulatedPortal } from '../../../emulator/index.ts'
import { createEventHub } from '../../ipc/event-hub'
import { createIpcRouter, type Handlers } from '../../ipc/router'
import { openDatabase, type Database } from '../db/database'
import type { PortalMeta } from '../../../shared/domain/portal'
import { createKeychainStore, createPortalsService, type PortalsService, type SecretStore } from './index'

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
  emu = await startEmulator({ portals: 1, seed: 'demo', realDelayFactor: 0 })
  portal = emu.portals[0]
})
afterAll(async () => {
  await emu?.stop()
})

describe('PortalsService with the real OS keychain and the emulated portal', () => {
  let dataDir: string
  let db: Database
  let service: PortalsService
  let keychain: SecretStore
  let writes: string[]
  const logLines: string[] = []
  const payloads: string[] = []

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'b24desk-portals-'))
    db = openDatabase(dataDir)
    const events = createEventHub()
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
    service = await createPortalsService({ db, dataDir, events, log: (l) => logLines.push(l), now: Date.now, secretStore: keychain })
  })
  afterEach(async () => {
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
    const report = await ipc(h['portals:check']({ credentials: { kind: 'webhook', webhookUrl: portal.webhookUrl, caPem: emu.caCertPem } }))
    expect(report.user.id).toBe(String(portal.webhook.userId))
    expect(report.landing).toBe(true)
    expect(report.crm).toBe(true)

    const added = await ipc(
      h['portals:add']({ meta: meta('Main office', { limits: 'enterprise', tags: ['hq'] }), credentials: { kind: 'webhook', webhookUrl: portal.webhookUrl, caPem: emu.caCertPem } })
    )
    expect(added.host).toBe(new URL(portal.baseUrl).host)
    expect(added.authKind).toBe('webhook')
    expect((await keychain.get(added.id)) ?? '').toContain(portal.webhook.code)

    const listed = await ipc(h['portals:list'](undefined))
    expect(listed.map((p) => p.name)).toEqual(['Main office'])

    const health = await ipc(h['portals:probe']({ portalId: added.id }))
    expect(health.state).toBe('online')

    // Renaming (through the IPC router, which applies the contract's schema) keeps the secret and the other settings.
    const router = createIpcRouter({ handlers: h as unknown as Handlers, isTrustedSender: () => true })
    const renamed = await router.dispatch('portals:update', { portalId: added.id, meta: { name: 'Head office' } }, { webContentsId: 1, frameUrl: undefined })
    payloads.push(JSON.stringify(renamed))
    expect(renamed).toMatchObject({ ok: true, value: { name: 'Head office', limits: 'enterprise', tags: ['hq'] } })
    expect(await keychain.get(added.id)).toContain(portal.webhook.code)
    await expect(
      h['portals:add']({ meta: meta('head OFFICE'), credentials: { kind: 'webhook', webhookUrl: portal.webhookUrl, caPem: emu.caCertPem } })
    ).rejects.toMatchObject({ code: 'PORTAL_NAME_TAKEN' })

    const sites = await ipc(h['catalog:sites']({ refresh: true }))
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
      service.handlers['portals:add']({ meta: meta('Wrong'), credentials: { kind: 'webhook', webhookUrl: url, caPem: emu.caCertPem } })
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
    const err = await failure(service.handlers['portals:check']({ credentials: { kind: 'webhook', webhookUrl: url } }))
    expect(err.code).toBe('WEBHOOK_URL_INVALID')
    expect(err.message.length).toBeGreaterThan(20)
    expect(err.message).not.toContain('abcdef123456')
    expect(err.message).not.toContain('abc%20def')
  })

  it('plain http is accepted only for a loopback portal with a trusted certificate', async () => {
    const http = portal.webhookUrl.replace('https://', 'http://')
    await expect(service.handlers['portals:check']({ credentials: { kind: 'webhook', webhookUrl: http } })).rejects.toMatchObject({
      code: 'WEBHOOK_URL_INVALID'
    })
    const report = await service.handlers['portals:check']({ credentials: { kind: 'webhook', webhookUrl: http, caPem: emu.caCertPem } })
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
    const results = await Promise.all(Array.from({ length: 10 }, () => client.call<{ ID: string }>('profile')))
    expect(results.every((r) => r.result.ID !== undefined)).toBe(true)
    expect(writes).toEqual([added.id])
    const after = JSON.parse((await keychain.get(added.id)) ?? '{}') as { refreshToken: string; accessToken: string }
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
})
