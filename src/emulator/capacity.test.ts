import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Capacity } from './capacity.ts'
import type { Admission } from './capacity.ts'
import { startEmulator } from './index.ts'
import type { EmulatedPortal, Emulator } from './index.ts'
import { controlRequest, rawRequest } from './testing/client.ts'
import type { RawResponse } from './testing/client.ts'

const admitted = (a: Admission) => {
  if (a.kind !== 'admitted') throw new Error('refused')
  return a
}

describe('capacity (in process)', () => {
  it('serves at most `concurrency` at once, the rest in arrival order, and lets them in when raised', async () => {
    const cap = new Capacity(() => 0, { concurrency: 1, overloadMs: 0 })
    const order: number[] = []
    const first = admitted(await cap.enter())
    const later = [1, 2, 3].map((n) =>
      cap.enter().then((a) => {
        order.push(n)
        return admitted(a)
      })
    )
    await Promise.resolve()
    expect(cap.stats()).toMatchObject({ inFlight: 1, waiting: 3 })
    first.release()
    const second = await later[0]
    expect(order).toEqual([1])
    first.release() // a second release of the same slot changes nothing
    expect(cap.stats()).toMatchObject({ inFlight: 1, waiting: 2 })
    cap.setLimits({ concurrency: 5, overloadMs: 0 })
    await Promise.all(later)
    expect(order).toEqual([1, 2, 3])
    expect(cap.stats()).toMatchObject({ inFlight: 3, waiting: 0, peakInFlight: 3, peakLoad: 4 })
    second.release()
  })

  it('refuses a request that finds `overloadAbove` already served or waiting, JSON and HTML in turn', async () => {
    let now = 1000
    const cap = new Capacity(() => now, { concurrency: 1, overloadAbove: 2, overloadMs: 500 })
    const a = admitted(await cap.enter())
    const b = cap.enter()
    const refused = [await cap.enter(), await cap.enter(), await cap.enter()]
    expect(refused).toEqual([
      { kind: 'overload', html: false },
      { kind: 'overload', html: true },
      { kind: 'overload', html: false }
    ])
    expect(cap.stats()).toMatchObject({ overload500: 3, overloaded: true, requests: 5 })
    a.release()
    admitted(await b).release()
    now += 501
    expect(cap.stats().overloaded).toBe(false)
  })
})

/**
 * Over HTTPS with real processing time. Timings only bound from below (a busy machine makes
 * everything slower, never faster), and the load a client creates is its own requests.
 */
describe('capacity and overload over HTTPS (issue 10)', () => {
  let emu: Emulator
  let portal: EmulatedPortal
  const call = (method: string, body?: unknown): Promise<RawResponse> =>
    rawRequest(`${portal.webhookUrl}${method}`, { json: body ?? {}, ca: emu.caCertPem })

  beforeAll(async () => {
    emu = await startEmulator({
      seed: 'empty',
      realDelayFactor: 1,
      processingMs: { 'server.time': 60, profile: 700, scope: 250 },
      portals: [{ rate: { burst: 1000, drainPerSecond: 1000 } }]
    })
    portal = emu.portals[0]
  })
  afterAll(() => emu.stop())
  beforeEach(() => portal.control.reset())

  it('is unlimited by default, as before', async () => {
    expect(portal.control.conditions()).not.toHaveProperty('concurrency')
    const all = await Promise.all(Array.from({ length: 4 }, () => call('server.time')))
    expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200])
    expect(portal.control.stats()).toMatchObject({ overload500: 0, responses5xx: 0, requests: 4 })
  })

  it('makes requests wait for a slot: processing time runs while one is held', async () => {
    portal.control.setConditions({ concurrency: 2 })
    const t0 = performance.now()
    const all = await Promise.all(Array.from({ length: 5 }, () => call('scope')))
    // five of 250 ms through two slots take at least three rounds
    expect(performance.now() - t0).toBeGreaterThanOrEqual(3 * 250 - 20)
    expect(all.every((r) => r.status === 200)).toBe(true)
    const stats = portal.control.stats()
    expect(stats.peakInFlight).toBe(2)
    expect(stats).toMatchObject({ inFlight: 0, waiting: 0 })
  })

  it('never refuses a client that keeps at most `overloadAbove` requests in flight', async () => {
    portal.control.setConditions({ concurrency: 1, overloadAbove: 3 })
    const worker = async () => {
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) statuses.push((await call('server.time')).status)
      return statuses
    }
    const statuses = (await Promise.all([worker(), worker(), worker()])).flat()
    expect(statuses).toEqual(Array.from({ length: 12 }, () => 200))
    expect(portal.control.stats()).toMatchObject({ overload500: 0, responses5xx: 0 })
  })

  it('answers a client above it with HTTP 500s, JSON and text/html in turn, and counts them', async () => {
    portal.control.setConditions({ concurrency: 1, overloadAbove: 3, overloadMs: 60_000 })
    const all = await Promise.all(Array.from({ length: 6 }, () => call('profile')))
    const refused = all.filter((r) => r.status === 500)
    expect(all.filter((r) => r.status === 200)).toHaveLength(3)
    expect(refused).toHaveLength(3)
    const kinds = refused.map((r) => String(r.headers['content-type']).split(';')[0])
    expect(kinds.filter((k) => k === 'application/json')).toHaveLength(2)
    expect(kinds.filter((k) => k === 'text/html')).toHaveLength(1)
    const json = refused.find((r) => String(r.headers['content-type']).includes('json'))
    expect(json?.json()).toEqual({
      error: 'INTERNAL_SERVER_ERROR',
      error_description: 'Internal server error'
    })
    expect(refused.find((r) => String(r.headers['content-type']).includes('html'))?.text).toContain(
      '500 Internal Server Error'
    )
    const stats = (await controlRequest(`${portal.controlUrl}stats`, emu.controlToken)).json()
    expect(stats).toMatchObject({ overload500: 3, responses5xx: 3, overloaded: true, requests: 6 })
    const log = portal.control.requestLog().entries.filter((e) => e.status === 500)
    expect(log.map((e) => e.method)).toEqual(['profile', 'profile', 'profile'])
  })

  it("bills a batch the sum of its commands' processing time, in the slot it holds", async () => {
    portal.control.setConditions({ concurrency: 1 })
    const t0 = performance.now()
    const res = await call('batch', { cmd: ['scope', 'scope', 'server.time'] })
    expect(performance.now() - t0).toBeGreaterThanOrEqual(560 - 20)
    expect((res.json().time as { processing: number }).processing).toBe(0.56)
    expect(res.headers['x-bitrix-rest-time']).toBe('0.56')
  })

  it('takes its limits from the control API and from the start options', async () => {
    const set = await controlRequest(`${portal.controlUrl}conditions`, emu.controlToken, {
      json: { concurrency: 4, overloadAbove: 9 }
    })
    expect(set.json()).toMatchObject({ concurrency: 4, overloadAbove: 9 })
    const cleared = await controlRequest(`${portal.controlUrl}conditions`, emu.controlToken, {
      json: { concurrency: null }
    })
    expect(cleared.json()).not.toHaveProperty('concurrency')
    const other = await startEmulator({
      seed: 'empty',
      realDelayFactor: 0,
      conditions: { concurrency: 2, overloadAbove: 5 }
    })
    try {
      expect(other.portals[0].control.conditions()).toMatchObject({ concurrency: 2, overloadAbove: 5 })
    } finally {
      await other.stop()
    }
  })
})
