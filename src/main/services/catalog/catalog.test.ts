import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator, type EmulatedPortal } from '../../../emulator/index.ts'
import { createAppEvents } from '../events'
import { openDatabase, type Database } from '../db/database'
import { createKeychainStore, createPortalsService, type PortalsService } from '../portals'

let emu: Emulator
let portal: EmulatedPortal
let dataDir: string
let db: Database
let service: PortalsService
let portalId: string
const updates: string[] = []
const portalLists: Array<Array<{ id: string; lastSyncAt: number | null }>> = []

beforeAll(async () => {
  emu = await startEmulator({ portals: 1, seed: 'demo', realDelayFactor: 0 })
  portal = emu.portals[0]
  dataDir = mkdtempSync(join(tmpdir(), 'b24desk-catalog-'))
  db = openDatabase(dataDir)
  const events = createAppEvents()
  events.subscribe((channel, payload) => {
    if (channel === 'catalog:updated') updates.push((payload as { what: string }).what)
    if (channel === 'portals:changed')
      portalLists.push(payload as Array<{ id: string; lastSyncAt: number | null }>)
  })
  service = await createPortalsService({
    db,
    dataDir,
    events,
    log: () => {},
    now: Date.now,
    secretStore: createKeychainStore(`B24 Desk catalog test ${randomBytes(4).toString('hex')}`)
  })
  const added = await service.handlers['portals:add']({
    meta: { name: 'Demo', limits: 'standard', tags: [], color: null, notes: '' },
    credentials: { kind: 'webhook', webhookUrl: portal.webhookUrl, caPem: emu.caCertPem }
  })
  portalId = added.id
})

afterAll(async () => {
  if (portalId) await service.handlers['portals:remove']({ portalId })
  await service?.close()
  db?.close()
  await emu?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('catalog', () => {
  it('tells the sidebar when a portal was last synced', async () => {
    const before = Date.now()
    portalLists.length = 0
    await service.handlers['catalog:documents']({ refresh: true })
    const announced = portalLists.at(-1)?.find((p) => p.id === portalId)
    expect(announced?.lastSyncAt).toBeGreaterThanOrEqual(before)
    expect(service.get(portalId)?.lastSyncAt).toBe(announced?.lastSyncAt)
  })

  it('finds a page public URL on demand, in the scope the page lives in', async () => {
    const h = service.handlers
    const state = portal.control.state()
    const page = state.pages.find(
      (p) =>
        !p.deleted &&
        p.folderId !== null &&
        !p.code.includes('index') &&
        state.sites.find((s) => s.id === p.siteId)?.type === 'PAGE'
    )!
    const url = await h['catalog:publicUrl']({ portalId, kind: 'page', id: page.id, scope: '' })
    expect(url).toMatch(/^https:\/\//)
    expect(url).toMatch(/\/$/)
    const siteUrl = await h['catalog:publicUrl']({ portalId, kind: 'site', id: page.siteId, scope: '' })
    expect(url!.startsWith(siteUrl!.replace(/\/$/, ''))).toBe(true)

    const kbSite = state.sites.find((s) => s.type === 'KNOWLEDGE' && !s.deleted)!
    const kbPage = state.pages.find((p) => p.siteId === kbSite.id && !p.deleted)!
    expect(
      await h['catalog:publicUrl']({ portalId, kind: 'page', id: kbPage.id, scope: 'KNOWLEDGE' })
    ).toMatch(/^https:/)
    await expect(
      h['catalog:publicUrl']({ portalId, kind: 'page', id: kbPage.id, scope: '' })
    ).rejects.toMatchObject({
      code: 'LANDING_NOT_EXIST'
    })
  })

  it('reads every scope of sites, pages, folders and documents, and answers from the cache offline with their age', async () => {
    const h = service.handlers
    const state = portal.control.state()
    const liveSites = state.sites.filter((s) => !s.deleted && s.type !== 'MAINPAGE')

    const sites = await h['catalog:sites']({ refresh: true })
    expect(sites.rows.map((s) => s.id).sort()).toEqual(liveSites.map((s) => s.id).sort())
    for (const s of sites.rows) {
      const expectedScope = s.type === 'KNOWLEDGE' || s.type === 'GROUP' ? s.type : ''
      expect(s.scope).toBe(expectedScope)
    }
    const syncedAt = sites.syncedAt[portalId]
    expect(syncedAt).toEqual(expect.any(Number))

    const pages = await h['catalog:pages']({ refresh: true })
    const livePageIds = state.pages
      .filter((p) => !p.deleted && liveSites.some((s) => s.id === p.siteId))
      .map((p) => p.id)
    expect(pages.rows.map((p) => p.id).sort()).toEqual(livePageIds.sort())

    const folders = await h['catalog:folders']({ refresh: true })
    const liveFolders = state.folders.filter((f) => !f.deleted && liveSites.some((s) => s.id === f.siteId))
    expect(folders.rows.map((f) => f.id).sort()).toEqual(liveFolders.map((f) => f.id).sort())

    const docs = await h['catalog:documents']({ refresh: true })
    expect(docs.rows).toHaveLength(state.documents.length)
    expect(updates).toEqual(expect.arrayContaining(['sites', 'pages', 'folders', 'documents']))

    const one = state.documents[0]
    const doc = await h['catalog:document']({ portalId, id: one.id })
    expect(doc.publicUrl ?? null).toBe(one.publicUrl)

    await portal.control.goOffline()
    try {
      const stale = await h['catalog:pages']({ refresh: true })
      expect(stale.rows).toHaveLength(pages.rows.length)
      expect(stale.stale[portalId]?.message).toBeTruthy()
      expect(stale.syncedAt[portalId]).toBe(pages.syncedAt[portalId])
      expect(service.get(portalId)?.health.state).toBe('unreachable')

      const cachedOnly = await h['catalog:documents']({ refresh: false })
      expect(cachedOnly.rows.find((d) => d.id === one.id)?.publicUrl ?? null).toBe(one.publicUrl)
    } finally {
      await portal.control.goOnline()
    }
    const fresh = await h['catalog:pages']({ refresh: true })
    expect(fresh.stale).toEqual({})
    expect(service.get(portalId)?.health.state).toBe('online')
  })

  it('refreshes the pages of one site only', async () => {
    const state = portal.control.state()
    const site =
      state.sites.find((s) => !s.deleted && s.type === 'KNOWLEDGE') ?? state.sites.find((s) => !s.deleted)
    if (!site) throw new Error('the demo seed has no site')
    const pages = await service.handlers['catalog:pages']({ refresh: true, siteId: site.id })
    const expected = state.pages.filter((p) => !p.deleted && p.siteId === site.id).map((p) => p.id)
    expect(pages.rows.map((p) => p.id).sort()).toEqual(expected.sort())
    expect(pages.rows.every((p) => p.siteId === site.id)).toBe(true)
  })

  it('returns preview images as data: URLs and serves them from disk when the portal is away', async () => {
    const state = portal.control.state()
    const page = state.pages.find((p) => !p.deleted)
    if (!page) throw new Error('the demo seed has no page')
    const first = await service.handlers['previews:get']({ portalId, kind: 'page', id: page.id, scope: '' })
    expect(first.dataUrl).toMatch(/^data:image\/(png|jpeg);base64,/)
    expect(first.cached).toBe(false)

    await portal.control.goOffline()
    try {
      const again = await service.handlers['previews:get']({ portalId, kind: 'page', id: page.id, scope: '' })
      expect(again.cached).toBe(true)
      expect(again.dataUrl).toBe(first.dataUrl)
    } finally {
      await portal.control.goOnline()
    }
  })
})
