import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type EmulatedPortal } from '../../../emulator/index.ts'
import type { Intent } from '../../../shared/domain/outbox'
import { createAppServices } from '../compose'
import { createKeychainStore } from '../portals'
import { waitFor } from '../outbox/testing/harness'

/**
 * The whole main process as the desktop app builds it, against the emulated portal: what a job
 * changed must show in the cache (refresh: false) without a new sync, as the dashboard and the
 * command line's offline listings read it.
 */
const open = async (seed: 'demo' | 'large') => {
  const emu = await startEmulator({ portals: 1, seed, realDelayFactor: 0 })
  const portal = emu.portals[0]
  const dataDir = mkdtempSync(join(tmpdir(), 'b24desk-follow-'))
  const services = await createAppServices({
    dataDir,
    version: '0.0.0-test',
    openExternal: async () => {},
    secretStore: createKeychainStore(`B24 Desk follow test ${randomBytes(4).toString('hex')}`)
  })
  const updates: Array<{ portalId: string; what: string }> = []
  services.events.subscribe((channel, payload) => {
    if (channel === 'catalog:updated') updates.push(payload as { portalId: string; what: string })
  })
  const { id: portalId } = await services.handlers['portals:add']({
    meta: { name: 'Follow', limits: 'standard', tags: [], color: null, notes: '' },
    credentials: { kind: 'webhook', webhookUrl: portal.webhookUrl, caPem: emu.caCertPem }
  })
  const h = services.handlers
  const sync = async () => {
    await h['catalog:sites']({ refresh: true })
    await h['catalog:folders']({ refresh: true })
    await h['catalog:pages']({ refresh: true })
    await h['catalog:documents']({ refresh: true })
  }
  const run = async (intents: Array<Omit<Intent, 'portalId' | 'scope'> & { scope?: Intent['scope'] }>) => {
    const job = await h['outbox:enqueue']({ intents: intents.map((i) => ({ scope: '', ...i, portalId })) })
    const until = Date.now() + 20_000
    while ((await h['outbox:snapshot'](undefined)).jobs.find((j) => j.id === job.id)?.state !== 'finished') {
      if (Date.now() > until) throw new Error('timed out waiting for the job')
      await new Promise((r) => setTimeout(r, 10))
    }
    const ops = await h['outbox:operations']({ jobId: job.id })
    expect(ops.every((o) => o.state === 'done')).toBe(true)
  }
  const cached = async () => ({
    sites: (await h['catalog:sites']({ refresh: false })).rows,
    folders: (await h['catalog:folders']({ refresh: false })).rows,
    pages: (await h['catalog:pages']({ refresh: false })).rows,
    documents: (await h['catalog:documents']({ refresh: false })).rows
  })
  const close = async () => {
    await h['portals:remove']({ portalId })
    await services.close()
    await emu.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return { emu, portal, services, portalId, updates, sync, run, cached, close }
}

describe('the catalog cache follows the outbox', () => {
  let t: Awaited<ReturnType<typeof open>>
  let portal: EmulatedPortal

  beforeAll(async () => {
    t = await open('demo')
    portal = t.portal
  })
  afterAll(async () => {
    await t?.close()
  })
  afterEach(async () => {
    await portal.control.reset()
  })

  const names = () => {
    const s = portal.control.state()
    const site = s.sites.find((x) => x.code === 'vesennyaya-rasprodazha')!
    const inner = s.folders.find((f) => f.siteId === site.id && f.code === 'odezhda')!
    const outer = s.folders.find((f) => f.id === inner.parentId)!
    const page = s.pages.find((p) => p.folderId === inner.id && p.code === 'kurtki')!
    const sibling = s.pages.find((p) => p.folderId === inner.id && p.id !== page.id)!
    return { site, inner, outer, page, sibling }
  }

  it('publishing a page in an unpublished folder of an unpublished site shows page, folder chain and site published', async () => {
    const { site, inner, outer, page, sibling } = names()
    expect([site.active, inner.active, outer.active, page.active]).toEqual([false, false, false, false])
    await t.sync()
    t.updates.length = 0

    await t.run([{ kind: 'page', targetId: page.id, action: 'publish' }])
    await waitFor('cache updated', () => t.updates.length >= 3)

    const c = await t.cached()
    expect(c.pages.find((p) => p.id === page.id)?.published).toBe(true)
    expect(c.folders.find((f) => f.id === inner.id)?.published).toBe(true)
    expect(c.folders.find((f) => f.id === outer.id)?.published).toBe(true)
    expect(c.sites.find((s) => s.id === site.id)?.published).toBe(true)
    // Only what the portal changed: the other page of that folder stays as it was.
    expect(c.pages.find((p) => p.id === sibling.id)?.published).toBe(false)
    expect(new Set(t.updates.map((u) => u.what))).toEqual(new Set(['pages', 'folders', 'sites']))
    expect(t.updates.every((u) => u.portalId === t.portalId)).toBe(true)

    // The cache tells what the portal holds now, as a fresh sync would.
    const s = portal.control.state()
    expect(s.folders.filter((f) => [inner.id, outer.id].includes(f.id)).every((f) => f.active)).toBe(true)
    expect(s.sites.find((x) => x.id === site.id)?.active).toBe(true)
  })

  it('unpublishing a site shows its cached pages and folders unpublished', async () => {
    const s = portal.control.state()
    const site = s.sites.find((x) => x.code === 'spring-sale')!
    await t.sync()
    const before = await t.cached()
    expect(before.pages.some((p) => p.siteId === site.id && p.published)).toBe(true)
    expect(before.folders.some((f) => f.siteId === site.id && f.published)).toBe(true)
    const otherSitePages = before.pages.filter((p) => p.siteId !== site.id).map((p) => [p.id, p.published])
    t.updates.length = 0

    await t.run([{ kind: 'site', targetId: site.id, action: 'unpublish' }])
    await waitFor('cache updated', () => t.updates.length >= 3)

    const c = await t.cached()
    expect(c.sites.find((x) => x.id === site.id)?.published).toBe(false)
    expect(c.pages.filter((p) => p.siteId === site.id).every((p) => !p.published)).toBe(true)
    expect(c.folders.filter((f) => f.siteId === site.id).every((f) => !f.published)).toBe(true)
    expect(c.pages.filter((p) => p.siteId !== site.id).map((p) => [p.id, p.published])).toEqual(
      otherSitePages
    )

    // Publishing it again activates its folders; its pages stay offline, as on the portal.
    t.updates.length = 0
    await t.run([{ kind: 'site', targetId: site.id, action: 'publish' }])
    await waitFor('cache updated', () => t.updates.length >= 2)
    const again = await t.cached()
    expect(again.sites.find((x) => x.id === site.id)?.published).toBe(true)
    expect(again.folders.filter((f) => f.siteId === site.id).every((f) => f.published)).toBe(true)
    const portalPages = new Map(portal.control.state().pages.map((p) => [p.id, p.active]))
    for (const p of again.pages.filter((x) => x.siteId === site.id))
      expect(p.published).toBe(portalPages.get(p.id))
  })

  it('switching document links keeps the link state DocumentRow describes', async () => {
    await t.sync()
    const docs = portal.control.state().documents
    const withLink = docs.find((d) => d.publicUrl !== null)!
    const without = docs.find((d) => d.publicUrl === null)!
    // Read both once so their links are known in the cache.
    await t.services.handlers['catalog:document']({ portalId: t.portalId, id: withLink.id })
    await t.services.handlers['catalog:document']({ portalId: t.portalId, id: without.id })
    t.updates.length = 0

    await t.run([
      { kind: 'document', targetId: withLink.id, action: 'link-off' },
      { kind: 'document', targetId: without.id, action: 'link-on' }
    ])
    await waitFor('cache updated', () => t.updates.some((u) => u.what === 'documents'))
    const c = await t.cached()
    expect(c.documents.find((d) => d.id === withLink.id)?.publicUrl).toBeNull()
    // Switched on: the URL is not known until read, so the row says "unknown", not "off".
    const on = c.documents.find((d) => d.id === without.id)
    expect(on).toBeDefined()
    expect(on && 'publicUrl' in on).toBe(false)
    // One announcement per batch the portal answered (the lane sends a first command on its own).
    expect(t.updates.every((u) => u.what === 'documents')).toBe(true)
    expect(t.updates.length).toBeLessThanOrEqual(2)
  })
})

describe('the catalog cache follows a large job', () => {
  let t: Awaited<ReturnType<typeof open>>

  beforeAll(async () => {
    t = await open('large')
  })
  afterAll(async () => {
    await t?.close()
  })

  it('announces a 200-operation job in a few catalog:updated events, not one per operation', async () => {
    await t.sync()
    const offline = (await t.cached()).pages.filter((p) => !p.published).slice(0, 200)
    expect(offline).toHaveLength(200)
    t.updates.length = 0

    await t.run(
      offline.map((p) => ({
        kind: 'page' as const,
        targetId: p.id,
        action: 'publish' as const,
        scope: p.scope
      }))
    )
    const c = await t.cached()
    const published = new Set(c.pages.filter((p) => p.published).map((p) => p.id))
    expect(offline.every((p) => published.has(p.id))).toBe(true)
    // One event per changed area per batch of up to 50: 200 operations travel in about five.
    expect(t.updates.length).toBeGreaterThan(0)
    expect(t.updates.length).toBeLessThanOrEqual(20)
  })
})
