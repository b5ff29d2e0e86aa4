import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../../emulator/index.ts'
import { createAppEvents } from '../events'
import { createCatalogService } from '../catalog'
import { openDatabase, type Database } from '../db/database'
import { createKeychainStore, createPortalsService, type PortalsApi } from '../portals'
import { createSnapshotsService } from '../snapshots/service'
import { setLanguage } from '../app/language'
import { createOutboxService } from './index'
import { fastTuning, waitFor } from './testing/harness'

/** Issue 17: work and snapshots recorded for one portal are not applied to another at its address. */
describe('a portal that now answers as another portal (another member_id)', () => {
  let emu: Emulator
  let dataDir: string
  let db: Database
  let service: PortalsApi
  const keychain = createKeychainStore(`B24 Desk identity test ${randomBytes(4).toString('hex')}`)

  beforeAll(async () => {
    setLanguage('en')
    emu = await startEmulator({ portals: 1, seed: 'demo', realDelayFactor: 0 })
    dataDir = mkdtempSync(join(tmpdir(), 'b24desk-identity-'))
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
    for (const p of service.list()) await service.handlers['portals:remove']({ portalId: p.id })
    await service.close()
    db.close()
    rmSync(dataDir, { recursive: true, force: true })
    await emu.stop()
  })

  it('holds the work queued for the first portal and refuses to restore its snapshot', async () => {
    const portal = emu.portals[0]
    const added = await service.handlers['portals:add']({
      meta: { name: 'App portal', limits: 'standard', tags: [], color: null, notes: '' },
      credentials: {
        kind: 'oauth',
        portalUrl: portal.baseUrl,
        clientId: portal.oauth.clientId,
        clientSecret: portal.oauth.clientSecret,
        accessToken: portal.oauth.accessToken,
        refreshToken: portal.oauth.refreshToken,
        oauthServer: portal.oauth.serverEndpoint,
        caPem: emu.caCertPem
      }
    })
    portal.control.expireAccessToken()
    await (await service.clientFor(added.id)).call('profile')
    const first = `member:${portal.oauth.memberId}`
    expect(await service.identityOf(added.id)).toBe(first)

    const events = createAppEvents()
    const outbox = createOutboxService({
      db,
      dataDir,
      events,
      log: () => {},
      now: Date.now,
      portals: service,
      tuning: fastTuning
    })
    const catalog = createCatalogService({
      db,
      events,
      now: Date.now,
      portals: {
        ids: () => service.ids(),
        has: (id) => service.has(id),
        clientFor: (id) => service.clientFor(id),
        markSynced: () => {}
      }
    })
    const snapshots = createSnapshotsService({
      db,
      events,
      now: Date.now,
      log: () => {},
      catalog,
      portals: {
        has: (id) => service.has(id),
        name: (id) => service.get(id)?.name ?? id,
        clientFor: (id) => service.clientFor(id),
        identityOf: (id) => service.identityOf(id)
      },
      outbox: {
        enqueueJob: (spec) => outbox.enqueueJob(spec),
        job: (id) => outbox.job(id),
        cancelJob: async (id) => {
          await outbox.cancelJob(id)
        },
        setRestoreResult: (id, matches, differences) => outbox.setRestoreResult(id, matches, differences),
        isRunner: () => outbox.isRunner(),
        changed: () => outbox.changedElsewhere()
      }
    })
    try {
      // Recorded while the portal is the first one: a snapshot, and a job not yet sent.
      const snap = await snapshots.handlers['snapshots:take']({ portalIds: [added.id] })
      const job = await outbox.handlers['outbox:enqueue']({
        title: 'publish',
        intents: [{ portalId: added.id, kind: 'page', targetId: 6, scope: '', action: 'publish' }]
      })
      expect(
        db.prepare('SELECT portal_identity FROM outbox_operations WHERE job_id = ?').all(job.id)
      ).toEqual([{ portal_identity: first }])

      // The address now answers as another portal, and the person entered its credentials.
      portal.control.setConditions({ memberId: 'another-portal-member-id' })
      const stored = JSON.parse((await keychain.get(added.id)) ?? '{}') as {
        accessToken: string
        refreshToken: string
      }
      await service.handlers['portals:setCredentials']({
        portalId: added.id,
        credentials: {
          kind: 'oauth',
          portalUrl: portal.baseUrl,
          clientId: portal.oauth.clientId,
          clientSecret: portal.oauth.clientSecret,
          accessToken: stored.accessToken,
          refreshToken: stored.refreshToken,
          oauthServer: portal.oauth.serverEndpoint
        }
      })
      portal.control.expireAccessToken()
      await (await service.clientFor(added.id)).call('profile')
      expect(await service.identityOf(added.id)).toBe('member:another-portal-member-id')

      const before = portal.control.requestLog().entries.length
      outbox.start()
      const lane = () => outbox.view().lanes.find((l) => l.portalId === added.id)
      await waitFor('lane holds the work of the first portal', () => lane()?.state === 'auth')
      expect(lane()?.reason).toContain(
        `This work was queued for member_id ${portal.oauth.memberId}; the portal now answers as member_id another-portal-member-id.`
      )
      expect(outbox.job(job.id)?.counts).toMatchObject({ queued: 1, done: 0 })
      expect(
        portal.control
          .requestLog()
          .entries.slice(before)
          .filter((e) => e.method.includes('publication'))
      ).toEqual([])
      expect(portal.control.state().pages.find((p) => p.id === 6)?.active).toBe(false)

      // The snapshot of the first portal is not restored onto the other one.
      await expect(snapshots.handlers['snapshots:restore']({ snapshotId: snap.id })).rejects.toMatchObject({
        code: 'SNAPSHOT_OF_OTHER_PORTAL',
        message: expect.stringContaining('now answers as member_id another-portal-member-id') as unknown
      })
    } finally {
      await snapshots.close()
      await outbox.stop()
      await portal.control.reset()
    }
  })
})
