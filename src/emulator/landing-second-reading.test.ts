import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator } from './index.ts'
import type { EmulatedPortal, Emulator } from './index.ts'
import { manualClock, rawRequest } from './testing/client.ts'

/**
 * A second reading of the landing module (bitrix-core-business `modules/landing/lib/site.php`,
 * `mutator.php`, `folder.php`, `publicaction/landing.php`): each option under the server code's
 * default and the other way. Demo seed ids: site 1 Spring Sale (live) with folders 1 Offers (live) >
 * 2 Shoes (offline), pages 1, 2, 5 live (5 edited), 3 and 4 in Shoes offline, 6 offline; site 2
 * Весенняя распродажа offline with four offline pages 7-10; page 25 without the publication right.
 */

const clock = manualClock(Date.UTC(2024, 3, 20, 9, 48, 10))
let emu: Emulator
let portal: EmulatedPortal

const call = async (method: string, body?: unknown) => {
  const res = await rawRequest(`${portal.webhookUrl}${method}`, { json: body ?? {}, ca: emu.caCertPem })
  return res.json() as { result?: unknown; error?: string }
}
const batch = async (cmd: string[]) =>
  (await call('batch', { halt: 0, cmd })).result as {
    result: unknown[] | Record<string, unknown>
    result_error: Record<string, { error: string }> | unknown[]
  }
const state = () => portal.control.state()
const site = (id: number) => state().sites.find((s) => s.id === id)
const folder = (id: number) => state().folders.find((f) => f.id === id)
const pageOf = (id: number) => state().pages.find((p) => p.id === id)
const livePages = () => state().pages.filter((p) => p.active && !p.deleted).length

beforeAll(async () => {
  emu = await startEmulator({ seed: 'demo', realDelayFactor: 0, now: clock.now })
  portal = emu.portals[0]
})
afterAll(() => emu.stop())
beforeEach(() => portal.control.reset())

describe('a site publication stopped by a page error', () => {
  it('leaves the site live with the pages before the error (server code)', async () => {
    portal.control.setConditions({ publicPageLimit: livePages() + 2 })
    const out = await call('landing.site.publication', { id: 2 })
    expect(out.error).toBe('PUBLIC_PAGE_REACHED')
    expect(site(2)?.active).toBe(true)
    expect(state().pages.filter((p) => p.siteId === 2 && p.active)).toHaveLength(2)
  })

  it('changes nothing when the option says atomic', async () => {
    portal.control.setConditions({ publicPageLimit: livePages() + 2, sitePublicationFailure: 'atomic' })
    expect((await call('landing.site.publication', { id: 2 })).error).toBe('PUBLIC_PAGE_REACHED')
    expect(site(2)?.active).toBe(false)
    expect(state().pages.filter((p) => p.siteId === 2 && p.active)).toHaveLength(0)
  })

  it('refuses a second site over the plan’s site limit', async () => {
    const live = state().sites.filter((s) => s.active && !s.deleted).length
    portal.control.setConditions({ publicSiteLimit: live })
    expect((await call('landing.site.publication', { id: 2 })).error).toBe('PUBLIC_SITE_REACHED')
    expect((await call('landing.landing.publication', { lid: 7 })).error).toBe('PUBLIC_SITE_REACHED')
    expect(site(2)?.active).toBe(false)
  })
})

describe('the request caches of one batch', () => {
  it('a page publication then its folder’s unpublication both answer true and leave the folder live', async () => {
    const out = await batch(['landing.landing.publication?lid=3', 'landing.site.unPublicFolder?folderId=2'])
    expect(out.result).toEqual([true, true])
    expect(folder(2)?.active).toBe(true)
  })

  it('the same two in separate requests take the folder offline', async () => {
    expect((await call('landing.landing.publication', { lid: 3 })).result).toBe(true)
    expect((await call('landing.site.unPublicFolder', { folderId: 2 })).result).toBe(true)
    expect(folder(2)?.active).toBe(false)
  })

  it('a page publication after its site’s unpublication in one batch leaves the site offline', async () => {
    const out = await batch([
      'landing.landing.publication?lid=1',
      'landing.site.unpublic?id=1',
      'landing.landing.publication?lid=6'
    ])
    expect(Object.values(out.result_error)).toEqual([])
    expect(pageOf(6)?.active).toBe(true)
    expect(site(1)?.active).toBe(false)
  })

  it('without the caches every command reads afresh', async () => {
    portal.control.setConditions({ requestCaches: false })
    await batch(['landing.landing.publication?lid=3', 'landing.site.unPublicFolder?folderId=2'])
    expect(folder(2)?.active).toBe(false)
    await batch([
      'landing.landing.publication?lid=1',
      'landing.site.unpublic?id=1',
      'landing.landing.publication?lid=6'
    ])
    expect(site(1)?.active).toBe(true)
  })
})

describe('drafts (PUBLIC=N)', () => {
  it('a page opened in the editor keeps its live version and reads PUBLIC=N', async () => {
    const res = await rawRequest(`${portal.controlUrl}edited`, {
      json: { pages: [1] },
      ca: emu.caCertPem,
      headers: { Authorization: `Bearer ${portal.controlToken}` }
    })
    expect(res.status).toBe(200)
    const rows = (await call('landing.landing.getList', {
      params: { select: ['ID', 'ACTIVE', 'PUBLIC'], filter: { ID: 1 } }
    })) as { result: Array<Record<string, string>> }
    expect(rows.result).toEqual([{ ID: '1', ACTIVE: 'Y', PUBLIC: 'N', DOMAIN_ID: '1' }])
  })

  it('a site publication publishes the drafts; a page publication brings the site back without them', async () => {
    await call('landing.site.unpublic', { id: 1 })
    portal.control.markEdited([2])
    expect((await call('landing.landing.publication', { lid: 1 })).result).toBe(true)
    expect(site(1)?.active).toBe(true)
    expect(pageOf(2)).toMatchObject({ active: true, public: false })
    await call('landing.site.unpublic', { id: 1 })
    await call('landing.site.publication', { id: 1 })
    expect(pageOf(2)).toMatchObject({ active: true, public: true })
  })
})

describe('folder publication and the site', () => {
  it('“site offline, folder live” is reachable: unpublish the site, then publish the folder', async () => {
    await call('landing.site.unpublic', { id: 1 })
    expect((await call('landing.site.publicationFolder', { folderId: 1 })).result).toBe(true)
    expect(site(1)?.active).toBe(false)
    expect(folder(1)?.active).toBe(true)
  })
})

describe('the trash in page lists', () => {
  const ids = async (filter: Record<string, unknown>) =>
    (
      (await call('landing.landing.getList', { params: { select: ['ID'], filter } })) as {
        result: Array<{ ID: string }>
      }
    ).result.map((r) => Number(r.ID))

  it('an unfiltered list includes a page of a trashed folder; a list by SITE_ID leaves it out', async () => {
    portal.control.trashFolders([2])
    expect(await ids({})).toContain(3)
    expect(await ids({ SITE_ID: 1 })).not.toContain(3)
  })

  it('leaves it out of both when the option is off', async () => {
    portal.control.setConditions({ trashInUnfilteredList: false })
    portal.control.trashFolders([2])
    expect(await ids({})).not.toContain(3)
  })
})

describe('rights and scopes', () => {
  it('publication without the right answers empty by default, or ACCESS_DENIED after publishing the edits', async () => {
    expect((await call('landing.landing.publication', { lid: 25 })).result).toBeNull()
    expect(pageOf(25)).toMatchObject({ active: false, public: false })
    portal.control.setConditions({ publicationWithoutRight: 'access-denied' })
    expect((await call('landing.landing.publication', { lid: 25 })).error).toBe('ACCESS_DENIED')
    expect(pageOf(25)).toMatchObject({ active: false, public: true })
  })

  it('lists main-page sites in the MAINPAGE scope only when the portal has them', async () => {
    const list = async () =>
      (
        (await call('landing.site.getList', { scope: 'MAINPAGE', params: { select: ['ID', 'TYPE'] } })) as {
          result: Array<{ TYPE: string }>
        }
      ).result
    expect(await list()).toEqual([])
    portal.control.setConditions({ mainPageSites: true })
    expect((await list()).map((s) => s.TYPE)).toEqual(['MAINPAGE'])
  })

  it('answers an empty site list, with no error, to a user who may not view sites', async () => {
    portal.control.setConditions({ siteViewRight: false })
    const out = await call('landing.site.getList', { params: { select: ['ID'] } })
    expect(out).toMatchObject({ result: [] })
    expect(out.error).toBeUndefined()
  })
})
