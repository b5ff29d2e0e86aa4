import { describe, expect, it } from 'vitest'
import type { LaneStats } from './lane-core'
import { SlotPool } from './slot-pool'

const pool = (window: { size: number }) => {
  const stats = { peakInFlight: 0 } as LaneStats
  let freed = 0
  const slots = new SlotPool({
    stats,
    window: () => window.size,
    stopping: () => false,
    changed: () => {},
    freed: () => {
      freed++
    }
  })
  return { slots, freed: () => freed }
}

/** Whether a read waiting for a slot has got one yet (after the microtasks that would hand it over). */
const settled = async (p: Promise<void>): Promise<boolean> => {
  let done = false
  void p.then(() => {
    done = true
  })
  await new Promise((r) => setImmediate(r))
  return done
}

describe('the lane slot pool', () => {
  it('hands a freed slot to a waiting read-back within the window', async () => {
    const w = { size: 2 }
    const { slots } = pool(w)
    await slots.wait()
    await slots.wait()
    const read = slots.wait()
    expect(await settled(read)).toBe(false)
    slots.release()
    expect(await settled(read)).toBe(true)
    expect(slots.inFlight).toBe(2)
  })

  it('after a lowering, lets the requests of the larger window drain before a read goes out', async () => {
    // Three on the wire when the portal showed overload and the window went down to 1: a read
    // waiting for a slot goes only once a single request is left on the wire, or it is one too many
    // for the portal that just refused.
    const w = { size: 3 }
    const { slots, freed } = pool(w)
    for (let i = 0; i < 3; i++) await slots.wait()
    w.size = 1
    const read = slots.wait()
    slots.release()
    expect(await settled(read)).toBe(false)
    expect(slots.inFlight).toBe(2)
    slots.release()
    expect(await settled(read)).toBe(false)
    expect(slots.inFlight).toBe(1)
    slots.release()
    expect(await settled(read)).toBe(true)
    expect(slots.inFlight).toBe(1)
    expect(freed()).toBe(2)
    // Waiting reads go before new batches.
    expect(slots.full()).toBe(true)
  })
})
