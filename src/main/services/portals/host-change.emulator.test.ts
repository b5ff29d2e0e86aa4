import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../../emulator/index.ts'
import { createAppEvents } from '../events'
import { openDatabase, type Database } from '../db/database'
import { createOutboxService, type OutboxService } from '../outbox'
import { fastTuning, waitFor } from '../outbox/testing/harness'
import { setLanguage } from '../app/language'
import { createKeychainStore, createPortalsService, type PortalsApi } from './index'

/** Two emulated portals on two hosts; the real keychain. */
describe('new credentials for another portal', () => {
  let emu: Emulator
  let dataDir: string
  let db: Database
  let service: PortalsApi
  let outbox: OutboxService | undefined
  const keychain = createKeychainStore(`B24 Desk host test ${randomBytes(4).toString('hex')}`)

  beforeAll(async () => {
    emu = await startEmulator({ portals: 2, seed: 'demo', realDelayFactor: 0 })
    dataDir = mkdtempSync(join(tmpdir(), 'b24desk-host-'))
    db = openDatabase(dataDir)
    service = await createPortalsService({
      db,
      dataDir,
      events: createAppEvents(),
      log: () => {},
      now: Date.now,
      secretStore: keychain
    })
  })
  afterAll(async () => {
    await outbox?.stop()
    for (const p of service.list()) await service.handlers['portals:remove']({ portalId: p.id })
    await service.close()
    db.close()
    rmSync(dataDir, { recursive: true, force: true })
    await emu.stop()
  })

  it('are refused, saying to add it as a new portal, and the queued job still targets the first portal', async () => {
    const [first, second] = emu.portals
    expect(first.host).not.toBe(second.host)
    const added = await service.handlers['portals:add']({
      meta: { name: 'Acme', limits: 'standard', tags: [], color: null, notes: '' },
      credentials: { kind: 'webhook', webhookUrl: first.webhookUrl, caPem: emu.caCertPem }
    })
    const storedBefore = await keychain.get(added.id)
    const pagesActive = (p: typeof first) =>
      p.control
        .state()
        .pages.filter((x) => [6, 14].includes(x.id))
        .map((x) => x.active)
    expect(pagesActive(first)).toEqual([false, false])
    outbox = createOutboxService({
      db,
      dataDir,
      events: createAppEvents(),
      log: () => {},
      now: Date.now,
      portals: service,
      tuning: fastTuning
    })
    // Queued while the first portal's webhook is revoked: the lane waits for new credentials.
    first.control.setConditions({ revokedWebhook: true })
    outbox.start()
    const job = await outbox.handlers['outbox:enqueue']({
      title: 'publish two pages',
      intents: [6, 14].map((targetId) => ({
        portalId: added.id,
        kind: 'page' as const,
        targetId,
        scope: '' as const,
        action: 'publish' as const
      }))
    })
    const lane = () => outbox?.view().lanes.find((l) => l.portalId === added.id)
    await waitFor('lane waits for credentials', () => lane()?.state === 'auth')

    const other = { kind: 'webhook' as const, webhookUrl: second.webhookUrl, caPem: emu.caCertPem }
    const secondLogBefore = second.control.requestLog().entries.length
    for (const call of [
      () => service.handlers['portals:check']({ credentials: other, portalId: added.id }),
      () => service.handlers['portals:setCredentials']({ portalId: added.id, credentials: other })
    ] as Array<() => unknown>) {
      const err = (await Promise.resolve()
        .then(call)
        .then(
          () => null,
          (e: unknown) => e
        )) as { code: string; message: string } | null
      expect(err?.code).toBe('PORTAL_HOST_CHANGED')
      expect(err?.message).toContain(`Add ${second.host} as a new portal`)
      expect(err?.message).toContain(first.host)
    }
    setLanguage('ru')
    try {
      await expect(
        service.handlers['portals:setCredentials']({ portalId: added.id, credentials: other })
      ).rejects.toThrow(`Добавьте ${second.host} как новый портал`)
    } finally {
      setLanguage('en')
    }
    // Nothing was called on the other portal, and nothing of the first was replaced.
    expect(second.control.requestLog().entries.length).toBe(secondLogBefore)
    expect(await keychain.get(added.id)).toBe(storedBefore)
    expect(service.get(added.id)?.host).toBe(first.host)

    // The first portal's own new webhook is taken, and the job goes where it was queued.
    first.control.setConditions({ revokedWebhook: false })
    const fresh = first.control.addWebhook()
    await service.handlers['portals:setCredentials']({
      portalId: added.id,
      credentials: { kind: 'webhook', webhookUrl: fresh.url, caPem: emu.caCertPem }
    })
    await waitFor(
      'job finished',
      () => outbox?.view().jobs.find((j) => j.id === job.id)?.state === 'finished'
    )
    expect(outbox.view().jobs.find((j) => j.id === job.id)?.counts).toMatchObject({ done: 2 })
    expect(pagesActive(first)).toEqual([true, true])
    expect(pagesActive(second)).toEqual([false, false])
    expect(second.control.requestLog().entries.filter((e) => e.method.includes('publication'))).toEqual([])
    await outbox.stop()
    outbox = undefined
  })

  it('a changed database cannot send a saved secret to another host, OAuth server or certificate', async () => {
    const [first, second] = emu.portals
    // Another user's webhook: the same user's would be the portal of the test above.
    const added = await service.handlers['portals:add']({
      meta: { name: 'Bound', limits: 'standard', tags: [], color: null, notes: '' },
      credentials: {
        kind: 'webhook',
        webhookUrl: first.control.addWebhook({ userId: 2 }).url,
        caPem: emu.caCertPem
      }
    })
    const entry = JSON.parse((await keychain.get(added.id)) ?? '{}') as {
      bound?: { host: string; ca: string }
    }
    expect(entry.bound?.host).toBe(first.host)
    expect(entry.bound?.ca).toMatch(/^[0-9A-F:]+$/)
    const secondBefore = second.control.requestLog().entries.length

    /** The portals service as the next start of the app sees the database. */
    const restarted = () =>
      createPortalsService({
        db,
        dataDir,
        events: createAppEvents(),
        log: () => {},
        now: Date.now,
        secretStore: keychain
      })
    const tamper = async (sql: string, value: string | null, what: RegExp) => {
      const before = db
        .prepare('SELECT host, ca_pem, oauth_server FROM portals WHERE id = ?')
        .get(added.id) as {
        host: string
        ca_pem: string | null
        oauth_server: string | null
      }
      db.prepare(sql).run(value, added.id)
      const next = await restarted()
      try {
        const err = await next.clientFor(added.id).then(
          () => null,
          (e: unknown) => e as { code: string; message: string }
        )
        expect(err?.code).toBe('CREDENTIALS_BOUND_ELSEWHERE')
        expect(err?.message).toMatch(what)
      } finally {
        await next.close()
        db.prepare('UPDATE portals SET host = ?, ca_pem = ?, oauth_server = ? WHERE id = ?').run(
          before.host,
          before.ca_pem,
          before.oauth_server,
          added.id
        )
      }
    }
    await tamper('UPDATE portals SET host = ? WHERE id = ?', second.host, /another portal address/)
    await tamper(
      'UPDATE portals SET oauth_server = ? WHERE id = ?',
      'https://oauth.evil.example',
      /another OAuth server/
    )
    const otherCa = (await startEmulator({ portals: 1, seed: 'demo', controlListener: false })) as Emulator
    try {
      await tamper(
        'UPDATE portals SET ca_pem = ? WHERE id = ?',
        otherCa.caCertPem,
        /another trusted certificate/
      )
    } finally {
      await otherCa.stop()
    }
    expect(second.control.requestLog().entries.length).toBe(secondBefore)

    // Untouched, it works; an entry saved before bindings existed is bound on its first use.
    const { bound: _bound, ...legacy } = JSON.parse((await keychain.get(added.id)) ?? '{}') as Record<
      string,
      unknown
    >
    await keychain.set(added.id, JSON.stringify(legacy))
    const next = await restarted()
    try {
      await (await next.clientFor(added.id)).call('profile')
      expect(JSON.parse((await keychain.get(added.id)) ?? '{}')).toMatchObject({
        bound: { host: first.host }
      })
    } finally {
      await next.close()
    }
  })

  it('an OAuth portal that answers as a different portal (another member_id) holds its queued work and says so', async () => {
    const second = emu.portals[1]
    const added = await service.handlers['portals:add']({
      meta: { name: 'App portal', limits: 'standard', tags: [], color: null, notes: '' },
      credentials: {
        kind: 'oauth',
        portalUrl: second.baseUrl,
        clientId: second.oauth.clientId,
        clientSecret: second.oauth.clientSecret,
        accessToken: second.oauth.accessToken,
        refreshToken: second.oauth.refreshToken,
        oauthServer: second.oauth.serverEndpoint,
        caPem: emu.caCertPem
      }
    })
    // The first refreshed tokens tell who the portal is; that is kept with the secret.
    second.control.expireAccessToken()
    await (await service.clientFor(added.id)).call('profile')
    const entry = async () =>
      JSON.parse((await keychain.get(added.id)) ?? '{}') as { bound?: { memberId?: string } }
    expect((await entry()).bound?.memberId).toBe(second.oauth.memberId)

    // Its address now answers as another portal.
    second.control.setConditions({ memberId: 'another-portal-member-id' })
    second.control.expireAccessToken()
    const ob = createOutboxService({
      db,
      dataDir,
      events: createAppEvents(),
      log: () => {},
      now: Date.now,
      portals: service,
      tuning: fastTuning
    })
    try {
      ob.start()
      const before = second.control.requestLog().entries.length
      const job = await ob.handlers['outbox:enqueue']({
        title: 'publish',
        intents: [{ portalId: added.id, kind: 'page', targetId: 6, scope: '', action: 'publish' }]
      })
      const lane = () => ob.view().lanes.find((l) => l.portalId === added.id)
      await waitFor('lane holds its work', () => lane()?.state === 'auth')
      expect(lane()?.reason).toMatch(/now answers as a different portal/)
      expect(ob.view().jobs.find((j) => j.id === job.id)?.counts).toMatchObject({ queued: 1, done: 0 })
      expect(
        second.control
          .requestLog()
          .entries.slice(before)
          .filter((e) => e.method.includes('publication'))
      ).toEqual([])
      expect(second.control.state().pages.find((p) => p.id === 6)?.active).toBe(false)
      // The tokens of the other portal were not kept.
      expect((await entry()).bound?.memberId).toBe(second.oauth.memberId)
    } finally {
      await ob.stop()
      await second.control.reset()
    }
  })
})
