import { afterAll, expect, it } from 'vitest'
import { startEmulator } from '../index.ts'
import type { Emulator } from '../index.ts'
import { rawRequest } from '../testing/client.ts'
import { largeSeed } from './large.ts'

let emu: Emulator | undefined
afterAll(() => emu?.stop())

it('starts the large seed in under 5 s and lists all 10,000 pages in one call', async () => {
  const t0 = performance.now()
  emu = await startEmulator({ seed: 'large', realDelayFactor: 0 })
  expect(performance.now() - t0).toBeLessThan(5000)
  const portal = emu.portals[0]
  const t1 = performance.now()
  const res = await rawRequest(`${portal.webhookUrl}landing.landing.getList`, { json: {}, ca: emu.caCertPem })
  const rows = res.json().result as Array<{ ID: string }>
  expect(rows).toHaveLength(10_000)
  expect(performance.now() - t1).toBeLessThan(3000)
  const state = portal.control.state()
  expect(state.pages.length).toBeGreaterThanOrEqual(10_000)
  expect(state.sites.length).toBeGreaterThanOrEqual(200)
  expect(state.documents).toHaveLength(5000)
})

it('is deterministic', () => {
  const a = largeSeed()
  const b = largeSeed()
  expect(a.pages.map((p) => p.code)).toEqual(b.pages.map((p) => p.code))
  expect(a.documents.map((d) => d.publicCode)).toEqual(b.documents.map((d) => d.publicCode))
})
