import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator } from './index.ts'
import type { EmulatedPortal, Emulator } from './index.ts'
import { controlRequest, rawRequest } from './testing/client.ts'

let emu: Emulator
let portal: EmulatedPortal
const call = () => rawRequest(`${portal.webhookUrl}landing.site.getlist`, { json: {}, ca: emu.caCertPem })
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5))
}

beforeEach(async () => {
  emu = await startEmulator({ seed: 'demo', realDelayFactor: 0 })
  portal = emu.portals[0]
})
afterEach(() => emu.stop())

describe('a hold parks requests until it is lifted', () => {
  it('lets the first N through, parks the rest, then serves them when released', async () => {
    await portal.control.setFaults({ holdAfter: 1 })
    expect((await call()).status).toBe(200)
    let answered = 0
    const parked = [call(), call()].map((p) => p.then((r) => ((answered += 1), r)))
    await until(() => portal.control.stats().parked === 2)
    expect(answered).toBe(0)
    expect(portal.control.requestLog().entries).toHaveLength(1)

    await portal.control.setFaults({ holdAfter: null })
    expect((await Promise.all(parked)).map((r) => r.status)).toEqual([200, 200])
    expect(portal.control.stats().parked).toBe(0)
    expect(portal.control.requestLog().entries).toHaveLength(3)
  })

  it('ends parked requests unanswered when the portal goes offline, and the hold stays until lifted', async () => {
    await controlRequest(`${portal.controlUrl}faults`, emu.controlToken, { json: { holdAfter: 0 } })
    const parked = call()
    await until(() => portal.control.stats().parked === 1)
    await portal.control.goOffline()
    await expect(parked).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|EPIPE/) as unknown })
    expect(portal.control.requestLog().entries).toHaveLength(0)

    await portal.control.goOnline()
    const again = call()
    await until(() => portal.control.stats().parked === 1)
    await portal.control.setFaults({ holdAfter: null })
    expect((await again).status).toBe(200)
    // Nothing parked was applied twice or lost: only the one released request reached the portal.
    expect(portal.control.requestLog().entries).toHaveLength(1)
  })

  it('is lifted by a reset', async () => {
    await portal.control.setFaults({ holdAfter: 0 })
    const parked = call()
    await until(() => portal.control.stats().parked === 1)
    await portal.control.reset()
    expect((await parked).status).toBe(200)
    expect(portal.control.faults().holdAfter).toBeNull()
    expect((await call()).status).toBe(200)
  })
})
