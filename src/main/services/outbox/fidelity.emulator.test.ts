import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator, type EmulatedPortal } from '../../../emulator/index.ts'
import type { Intent, OperationView } from '../../../shared/domain/outbox'
import { setLanguage } from '../app/language'
import { createAppServices, type AppServices } from '../compose'
import { createKeychainStore } from '../portals'

/**
 * Where the app could end confidently wrong on a real portal (the landing module's failed walks,
 * plan limits, request caches, the trash, empty listings), against the emulated portal under the
 * server code's defaults. Demo seed: site 1 Spring Sale (live) with folders 1 Offers (live) > 2 Shoes
 * (offline) holding pages 3 and 4; site 2 Весенняя распродажа offline with four offline pages.
 */
describe('the app against the landing module’s second reading', () => {
  let emu: Emulator
  let portal: EmulatedPortal
  let services: AppServices
  let portalId: string
  let dataDir: string

  beforeAll(async () => {
    setLanguage('en')
    emu = await startEmulator({ portals: 1, seed: 'demo', realDelayFactor: 0 })
    portal = emu.portals[0]
    dataDir = mkdtempSync(join(tmpdir(), 'b24desk-fidelity-'))
    services = await createAppServices({
      dataDir,
      version: '0.0.0-test',
      openExternal: async () => {},
      secretStore: createKeychainStore(`B24 Desk fidelity test ${randomBytes(4).toString('hex')}`)
    })
    ;({ id: portalId } = await services.handlers['portals:add']({
      meta: { name: 'Fidelity', limits: 'standard', tags: [], color: null, notes: '' },
      credentials: { kind: 'webhook', webhookUrl: portal.webhookUrl, caPem: emu.caCertPem }
    }))
  }, 60_000)
  afterAll(async () => {
    if (portalId) await services.handlers['portals:remove']({ portalId })
    await services?.close()
    await emu?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })
  afterEach(async () => {
    await portal.control.reset()
  })

  const h = () => services.handlers
  const sync = async () => {
    await h()['catalog:sites']({ refresh: true })
    await h()['catalog:folders']({ refresh: true })
    await h()['catalog:pages']({ refresh: true })
  }

  const finished = async (jobIds: number[]) => {
    const until = Date.now() + 30_000
    for (;;) {
      const jobs = (await h()['outbox:view'](undefined)).jobs
      if (jobIds.every((id) => jobs.find((j) => j.id === id)?.state === 'finished')) return
      if (Date.now() > until) throw new Error('timed out waiting for the jobs')
      await new Promise((r) => setTimeout(r, 10))
    }
  }
  type Want = Omit<Intent, 'portalId' | 'scope'>
  const enqueue = async (intents: Want[]) =>
    (await h()['outbox:enqueue']({ intents: intents.map((i) => ({ scope: '' as const, ...i, portalId })) }))
      .id
  const run = async (intents: Want[]): Promise<OperationView[]> => {
    const id = await enqueue(intents)
    await finished([id])
    return h()['outbox:operations']({ jobId: id })
  }

  const expectCacheIsTruth = async (siteId: number) => {
    const truth = portal.control.state()
    const site = truth.sites.find((s) => s.id === siteId)!
    const pages = (await h()['catalog:pages']({ refresh: false })).rows.filter((p) => p.siteId === siteId)
    const sites = (await h()['catalog:sites']({ refresh: false })).rows
    expect(sites.find((s) => s.id === siteId)?.published).toBe(site.active)
    const sorted = <T extends { id: number }>(rows: T[]) => [...rows].sort((a, b) => a.id - b.id)
    expect(sorted(pages).map((p) => [p.id, p.published])).toEqual(
      sorted(truth.pages.filter((p) => p.siteId === siteId && !p.deleted)).map((p) => [p.id, p.active])
    )
  }

  it('a site publication stopped by the page limit: the cache holds the true state and the job says what is live', async () => {
    const live = portal.control.state().pages.filter((p) => p.active && !p.deleted).length
    portal.control.setConditions({ publicPageLimit: live + 2 })
    await sync()
    const [op] = await run([{ kind: 'site', targetId: 2, action: 'publish', label: 'Весенняя распродажа' }])
    expect(op.state).toBe('failed')
    expect(op.error?.code).toBe('PUBLIC_PAGE_REACHED')
    expect(op.error?.message).toContain(
      'The portal reports the site as published. 2 of its pages are published.'
    )
    expect(portal.control.state().sites.find((s) => s.id === 2)?.active).toBe(true)
    await expectCacheIsTruth(2)
  })

  it('a page publication and its folder’s unpublication queued together both end as asked', async () => {
    await sync()
    // Both methods answered once, so the lane no longer sends either one command at a time.
    await run([
      { kind: 'page', targetId: 14, action: 'publish' },
      { kind: 'folder', targetId: 3, action: 'unpublish' }
    ])
    const ops = await run([
      { kind: 'page', targetId: 3, action: 'publish' },
      { kind: 'folder', targetId: 2, action: 'unpublish' }
    ])
    expect(ops.map((o) => [o.targetId, o.state])).toEqual([
      [3, 'done'],
      [2, 'done']
    ])
    const truth = portal.control.state()
    expect(truth.folders.find((f) => f.id === 2)?.active).toBe(false)
    expect(truth.pages.find((p) => p.id === 3)?.active).toBe(true)
  })

  it('portal-wide and per-site listings agree on a page in a trashed folder', async () => {
    portal.control.trashFolders([2])
    const all = (await h()['catalog:pages']({ refresh: true })).rows.filter((p) => p.siteId === 1)
    const perSite = (await h()['catalog:pages']({ refresh: true, siteId: 1 })).rows.filter(
      (p) => p.siteId === 1
    )
    const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id).sort((a, b) => a - b)
    expect(ids(all)).toEqual(ids(perSite))
    expect(ids(all)).not.toContain(3)
    const again = (await h()['catalog:pages']({ refresh: true })).rows.filter((p) => p.siteId === 1)
    expect(ids(again)).toEqual(ids(perSite))
  })

  it('an empty site list does not clear the cache, and says why it may be empty', async () => {
    await sync()
    const before = (await h()['catalog:sites']({ refresh: false })).rows.length
    expect(before).toBeGreaterThan(0)
    portal.control.setConditions({ siteViewRight: false })
    const answer = await h()['catalog:sites']({ refresh: true })
    expect(answer.rows).toHaveLength(before)
    expect(answer.stale[portalId]?.message).toContain(
      'The portal lists nothing: the account may lack the right to view sites.'
    )
  })

  it('four jobs queued together each list only what no job touched, objects first seen included', async () => {
    // Sites and pages listed, folders not: the folders a page publication activates are first seen in the read-back.
    await h()['catalog:sites']({ refresh: true })
    await h()['catalog:pages']({ refresh: true })
    const jobs = [
      await enqueue([{ kind: 'page', targetId: 7, action: 'publish' }]),
      await enqueue([{ kind: 'page', targetId: 3, action: 'publish' }]),
      await enqueue([{ kind: 'folder', targetId: 3, action: 'publish' }]),
      await enqueue([{ kind: 'folder', targetId: 4, action: 'publish' }])
    ]
    await finished(jobs)
    const changes = await Promise.all(jobs.map((jobId) => h()['outbox:changes']({ jobId })))
    const keys = (i: number) => changes[i].map((c) => `${c.kind}:${c.id}`)
    // Job 1 activated site 2; the folders there are jobs 3 and 4's own.
    expect(keys(0)).toContain('site:2')
    expect(keys(0)).not.toContain('folder:3')
    expect(keys(0)).not.toContain('folder:4')
    // Job 2's page publication activated its folder, which no job asked for.
    expect(changes[1]).toContainEqual(expect.objectContaining({ kind: 'folder', id: 2, after: true }))
    for (const i of [2, 3]) expect(keys(i).filter((k) => k === 'folder:3' || k === 'folder:4')).toEqual([])
  })

  it('lists main-page sites next to ordinary sites and knowledge bases', async () => {
    portal.control.setConditions({ mainPageSites: true })
    const rows = (await h()['catalog:sites']({ refresh: true })).rows
    expect(new Set(rows.map((s) => s.scope))).toEqual(new Set(['', 'KNOWLEDGE', 'GROUP', 'MAINPAGE']))
  })
})
