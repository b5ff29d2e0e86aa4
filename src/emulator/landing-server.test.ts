import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator } from './index.ts'
import type { EmulatedPortal, Emulator, PageSnapshot } from './index.ts'
import { manualClock, rawRequest } from './testing/client.ts'

/**
 * Where the landing server code and the docs disagree (docs/bitrix24.md#server-code), each option both ways.
 * Demo seed ids used here: sites 1 Spring Sale (PAGE, live), 2 Весенняя распродажа (PAGE, offline),
 * 5 Company Knowledge Base (KNOWLEDGE), 6 Apollo (GROUP); folders 1 Offers > 2 Shoes on site 1,
 * 3 Каталог > 4 Одежда on site 2; pages 1, 2, 5 live on site 1 (5 edited since publication), 3 and
 * 4 in Shoes and 6 offline; 17 and 18 live in the knowledge base.
 */

const clock = manualClock(Date.UTC(2024, 3, 20, 9, 48, 10))
let emu: Emulator
let portal: EmulatedPortal

const call = (method: string, body?: unknown) =>
  rawRequest(`${portal.webhookUrl}${method}`, { json: body ?? {}, ca: emu.caCertPem })

interface BatchResult {
  result: Record<string, unknown> | unknown[]
  result_error: Record<string, { error: string; error_description: string }> | unknown[]
}

const batch = async (cmd: string[] | Record<string, string>): Promise<BatchResult> => {
  const res = await call('batch', { halt: 0, cmd })
  expect(res.status).toBe(200)
  return res.json().result as BatchResult
}

const errorsOf = (r: BatchResult) =>
  Object.fromEntries(
    Object.entries(r.result_error as Record<string, { error: string }>).map(([k, v]) => [k, v.error])
  )

const page = (id: number): PageSnapshot => {
  const p = portal.control.state().pages.find((x) => x.id === id)
  if (!p) throw new Error(`no page ${id}`)
  return p
}
const folderActive = (id: number) => portal.control.state().folders.find((f) => f.id === id)?.active
const siteActive = (id: number) => portal.control.state().sites.find((s) => s.id === id)?.active
const activeOfSite = (siteId: number) =>
  Object.fromEntries(
    portal.control
      .state()
      .pages.filter((p) => p.siteId === siteId && !p.deleted)
      .map((p) => [p.id, p.active])
  )

beforeAll(async () => {
  emu = await startEmulator({ seed: 'demo', realDelayFactor: 0, now: clock.now })
  portal = emu.portals[0]
})
afterAll(() => emu.stop())
beforeEach(() => portal.control.reset())

describe('sticky landing scope inside one batch (docs/bitrix24.md#sticky-scope)', () => {
  it('is on by default: a scope holds for every later command of the batch', async () => {
    expect(portal.control.conditions().stickyScope).toBe(true)
    const r = await batch([
      'landing.landing.publication?lid=19&scope=KNOWLEDGE',
      'landing.landing.publication?lid=6',
      'landing.site.publication?id=2',
      'landing.site.getFolders?siteId=1',
      'landing.landing.getList?params[filter][SITE_ID]=1&params[select][]=ID',
      'landing.landing.unpublic?lid=1&scope='
    ])
    expect(errorsOf(r)).toEqual({ 1: 'LANDING_NOT_EXIST', 2: 'ACCESS_DENIED', 5: 'LANDING_NOT_EXIST' })
    const results = r.result as Record<string, unknown>
    expect(results[0]).toBe(true)
    // Lists of a regular site in the knowledge scope are empty, not errors.
    expect(results[3]).toEqual([])
    expect(results[4]).toEqual([])
    expect(page(19).active).toBe(true)
    expect(page(6).active).toBe(false)
    expect(siteActive(2)).toBe(false)
    expect(page(1).active).toBe(true)
  })

  it('lets a later non-empty scope replace the earlier one, and runs default-scope commands placed first', async () => {
    const r = await batch([
      'landing.landing.publication?lid=6',
      'landing.landing.publication?lid=19&scope=KNOWLEDGE',
      'landing.landing.publication?lid=20&scope=GROUP',
      'landing.landing.publication?lid=17',
      'landing.landing.publication?lid=21'
    ])
    expect(errorsOf(r)).toEqual({ 3: 'LANDING_NOT_EXIST' })
    expect([6, 19, 20, 21].map((id) => page(id).active)).toEqual([true, true, true, true])
  })

  it('does not leak between separate HTTP requests', async () => {
    await batch(['landing.site.getList?scope=KNOWLEDGE'])
    expect((await call('landing.landing.publication', { lid: 6 })).json().result).toBe(true)
    const next = await batch(['landing.landing.publication?lid=3'])
    expect(next.result).toEqual([true])
  })

  it('makes knowledge-base objects unreachable in the default scope, as before', async () => {
    const r = await batch(['landing.landing.publication?lid=19', 'landing.site.publication?id=5'])
    expect(errorsOf(r)).toEqual({ 0: 'LANDING_NOT_EXIST', 1: 'ACCESS_DENIED' })
  })

  it('when off, every command starts from its own scope', async () => {
    portal.control.setConditions({ stickyScope: false })
    const r = await batch([
      'landing.landing.publication?lid=19&scope=KNOWLEDGE',
      'landing.landing.publication?lid=6',
      'landing.site.publication?id=2',
      'landing.site.getFolders?siteId=1'
    ])
    expect(errorsOf(r)).toEqual({})
    expect((r.result as unknown[])[2]).toBe(2)
    expect(((r.result as unknown[])[3] as unknown[]).length).toBe(2)
    expect(page(6).active).toBe(true)
  })

  it('takes the option from the start options, and reset returns to them', async () => {
    const other = await startEmulator({
      seed: 'demo',
      realDelayFactor: 0,
      portals: [{ name: 'fixed', conditions: { stickyScope: false } }]
    })
    try {
      const p = other.portals[0]
      expect(p.control.conditions().stickyScope).toBe(false)
      p.control.setConditions({ stickyScope: true })
      await p.control.reset()
      expect(p.control.conditions().stickyScope).toBe(false)
    } finally {
      await other.stop()
    }
  })
})

describe('site publication (docs/bitrix24.md#site-publication)', () => {
  it("'server' (default) publishes every page outside deleted folders, inactive ones included", async () => {
    expect(portal.control.conditions().sitePublication).toBe('server')
    expect(activeOfSite(1)).toEqual({ 1: true, 2: true, 3: false, 4: false, 5: true, 6: false })
    const res = await call('landing.site.publication', { id: 1 })
    expect(res.json().result).toBe(1)
    expect(activeOfSite(1)).toEqual({ 1: true, 2: true, 3: true, 4: true, 5: true, 6: true })
    expect([1, 2, 3, 4, 5, 6].every((id) => page(id).public)).toBe(true)
    expect([folderActive(1), folderActive(2), siteActive(1)]).toEqual([true, true, true])
  })

  it("'docs' leaves inactive pages unpublished and activates the folders", async () => {
    portal.control.setConditions({ sitePublication: 'docs' })
    expect((await call('landing.site.publication', { id: 1 })).json().result).toBe(1)
    expect(activeOfSite(1)).toEqual({ 1: true, 2: true, 3: false, 4: false, 5: true, 6: false })
    // the live page with unpublished edits gets its current version published
    expect(page(5).public).toBe(true)
    expect([folderActive(1), folderActive(2), siteActive(1)]).toEqual([true, true, true])
  })

  it("'server' stops at the first failing page with its error; pages before it stay published", async () => {
    portal.control.setConditions({ deniedObjects: { pages: [9] } })
    const res = await call('landing.site.publication', { id: 2 })
    expect(res.status).toBe(400)
    expect(res.json().error).toBe('LANDING_NOT_EXIST')
    expect(activeOfSite(2)).toEqual({ 7: true, 8: true, 9: false, 10: false })
    // the pages that did go live took their folders with them
    expect([folderActive(3), folderActive(4)]).toEqual([true, true])
  })

  it("'server' passes over a page without the publication right; it stays unpublished", async () => {
    portal.control.setPublicationRight([8], false)
    expect((await call('landing.site.publication', { id: 2 })).json().result).toBe(2)
    expect(activeOfSite(2)).toEqual({ 7: true, 8: false, 9: true, 10: true })
  })

  it("'server' unpublication keeps fully published pages ACTIVE=Y under the inactive site", async () => {
    expect(portal.control.conditions().siteUnpublication).toBe('server')
    expect((await call('landing.site.unpublic', { id: 1 })).json().result).toBe(1)
    expect(siteActive(1)).toBe(false)
    // 1 and 2 are ACTIVE=Y and PUBLIC=Y; 5 is live but edited (PUBLIC=N), so it goes offline
    expect(activeOfSite(1)).toEqual({ 1: true, 2: true, 3: false, 4: false, 5: false, 6: false })
    expect([folderActive(1), folderActive(2)]).toEqual([false, false])
  })

  it("'docs' unpublication takes every page offline", async () => {
    portal.control.setConditions({ siteUnpublication: 'docs' })
    expect((await call('landing.site.unpublic', { id: 1 })).json().result).toBe(1)
    expect(Object.values(activeOfSite(1)).some(Boolean)).toBe(false)
    expect([1, 2, 5].map((id) => page(id).public)).toEqual([false, false, false])
    expect([siteActive(1), folderActive(1)]).toEqual([false, false])
  })

  it('refuses unknown option values with a message naming the field', () => {
    expect(() => portal.control.setConditions({ sitePublication: 'all-pages' as never })).toThrow(
      /sitePublication/
    )
    expect(() => portal.control.setConditions({ stickyScop: false } as never)).toThrow(/stickyScop/)
    expect(portal.control.conditions().sitePublication).toBe('server')
  })
})

describe('folders and pages take their chain with them (docs/bitrix24.md#folder-chain, #landing-methods)', () => {
  it('unpublishing a folder deactivates every parent folder; publishing one activates them', async () => {
    expect([folderActive(1), folderActive(2)]).toEqual([true, false])
    expect((await call('landing.site.publicationFolder', { folderId: 2 })).json().result).toBe(true)
    expect([folderActive(1), folderActive(2)]).toEqual([true, true])
    expect((await call('landing.site.unPublicFolder', { folderId: 2 })).json().result).toBe(true)
    expect([folderActive(1), folderActive(2)]).toEqual([false, false])
    expect((await call('landing.site.publicationFolder', { folderId: 2, mark: 0 })).json().result).toBe(true)
    // the pages inside keep their own flags
    expect([page(2).active, siteActive(1)]).toEqual([true, true])
  })

  it('publishing a page publishes its folder chain and activates its site', async () => {
    expect([siteActive(2), folderActive(3), folderActive(4)]).toEqual([false, false, false])
    expect((await call('landing.landing.publication', { lid: 8 })).json().result).toBe(true)
    expect([siteActive(2), folderActive(3), folderActive(4)]).toEqual([true, true, true])
    expect(page(8)).toMatchObject({ active: true, public: true })
    expect((await call('landing.landing.unpublic', { lid: 8 })).json().result).toBe(true)
    expect(page(8)).toMatchObject({ active: false, public: false })
  })
})

describe('pages without the publication right (docs/bitrix24.md#publication-without-right)', () => {
  it('answer result null with no error, alone and in a batch, and stay unpublished', async () => {
    portal.control.setPublicationRight([6, 8], false)
    const res = await call('landing.landing.publication', { lid: 6 })
    expect(res.status).toBe(200)
    expect(Object.keys(res.json())).toEqual(['result', 'time'])
    expect(res.json().result).toBeNull()
    const r = await batch(['landing.landing.publication?lid=8', 'landing.landing.publication?lid=3'])
    expect(r.result).toEqual([null, true])
    expect(r.result_error).toEqual([])
    expect([page(6).active, page(8).active, page(3).active]).toEqual([false, false, true])
    expect([page(6).canPublish, page(8).canPublish]).toEqual([false, false])
    // nothing around the page moved either
    expect([siteActive(2), folderActive(4)]).toEqual([false, false])
    portal.control.setPublicationRight([6], true)
    expect((await call('landing.landing.publication', { lid: 6 })).json().result).toBe(true)
  })

  it('refuses to mark a page that does not exist', () => {
    expect(() => portal.control.setPublicationRight([424242], false)).toThrow(/424242/)
  })
})

describe('regional date formats (docs/bitrix24.md#dates)', () => {
  const dates = async () => {
    const site = (await call('landing.site.getList', { params: { filter: { ID: 1 } } })).json()
      .result as Array<Record<string, string>>
    const pages = (await call('landing.landing.getList', { params: { filter: { ID: 1 } } })).json()
      .result as Array<Record<string, string>>
    const folders = (await call('landing.site.getFolders', { siteId: 1 })).json().result as Array<
      Record<string, string>
    >
    return [
      site[0].DATE_CREATE,
      site[0].DATE_MODIFY,
      pages[0].DATE_CREATE,
      pages[0].DATE_MODIFY,
      pages[0].DATE_PUBLIC,
      folders[0].DATE_CREATE,
      folders[0].DATE_MODIFY
    ]
  }

  it.each([
    ['us', /^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d [ap]m$/, '04/20/2024 12:48:10 pm'],
    ['ru', /^\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d$/, '20.04.2024 12:48:10'],
    ['eu-slash', /^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/, '20/04/2024 12:48:10']
  ] as const)('%s', async (format, shape, published) => {
    if (format !== 'us') portal.control.setConditions({ dateFormat: format })
    else expect(portal.control.conditions().dateFormat).toBe('us')
    for (const d of await dates()) expect(d).toMatch(shape)
    // 09:48:10 UTC is 12:48:10 on the portal's UTC+3 clock
    await call('landing.landing.publication', { lid: 1 })
    const row = (await call('landing.landing.getList', { params: { filter: { ID: 1 } } })).json()
      .result as Array<Record<string, string>>
    expect(row[0].DATE_PUBLIC).toBe(published)
    expect(row[0].DATE_MODIFY).toBe(published)
  })
})

describe('the true state for tests (control state)', () => {
  it('gives id, scope, type, ACTIVE, parent, site and the public flag of each object', async () => {
    const state = (
      await rawRequest(`${portal.controlUrl}state`, {
        headers: { Authorization: `Bearer ${emu.controlToken}` }
      })
    ).json() as unknown as ReturnType<EmulatedPortal['control']['state']>
    expect(state.sites.find((s) => s.id === 5)).toMatchObject({
      type: 'KNOWLEDGE',
      scope: 'KNOWLEDGE',
      active: true
    })
    expect(state.sites.find((s) => s.id === 3)).toMatchObject({ type: 'STORE', scope: '' })
    expect(state.folders.find((f) => f.id === 2)).toMatchObject({
      siteId: 1,
      parentId: 1,
      scope: '',
      active: false
    })
    expect(state.folders.find((f) => f.id === 5)).toMatchObject({ siteId: 5, scope: 'KNOWLEDGE' })
    expect(state.pages.find((p) => p.id === 5)).toMatchObject({
      siteId: 1,
      folderId: null,
      scope: '',
      active: true,
      public: false,
      canPublish: true
    })
    expect(state.pages.find((p) => p.id === 18)).toMatchObject({
      folderId: 5,
      scope: 'KNOWLEDGE',
      public: true
    })
    // PUBLIC is a column of '*' on the server (docs/bitrix24.md#smaller-differences) and matches the state
    const rows = (await call('landing.landing.getList', { params: { filter: { SITE_ID: 1 } } })).json()
      .result as Array<Record<string, string>>
    expect(Object.fromEntries(rows.map((r) => [r.ID, r.PUBLIC]))).toEqual({
      1: 'Y',
      2: 'Y',
      3: 'N',
      4: 'N',
      5: 'N',
      6: 'N'
    })
  })
})
