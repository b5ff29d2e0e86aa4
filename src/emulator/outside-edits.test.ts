// The control call `outside-edit`: a site or page changed as Bitrix24's editor would, DATE_MODIFY included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from './index.ts'
import type { EmulatedPortal, Emulator } from './index.ts'
import { controlRequest, rawRequest } from './testing/client.ts'

let emu: Emulator
let portal: EmulatedPortal
let t = Date.UTC(2026, 0, 5, 10, 0, 0)

beforeAll(async () => {
  emu = await startEmulator({ seed: 'demo', realDelayFactor: 0, now: () => t })
  portal = emu.portals[0]
})
afterAll(() => emu.stop())

const edit = (body: unknown) =>
  controlRequest(`${portal.controlUrl}outside-edit`, emu.controlToken, { json: body })

const pageRow = async (id: number): Promise<Record<string, unknown>> => {
  const res = await rawRequest(`${portal.webhookUrl}landing.landing.getlist`, {
    ca: emu.caCertPem,
    json: { params: { select: ['ID', 'TITLE', 'ACTIVE', 'PUBLIC', 'DATE_MODIFY'], filter: { ID: id } } }
  })
  return (res.json().result as Record<string, unknown>[])[0]
}

describe('outside edits', () => {
  it('unpublishes, publishes and retitles a page, DATE_MODIFY moving each time', async () => {
    const page = portal.control.state().pages.find((p) => p.active && !p.deleted && p.scope === '')!
    const before = await pageRow(page.id)
    t += 3_600_000
    expect((await edit({ kind: 'page', id: page.id, action: 'unpublish' })).status).toBe(200)
    const off = await pageRow(page.id)
    expect(off.ACTIVE).toBe('N')
    expect(off.DATE_MODIFY).not.toBe(before.DATE_MODIFY)
    t += 3_600_000
    expect((await edit({ kind: 'page', id: page.id, action: 'retitle', title: 'Renamed' })).status).toBe(200)
    const renamed = await pageRow(page.id)
    expect(renamed.TITLE).toBe('Renamed')
    expect(renamed.DATE_MODIFY).not.toBe(off.DATE_MODIFY)
    t += 3_600_000
    expect((await edit({ kind: 'page', id: page.id, action: 'publish' })).status).toBe(200)
    const on = await pageRow(page.id)
    expect([on.ACTIVE, on.PUBLIC]).toEqual(['Y', 'Y'])
    expect(on.DATE_MODIFY).not.toBe(renamed.DATE_MODIFY)
  })

  it('unpublishes a site with its pages, and publishes it back', () => {
    const s = portal.control.state()
    const site = s.sites.find((x) => x.active && !x.deleted && x.scope === '')!
    portal.control.editOutside({ kind: 'site', id: site.id, action: 'unpublish' })
    const after = portal.control.state()
    expect(after.sites.find((x) => x.id === site.id)!.active).toBe(false)
    expect(after.pages.filter((p) => p.siteId === site.id && !p.deleted).every((p) => !p.active)).toBe(true)
    portal.control.editOutside({ kind: 'site', id: site.id, action: 'publish' })
    expect(portal.control.state().sites.find((x) => x.id === site.id)!.active).toBe(true)
  })

  it('refuses a bad body and an unknown id', async () => {
    expect((await edit({ kind: 'page', id: 1, action: 'retitle' })).status).toBe(400)
    expect((await edit({ kind: 'folder', id: 1, action: 'publish' })).status).toBe(400)
    const res = await edit({ kind: 'page', id: 999_999, action: 'publish' })
    expect(res.status).toBe(400)
    expect(res.text).toContain('No page with id 999999')
  })
})
