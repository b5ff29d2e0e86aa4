import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator, type EmulatedPortal } from '../../../emulator/index.ts'
import type { Handlers } from '../../../shared/ipc/handlers'
import { createAppServices, type AppServices } from '../compose'
import { createKeychainStore } from '../portals'

let emu: Emulator
let portal: EmulatedPortal
let dataDir: string
let app: AppServices
let h: Handlers
let portalId: string
const updates: string[] = []
const portalLists: Array<Array<{ id: string; lastSyncAt: number | null }>> = []

/** The portal as the window's list shows it. */
const listed = async (id: string) => (await h['portals:list'](undefined)).find((p) => p.id === id)

beforeAll(async () => {
  emu = await startEmulator({ portals: 1, seed: 'demo', realDelayFactor: 0 })
  portal = emu.portals[0]
  dataDir = mkdtempSync(join(tmpdir(), 'b24desk-catalog-'))
  // Wired as the app wires it (compose.ts): the catalog and previews are areas of their own.
  app = await createAppServices({
    dataDir,
    version: '0.0.0-test',
    openExternal: async () => {},
    secretStore: createKeychainStore(`B24 Desk catalog test ${randomBytes(4).toString('hex')}`),
    runOutbox: false,
    watchOtherProcesses: false
  })
  h = app.handlers
  app.events.subscribe((channel, payload) => {
    if (channel === 'catalog:updated') updates.push(payload.area)
    if (channel === 'portals:changed') portalLists.push(payload)
  })
  const added = await h['portals:add']({
    meta: { name: 'Demo', limits: 'standard', tags: [], color: null, notes: '' },
    credentials: { kind: 'webhook', webhookUrl: portal.webhookUrl, caPem: emu.caCertPem }
  })
  portalId = added.id
})

afterAll(async () => {
  if (portalId && (await listed(portalId))) await h['portals:remove']({ portalId })
  await app?.close()
  await emu?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('catalog', () => {
  it('tells the sidebar when a portal was last synced', async () => {
    const before = Date.now()
    portalLists.length = 0
    await h['catalog:documents']({ refresh: true })
    const announced = portalLists.at(-1)?.find((p) => p.id === portalId)
    expect(announced?.lastSyncAt).toBeGreaterThanOrEqual(before)
    expect((await listed(portalId))?.lastSyncAt).toBe(announced?.lastSyncAt)
  })

  it('finds a page public URL on demand, in the scope the page lives in', async () => {
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
      expect((await listed(portalId))?.health.state).toBe('unreachable')

      const cachedOnly = await h['catalog:documents']({ refresh: false })
      expect(cachedOnly.rows.find((d) => d.id === one.id)?.publicUrl ?? null).toBe(one.publicUrl)
    } finally {
      await portal.control.goOnline()
    }
    const fresh = await h['catalog:pages']({ refresh: true })
    expect(fresh.stale).toEqual({})
    expect((await listed(portalId))?.health.state).toBe('online')
  })

  it('refreshes the pages of one site only', async () => {
    const state = portal.control.state()
    const site =
      state.sites.find((s) => !s.deleted && s.type === 'KNOWLEDGE') ?? state.sites.find((s) => !s.deleted)
    if (!site) throw new Error('the demo seed has no site')
    const pages = await h['catalog:pages']({ refresh: true, siteId: site.id })
    const expected = state.pages.filter((p) => !p.deleted && p.siteId === site.id).map((p) => p.id)
    expect(pages.rows.map((p) => p.id).sort()).toEqual(expected.sort())
    expect(pages.rows.every((p) => p.siteId === site.id)).toBe(true)
  })

  it('returns preview images as data: URLs and serves them from disk when the portal is away', async () => {
    const state = portal.control.state()
    const page = state.pages.find((p) => !p.deleted)
    if (!page) throw new Error('the demo seed has no page')
    const first = await h['previews:get']({ portalId, kind: 'page', id: page.id, scope: '' })
    expect(first.dataUrl).toMatch(/^data:image\/(png|jpeg);base64,/)
    expect(first.cached).toBe(false)

    await portal.control.goOffline()
    try {
      const again = await h['previews:get']({ portalId, kind: 'page', id: page.id, scope: '' })
      expect(again.cached).toBe(true)
      expect(again.dataUrl).toBe(first.dataUrl)
    } finally {
      await portal.control.goOnline()
    }
  })
  it('forgets a removed portal: its cached listings and preview images leave the data folder', async () => {
    const state = portal.control.state()
    const page = state.pages.find((p) => !p.deleted)!
    await h['catalog:pages']({ refresh: true })
    expect((await h['previews:get']({ portalId, kind: 'page', id: page.id, scope: '' })).dataUrl).toBeTruthy()
    const cachedRows = (table: string) =>
      (
        app.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE portal_id = ?`).get(portalId) as {
          n: number
        }
      ).n
    expect(cachedRows('catalog_pages')).toBeGreaterThan(0)
    const previewDir = join(dataDir, 'previews', portalId)
    expect(existsSync(previewDir)).toBe(true)

    await h['portals:remove']({ portalId })
    for (const table of [
      'catalog_sites',
      'catalog_pages',
      'catalog_folders',
      'catalog_documents',
      'catalog_sync'
    ])
      expect(cachedRows(table), table).toBe(0)
    expect(existsSync(previewDir)).toBe(false)
    // The window's next read says nothing of it, even from the cache.
    const pages = await h['catalog:pages']({ refresh: false })
    expect(pages.rows.some((r) => r.portalId === portalId)).toBe(false)
  })
})
