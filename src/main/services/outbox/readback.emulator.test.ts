import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator, type EmulatedPortal } from '../../../emulator/index.ts'
import type { Conditions, PortalStateSnapshot } from '../../../emulator/types.ts'
import type { LandingScope } from '../../../shared/domain/catalog'
import type { Intent, OperationView } from '../../../shared/domain/outbox'
import { setLanguage } from '../app/language'
import { createAppServices, type AppServices } from '../compose'
import { createKeychainStore } from '../portals'

/**
 * The whole main process as the desktop app builds it, against the emulated portal with the
 * server's behaviour (sticky scope in a batch, site publication per the server code or the docs,
 * folder unpublication of the parent chain, pages that answer a publication with nothing): after
 * every job the catalog cache holds what the portal reports, read back, without a manual refresh.
 */
describe('read-back against the emulated portal', () => {
  let emu: Emulator
  let portal: EmulatedPortal
  let services: AppServices
  let portalId: string
  let dataDir: string
  const updates: Array<{ portalId: string; area: string }> = []

  beforeAll(async () => {
    setLanguage('en')
    emu = await startEmulator({ portals: 1, seed: 'demo', realDelayFactor: 0 })
    portal = emu.portals[0]
    dataDir = mkdtempSync(join(tmpdir(), 'b24desk-readback-'))
    services = await createAppServices({
      dataDir,
      version: '0.0.0-test',
      openExternal: async () => {},
      secretStore: createKeychainStore(`B24 Desk read-back test ${randomBytes(4).toString('hex')}`)
    })
    services.events.subscribe((channel, payload) => {
      if (channel === 'catalog:updated') updates.push(payload)
    })
    ;({ id: portalId } = await services.handlers['portals:add']({
      meta: { name: 'Read-back', limits: 'standard', tags: [], color: null, notes: '' },
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

  type Want = Omit<Intent, 'portalId' | 'scope'> & { scope?: LandingScope }
  const run = async (intents: Want[]): Promise<{ jobId: number; ops: OperationView[] }> => {
    const job = await h()['outbox:enqueue']({ intents: intents.map((i) => ({ scope: '', ...i, portalId })) })
    const until = Date.now() + 30_000
    while ((await h()['outbox:view'](undefined)).jobs.find((j) => j.id === job.id)?.state !== 'finished') {
      if (Date.now() > until) throw new Error('timed out waiting for the job')
      await new Promise((r) => setTimeout(r, 10))
    }
    return { jobId: job.id, ops: await h()['outbox:operations']({ jobId: job.id }) }
  }

  const scopeOf = (s: PortalStateSnapshot, siteId: number): LandingScope =>
    s.sites.find((x) => x.id === siteId)?.scope ?? ''

  /** Every page and folder of the site in the cache (no refresh) as the portal's true state has it. */
  const expectCacheIsTruth = async (siteId: number) => {
    const truth = portal.control.state()
    const site = truth.sites.find((s) => s.id === siteId)!
    const liveFolders = truth.folders.filter((f) => f.siteId === siteId && !f.deleted)
    const pages = (await h()['catalog:pages']({ refresh: false })).rows.filter((p) => p.siteId === siteId)
    const folders = (await h()['catalog:folders']({ refresh: false })).rows.filter((f) => f.siteId === siteId)
    const sites = (await h()['catalog:sites']({ refresh: false })).rows
    expect(sites.find((s) => s.id === siteId)?.published).toBe(site.active)
    const byId = <T extends { id: number }>(rows: T[]) => [...rows].sort((a, b) => a.id - b.id)
    expect(byId(pages).map((p) => [p.id, p.published, p.siteActive])).toEqual(
      byId(truth.pages.filter((p) => p.siteId === siteId && !p.deleted)).map((p) => [
        p.id,
        p.active,
        site.active
      ])
    )
    expect(byId(folders).map((f) => [f.id, f.published])).toEqual(
      byId(liveFolders).map((f) => [f.id, f.active])
    )
  }

  it('one job publishing ordinary, knowledge-base and group knowledge-base pages, interleaved, publishes every page with no failure', async () => {
    expect(portal.control.conditions().stickyScope).toBe(true)
    const s = portal.control.state()
    const offline = (scope: LandingScope) =>
      s.pages.filter(
        (p) =>
          !p.deleted &&
          !p.active &&
          p.canPublish &&
          scopeOf(s, p.siteId) === scope &&
          !s.sites.find((x) => x.id === p.siteId)?.deleted
      )
    const lists = (['', 'KNOWLEDGE', 'GROUP'] as LandingScope[]).map(offline)
    expect(lists.every((l) => l.length > 0)).toBe(true)
    const interleaved: Want[] = []
    for (let i = 0; i < Math.max(...lists.map((l) => l.length)); i++) {
      for (const l of lists) {
        const p = l[i]
        if (p)
          interleaved.push({ kind: 'page', targetId: p.id, action: 'publish', scope: scopeOf(s, p.siteId) })
      }
    }
    await sync()
    const { ops } = await run(interleaved)
    expect(ops.map((o) => [o.targetId, o.state, o.error?.code ?? null])).toEqual(
      interleaved.map((i) => [i.targetId, 'done', null])
    )
    const truth = portal.control.state()
    const cached = (await h()['catalog:pages']({ refresh: false })).rows
    for (const i of interleaved) {
      expect(truth.pages.find((p) => p.id === i.targetId)?.active).toBe(true)
      expect(cached.find((p) => p.id === i.targetId)?.published).toBe(true)
    }
  })

  it('lists ordinary sites’ folders next to knowledge bases’ completely under the sticky scope', async () => {
    const truth = portal.control.state()
    const folders = (await h()['catalog:folders']({ refresh: true })).rows
    const live = truth.folders.filter(
      (f) => !f.deleted && !truth.sites.find((s) => s.id === f.siteId)?.deleted
    )
    expect(new Set(live.map((f) => scopeOf(truth, f.siteId))).size).toBeGreaterThan(1)
    expect(folders.map((f) => f.id).sort((a, b) => a - b)).toEqual(
      live.map((f) => f.id).sort((a, b) => a - b)
    )
  })

  for (const behaviour of ['server', 'docs'] as const) {
    it(`site publication and unpublication per the ${behaviour === 'server' ? 'server code' : 'docs'}: the cached pages equal the portal's true state`, async () => {
      portal.control.setConditions({
        sitePublication: behaviour,
        siteUnpublication: behaviour
      } satisfies Partial<Conditions>)
      const s = portal.control.state()
      // An ordinary site with inactive pages: the two behaviours differ on them.
      const site = s.sites.find(
        (x) =>
          !x.deleted &&
          x.scope === '' &&
          s.pages.some((p) => p.siteId === x.id && !p.deleted && !p.active) &&
          s.pages.some((p) => p.siteId === x.id && !p.deleted && p.active)
      )!
      expect(site).toBeDefined()
      await sync()
      updates.length = 0

      const off = await run([{ kind: 'site', targetId: site.id, action: 'unpublish' }])
      expect(off.ops[0].state).toBe('done')
      await expectCacheIsTruth(site.id)
      expect(updates.some((u) => u.area === 'pages')).toBe(true)

      const on = await run([{ kind: 'site', targetId: site.id, action: 'publish' }])
      expect(on.ops[0].state).toBe('done')
      await expectCacheIsTruth(site.id)
      const truth = portal.control.state()
      if (behaviour === 'server') {
        // The server publishes the inactive pages too; the job says so.
        const changes = await h()['outbox:changes']({ jobId: on.jobId })
        const published = changes.filter((c) => c.kind === 'page' && c.after)
        expect(published.length).toBeGreaterThan(0)
        for (const c of published) expect(truth.pages.find((p) => p.id === c.id)?.active).toBe(true)
        expect((await h()['outbox:view'](undefined)).jobs.find((j) => j.id === on.jobId)?.changes).toBe(
          changes.length
        )
      } else {
        expect(truth.pages.some((p) => p.siteId === site.id && !p.deleted && !p.active)).toBe(true)
      }
    })
  }

  it('a folder unpublication takes its parent chain offline, and the cache and the job show it', async () => {
    const s = portal.control.state()
    const leaf = s.folders.find(
      (f) => !f.deleted && f.parentId !== null && s.folders.some((p) => p.id === f.parentId && !p.deleted)
    )!
    expect(leaf).toBeDefined()
    const scope = scopeOf(s, leaf.siteId)
    await sync()
    // Publish the chain first (publishing a folder publishes its parents), then take the leaf offline.
    const up = await run([{ kind: 'folder', targetId: leaf.id, action: 'publish', scope }])
    expect(up.ops[0].state).toBe('done')
    await expectCacheIsTruth(leaf.siteId)

    const down = await run([{ kind: 'folder', targetId: leaf.id, action: 'unpublish', scope }])
    expect(down.ops[0].state).toBe('done')
    await expectCacheIsTruth(leaf.siteId)
    const truth = portal.control.state()
    const parent = truth.folders.find((f) => f.id === leaf.parentId)!
    expect(parent.active).toBe(false)
    const changes = await h()['outbox:changes']({ jobId: down.jobId })
    expect(changes).toContainEqual(
      expect.objectContaining({ kind: 'folder', id: parent.id, before: true, after: false })
    )
    expect(changes.some((c) => c.id === leaf.id && c.kind === 'folder')).toBe(false)
  })

  it('a page answering its publication with an empty result is not done, and shows what the portal reports', async () => {
    const s = portal.control.state()
    const page = s.pages.find(
      (p) =>
        !p.deleted &&
        !p.active &&
        scopeOf(s, p.siteId) === '' &&
        !s.sites.find((x) => x.id === p.siteId)?.deleted
    )!
    portal.control.setPublicationRight([page.id], false)
    await sync()
    const { ops } = await run([{ kind: 'page', targetId: page.id, action: 'publish' }])
    expect(ops[0].state).toBe('mismatch')
    expect(ops[0].error).toMatchObject({ code: 'PORTAL_REPORTS_OTHERWISE' })
    expect(ops[0].error?.message).toContain('The portal reports the page as not published.')
    expect(portal.control.state().pages.find((p) => p.id === page.id)?.active).toBe(false)
    const cached = (await h()['catalog:pages']({ refresh: false })).rows.find((p) => p.id === page.id)
    expect(cached?.published).toBe(false)
    const exported = JSON.parse((await h()['outbox:export']({ jobId: ops[0].jobId, format: 'json' })).content)
    expect(exported.operations[0]).toMatchObject({ state: 'mismatch' })
  })

  it('reads the portal’s dates as the same moments whatever its regional format', async () => {
    const read = async () =>
      Object.fromEntries(
        (await h()['catalog:pages']({ refresh: false })).rows.map((p) => [
          p.id,
          [p.modifiedAt, p.modifiedAtAmbiguous ?? false]
        ])
      )
    await sync()
    const us = await read()
    expect(Object.keys(us).length).toBeGreaterThan(0)
    for (const [value, ambiguous] of Object.values(us)) {
      expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
      expect(ambiguous).toBe(false)
    }
    portal.control.setConditions({ dateFormat: 'ru' })
    await sync()
    expect(await read()).toEqual(us)
  })
})
