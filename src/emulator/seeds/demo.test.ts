import { afterAll, beforeAll, expect, it } from 'vitest'
import { startEmulator } from '../index.ts'
import type { Emulator } from '../index.ts'
import { rawRequest } from '../testing/client.ts'
import { demoSeed } from './demo.ts'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ seed: 'demo', realDelayFactor: 0 })
})
afterAll(() => emu.stop())

it('shows a newcomer each case: knowledge bases, offline pages in a live site, deep folders, edits, no right', () => {
  const s = emu.portals[0].control.state()
  const live = s.sites.filter((x) => !x.deleted)
  expect(new Set(live.map((x) => x.scope))).toEqual(new Set(['', 'KNOWLEDGE', 'GROUP']))
  expect(live.filter((x) => x.scope === '').length).toBeGreaterThanOrEqual(3)

  const pagesOf = (siteId: number) => s.pages.filter((p) => p.siteId === siteId && !p.deleted)
  expect(
    live.some((x) => x.active && pagesOf(x.id).some((p) => p.active) && pagesOf(x.id).some((p) => !p.active))
  ).toBe(true)
  expect(s.pages.some((p) => !p.deleted && p.active && !p.public)).toBe(true)

  const depth = (folderId: number | null): number =>
    folderId === null ? 0 : 1 + depth(s.folders.find((f) => f.id === folderId)?.parentId ?? null)
  expect(Math.max(...s.folders.map((f) => depth(f.id)))).toBe(3)
  const deepest = s.folders.find((f) => depth(f.id) === 3)
  expect(s.pages.some((p) => p.folderId === deepest?.id)).toBe(true)

  expect(s.pages.filter((p) => !p.canPublish)).toHaveLength(1)
})

it('keeps the ids earlier tests rely on, adding new objects after them', () => {
  const d = demoSeed()
  const title = (id: number) => d.pageById.get(id)?.title
  expect([title(1), title(3), title(11), title(17), title(19), title(22)]).toEqual([
    'Spring Sale',
    'Running shoes -30%',
    'Catalog',
    'Welcome',
    'Регламент отпусков',
    'Black Friday'
  ])
  expect(d.sites.map((x) => x.code)).toEqual([
    'spring-sale',
    'vesennyaya-rasprodazha',
    'coffee-corner',
    'korporativnyy-sayt',
    'company-kb',
    'apollo-kb',
    'black-friday-2023',
    'company-main'
  ])
  expect(d.folders.slice(0, 5).map((f) => f.code)).toEqual([
    'offers',
    'shoes',
    'katalog',
    'odezhda',
    'how-to'
  ])
})

it('answers result null for the page without the publication right, and leaves it offline', async () => {
  const portal = emu.portals[0]
  const page = portal.control.state().pages.find((p) => !p.canPublish)
  const res = await rawRequest(`${portal.webhookUrl}landing.landing.publication`, {
    json: { lid: page?.id },
    ca: emu.caCertPem
  })
  expect(res.status).toBe(200)
  expect(res.json().result).toBeNull()
  expect(portal.control.state().pages.find((p) => p.id === page?.id)?.active).toBe(false)
})
