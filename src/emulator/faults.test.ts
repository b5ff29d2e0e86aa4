import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator } from './index.ts'
import type { EmulatedPortal, Emulator } from './index.ts'
import { controlRequest, rawRequest } from './testing/client.ts'

let emu: Emulator
let portal: EmulatedPortal
const call = (timeoutMs?: number) =>
  rawRequest(`${portal.webhookUrl}scope`, { json: {}, ca: emu.caCertPem, timeoutMs })

beforeEach(async () => {
  emu = await startEmulator({ seed: 'empty', realDelayFactor: 0 })
  portal = emu.portals[0]
})
afterEach(() => emu.stop())

describe('faults', () => {
  it('answers with an HTML error page', async () => {
    await portal.control.setFaults({ htmlErrorRate: 1 })
    const res = await call()
    expect(res.status).toBe(502)
    expect(res.headers['content-type']).toContain('text/html')
    expect(res.text).toContain('502 Bad Gateway')
  })

  it('answers with a JSON 500', async () => {
    await portal.control.setFaults({ errorRate500: 1 })
    const res = await call()
    expect(res.status).toBe(500)
    expect(res.json()).toEqual({ error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' })
    expect(portal.control.requestLog().entries[0]).toMatchObject({ method: 'scope', status: 500 })
  })

  it('drops the connection without answering', async () => {
    await portal.control.setFaults({ dropRate: 1 })
    await expect(call()).rejects.toMatchObject({ code: 'ECONNRESET' })
    await portal.control.setFaults({ dropRate: 0 })
    expect((await call()).status).toBe(200)
  })

  it('adds latency', async () => {
    await portal.control.setFaults({ latencyMs: 150 })
    const t0 = Date.now()
    expect((await call()).status).toBe(200)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140)
  })

  it('hangs until the client gives up', async () => {
    await portal.control.setFaults({ hang: true })
    await expect(call(300)).rejects.toThrow('client timeout')
    await portal.control.setFaults({ hang: false })
    expect((await call()).status).toBe(200)
  })

  it('refuses connections while offline and serves again on the same port', async () => {
    const port = portal.port
    await portal.control.goOffline()
    await expect(call()).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    await portal.control.goOnline()
    expect(portal.port).toBe(port)
    expect((await call()).status).toBe(200)
    await portal.control.setFaults({ offline: true })
    await expect(call()).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    await controlRequest(`${portal.controlUrl}online`, emu.controlToken, { json: {} })
    expect((await call()).status).toBe(200)
  })

  it('simulates processing time in real time unless told not to', async () => {
    await emu.stop()
    emu = await startEmulator({ seed: 'demo', processingMs: { 'landing.site.getList': 200 } })
    portal = emu.portals[0]
    const t0 = Date.now()
    const res = await rawRequest(`${portal.webhookUrl}landing.site.getlist`, { json: {}, ca: emu.caCertPem })
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190)
    expect((res.json().time as { processing: number }).processing).toBe(0.2)
  })
})
