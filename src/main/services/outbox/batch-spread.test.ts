import { describe, expect, it } from 'vitest'
import { spreadBatchSize } from './batch-choice'

describe('spreadBatchSize: a short job split across the window from its first request', () => {
  const sizes = (remaining: number, window: number, limit = 50) => {
    // Sends a whole round at once (no time passes): each batch counts fully on the wire.
    const out: number[] = []
    let onWire = 0
    for (let free = window; free > 0 && remaining > 0; free--) {
      const n = spreadBatchSize({ remaining, onWire, window, free, limit })
      if (n === null) return null
      out.push(n)
      remaining -= n
      onWire += n
    }
    return out
  }

  it('every slot of the window gets an equal share at once', () => {
    expect(sizes(200, 4)).toEqual([50, 50, 50, 50])
    expect(sizes(120, 4)).toEqual([30, 30, 30, 30])
    expect(sizes(10, 4)).toEqual([3, 3, 2, 2])
    expect(sizes(3, 4)).toEqual([1, 1, 1])
  })

  it('in two rounds when one is not enough, with equal batches in both', () => {
    // 200 on 2 slots: 4 x 50; 334 on 4 slots: 8 batches of 42 or so.
    expect(sizes(200, 2)).toEqual([50, 50])
    expect(sizes(334, 4)).toEqual([42, 42, 42, 42])
  })

  it('longer jobs are left to batchSizeFor', () => {
    expect(spreadBatchSize({ remaining: 401, onWire: 0, window: 4, free: 4, limit: 50 })).toBeNull()
    expect(spreadBatchSize({ remaining: 300, onWire: 0, window: 1, free: 1, limit: 50 })).toBeNull()
    expect(spreadBatchSize({ remaining: 0, onWire: 10, window: 4, free: 4, limit: 50 })).toBeNull()
  })

  it('counts the work still on the wire: a slot freed early takes its share, not everything left', () => {
    // Three slots busy with 45 commands' work each, 60 queued: (60 + 135) / 4 each.
    expect(spreadBatchSize({ remaining: 60, onWire: 135, window: 4, free: 1, limit: 50 })).toBe(49)
    // Three slots nearly done: the work left is shared with them, not put on this one.
    expect(spreadBatchSize({ remaining: 50, onWire: 2, window: 4, free: 1, limit: 50 })).toBe(13)
  })

  it('leaves no few commands for a round of their own when the last free slot can take them', () => {
    // Batches sent a moment ago count a little less; the share would round down to 49 and leave 1.
    expect(spreadBatchSize({ remaining: 50, onWire: 146, window: 4, free: 1, limit: 50 })).toBe(50)
    // ...but never above the portal's batch limit.
    expect(spreadBatchSize({ remaining: 51, onWire: 146, window: 4, free: 1, limit: 50 })).toBe(50)
  })
})
