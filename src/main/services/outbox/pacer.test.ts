import { describe, expect, it } from 'vitest'
import { MAX_PORTAL_WAIT_MS, OperatingBudget, RateBucket } from './pacer'

describe('RateBucket', () => {
  it('lets a burst through, then paces at the drain rate', () => {
    const b = new RateBucket({ burst: 5, drainPerSecond: 2 }, 0)
    for (let i = 0; i < 4; i++) {
      expect(b.delay(0)).toBe(0)
      b.take(0)
    }
    // One slot stays spare for other callers of the same portal.
    expect(b.delay(0)).toBe(500)
    expect(b.delay(500)).toBe(0)
  })

  it('treats a QUERY_LIMIT_EXCEEDED as a full bucket', () => {
    const b = new RateBucket({ burst: 50, drainPerSecond: 2 }, 0)
    b.saturate(0)
    expect(b.delay(0)).toBe(1000)
  })
})

const batchOf = (method: string, n: number, processing: number) =>
  Array.from({ length: n }, () => ({
    method,
    timing: { processing, operating: null, operatingResetAt: null }
  }))

describe('OperatingBudget', () => {
  const limit = { limitSec: 100, windowMs: 600_000 }

  it('sends one command of a method it has not heard about, then sizes batches from what it learned', () => {
    const b = new OperatingBudget(limit, { initialEstimateSec: 1, marginSec: 1 })
    expect(b.allowance('m', 0)).toBe(1)
    b.recordBatch(batchOf('m', 1, 2), 2_000)
    // (100 - 1 margin - 2*2 - 2 used) / 2
    expect(b.allowance('m', 2_000)).toBe(46)
    expect(b.allowance('other', 2_000)).toBe(1)
  })

  it('never plans past the limit, and frees time as the window slides past each command', () => {
    const b = new OperatingBudget(limit, { initialEstimateSec: 1, marginSec: 1 })
    b.recordBatch(batchOf('m', 1, 2), 2_000)
    b.recordBatch(batchOf('m', 46, 2), 100_000)
    expect(b.used('m', 100_000)).toBe(94)
    expect(b.allowance('m', 100_000)).toBe(0)
    const at = b.freeAt('m', 100_000, 3)
    // The first command (started at 0) must leave, and 2 s more: commands start 2 s apart.
    expect(at).toBeGreaterThan(600_000)
    expect(b.allowance('m', at - 2)).toBeLessThan(3)
    expect(b.allowance('m', at)).toBeGreaterThanOrEqual(3)
  })

  it('takes the time the portal reports beyond its own record as spent for a whole window', () => {
    const b = new OperatingBudget(limit, { initialEstimateSec: 1, marginSec: 1 })
    b.recordBatch([{ method: 'm', timing: { processing: 1, operating: 90, operatingResetAt: 500 } }], 10_000)
    expect(b.used('m', 10_000)).toBeCloseTo(90, 5)
    expect(b.allowance('m', 10_000)).toBe(7)
    expect(b.used('m', 611_000)).toBe(0)
  })

  it('waits for the reset the portal announced when it blocks a method anyway', () => {
    const b = new OperatingBudget(limit)
    b.recordBatch([{ method: 'm', timing: { processing: 1, operating: 1, operatingResetAt: 300 } }], 10_000)
    expect(b.block('m', 20_000, 60_000)).toBe(300_000)
    expect(b.allowance('m', 299_999)).toBe(0)
    expect(b.block('n', 20_000, 60_000)).toBe(80_000)
  })

  it('no limit: no pacing', () => {
    const b = new OperatingBudget(null)
    expect(b.allowance('m', 0)).toBeGreaterThan(1000)
  })

  it('saves a small picture of what the window still holds, and a new budget restored from it plans the same', () => {
    const b = new OperatingBudget(limit, { initialEstimateSec: 1, marginSec: 1 })
    b.recordBatch(batchOf('m', 1, 2), 2_000)
    for (let i = 0; i < 40; i++) b.recordBatch(batchOf('m', 1, 2), 10_000 + i * 3_000)
    const saved = b.save('m', 130_000)
    // 41 commands over two minutes and a bit fold into one entry per minute.
    expect(saved.spends.length).toBeLessThanOrEqual(3)
    const restored = new OperatingBudget(limit, { initialEstimateSec: 1, marginSec: 1 })
    restored.restore(JSON.parse(JSON.stringify([saved])) as [typeof saved], 130_000)
    expect(restored.used('m', 130_000)).toBeCloseTo(b.used('m', 130_000), 5)
    expect(restored.allowance('m', 130_000)).toBe(b.allowance('m', 130_000))
    // Folding moves a minute's time to its latest command: it is forgotten later, never earlier.
    expect(restored.freeAt('m', 130_000, 20)).toBeGreaterThanOrEqual(b.freeAt('m', 130_000, 20))
    expect(restored.used('m', 800_000)).toBe(0)
  })
})

describe('OperatingBudget with batches in flight', () => {
  it("does not count a batch twice when the portal's total already includes it while it is on the wire", () => {
    const b = new OperatingBudget({ limitSec: 480, windowMs: 600_000 })
    const t = (processing: number, operating: number) => ({ processing, operating, operatingResetAt: null })
    b.recordBatch([{ method: 'm', timing: t(1, 1) }], 0)
    // Two batches of 10 commands on the wire; the first answers while the second has run on the portal.
    const first = b.reserve('m', 10)
    const second = b.reserve('m', 10)
    b.settle('m', first)
    b.recordBatch(
      Array.from({ length: 10 }, () => ({ method: 'm', timing: t(1, 21) })),
      20_000
    )
    b.settle('m', second)
    b.recordBatch(
      Array.from({ length: 10 }, () => ({ method: 'm', timing: t(1, 21) })),
      20_100
    )
    expect(b.used('m', 20_100)).toBeCloseTo(21, 5)
  })

  it('still counts time other apps spent on the same webhook', () => {
    const b = new OperatingBudget({ limitSec: 480, windowMs: 600_000 })
    b.recordBatch([{ method: 'm', timing: { processing: 2, operating: 50, operatingResetAt: null } }], 0)
    expect(b.used('m', 0)).toBeCloseTo(50, 5)
  })

  it('cuts a reset time far ahead to the clamp, and never saves or restores an absurd block', () => {
    const now = 1_000_000
    const b = new OperatingBudget({ limitSec: 480, windowMs: 600_000 })
    b.recordBatch([{ method: 'm', timing: { processing: 1, operating: 500, operatingResetAt: 1e11 } }], now)
    expect(b.block('m', now, 60_000)).toBe(now + MAX_PORTAL_WAIT_MS)
    expect(b.save('m', now).blockedUntil).toBe(now + MAX_PORTAL_WAIT_MS)
    expect(b.allowance('m', now + MAX_PORTAL_WAIT_MS + 1)).toBeGreaterThan(0)
    // A block saved by an older version (or written into the file) is cut when read back.
    const c = new OperatingBudget({ limitSec: 480, windowMs: 600_000 })
    c.restore([{ method: 'm', spends: [], estimate: 1, blockedUntil: 1e14, lastResetAt: 1e14 }], now)
    expect(c.save('m', now).blockedUntil).toBe(now + MAX_PORTAL_WAIT_MS)
    expect(c.block('m', now, 60_000)).toBe(now + MAX_PORTAL_WAIT_MS)
  })
})
