// The lane with several requests in flight: order per object, the window shown, backing off from overload.
import { afterEach, describe, expect, it } from 'vitest'
import { fakePortals } from './testing/fake-portals'
import { openHarness, waitFor, type Harness } from './testing/harness'
import { pages, slowPortal } from './testing/lane-portals'

describe('several requests in flight', () => {
  let h: Harness | undefined
  afterEach(async () => {
    await h?.close()
    h = undefined
  })

  it('keeps several batches on the wire, never two operations on one object, and never the newer first', async () => {
    const portal = slowPortal(40)
    h = openHarness(fakePortals({ clientFor: async () => portal.client, maxInFlight: () => 4 }))
    h.outbox.start()
    const hh = h
    const ids = Array.from({ length: 200 }, (_, i) => i + 1)
    const first = await hh.outbox.handlers['outbox:enqueue']({ intents: pages(ids) })
    await waitFor('several on the wire', () => hh.outbox.view().jobs[0].counts.sending >= 20)
    // The person changes their mind while the first job is on the wire.
    const second = await hh.outbox.handlers['outbox:enqueue']({ intents: pages(ids, 'unpublish') })
    await waitFor('both finished', () => hh.outbox.view().jobs.every((j) => j.state === 'finished'), 20_000)
    expect(portal.peak()).toBeGreaterThan(1)
    expect(portal.peak()).toBeLessThanOrEqual(4)
    expect(portal.overlaps()).toBe(0)
    // Every page ends as the last intent said, and where both went, the older went first.
    expect(ids.every((id) => portal.published.get(id) === false)).toBe(true)
    for (const id of ids) expect(portal.order.get(id)?.at(-1)).toBe('unpublish')
    const firstOps = await hh.outbox.handlers['outbox:operations']({ jobId: first.id })
    const sentFirst = firstOps.filter((o) => o.state === 'done').map((o) => o.targetId)
    expect(sentFirst.length).toBeGreaterThan(0)
    for (const id of sentFirst) expect(portal.order.get(id)).toEqual(['publish', 'unpublish'])
    expect(hh.outbox.view().jobs.find((j) => j.id === second.id)?.counts.done).toBe(200)
  })

  it('the lane shows what is in flight, its window and the ceiling; a ceiling of 1 sends one request at a time', async () => {
    const portal = slowPortal(30)
    let ceiling = 1
    h = openHarness(fakePortals({ clientFor: async () => portal.client, maxInFlight: () => ceiling }))
    h.outbox.start()
    const hh = h
    await hh.outbox.handlers['outbox:enqueue']({
      intents: pages(Array.from({ length: 60 }, (_, i) => i + 1))
    })
    await waitFor('finished', () => hh.outbox.view().jobs[0]?.state === 'finished')
    expect(portal.peak()).toBe(1)
    expect(hh.outbox.view().lanes[0]).toMatchObject({ inFlight: 0, window: 1, ceiling: 1, lowered: null })
    ceiling = 3
    const seen: Array<{ inFlight: number; window: number }> = []
    hh.events.subscribe((_c, payload) => {
      for (const l of (payload as { lanes?: Array<{ inFlight: number; window: number }> }).lanes ?? [])
        seen.push({ inFlight: l.inFlight, window: l.window })
    })
    await hh.outbox.handlers['outbox:enqueue']({
      intents: pages(
        Array.from({ length: 300 }, (_, i) => i + 1),
        'unpublish'
      )
    })
    await waitFor('finished', () => hh.outbox.view().jobs.every((j) => j.state === 'finished'), 20_000)
    expect(portal.peak()).toBe(3)
    expect(seen.some((s) => s.inFlight >= 2 && s.window === 3)).toBe(true)
    expect(hh.outbox.view().lanes[0]).toMatchObject({ inFlight: 0, window: 3, ceiling: 3 })
  })

  it('backs off when the portal fails requests above what it takes: nothing fails, the window says why it went down', async () => {
    const portal = slowPortal(30, { overloadAbove: 2 })
    h = openHarness(fakePortals({ clientFor: async () => portal.client, maxInFlight: () => 4 }))
    h.outbox.start()
    const hh = h
    const job = await hh.outbox.handlers['outbox:enqueue']({
      intents: pages(Array.from({ length: 400 }, (_, i) => i + 1))
    })
    await waitFor('finished', () => hh.outbox.view().jobs[0]?.state === 'finished', 30_000)
    expect(portal.errors500()).toBeGreaterThan(0)
    expect(hh.outbox.view().jobs.find((j) => j.id === job.id)?.counts).toMatchObject({
      done: 400,
      failed: 0
    })
    const lane = hh.outbox.view().lanes[0]
    expect(lane.window).toBeLessThanOrEqual(2)
    expect(lane.lowered).toMatchObject({ reason: 'HTTP 500 from the portal' })
    expect(lane.lowered!.to).toBeLessThanOrEqual(2)
    // A few probes above what the portal takes, not a storm of them.
    expect(portal.errors500()).toBeLessThan(portal.batches.length / 4)
  })
})
