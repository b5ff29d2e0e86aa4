import { describe, expect, it } from 'vitest'
import type { LandingScope } from '../../../shared/domain/catalog'
import { batchSizeFor, chooseBatch, targetOf } from './batch-choice'
import { OperatingBudget } from './pacer'
import type { QueuedOperation } from './store'

let nextId = 1
const op = (
  kind: QueuedOperation['kind'],
  targetId: number,
  over: Partial<QueuedOperation> = {}
): QueuedOperation => ({
  id: nextId++,
  jobId: 1,
  portalId: 'p',
  kind,
  targetId,
  scope: '',
  action: kind === 'document' ? 'link-on' : 'publish',
  label: null,
  attempts: 0,
  ...over
})
const page = (id: number, scope: LandingScope = '', over: Partial<QueuedOperation> = {}) =>
  op('page', id, { scope, ...over })

/** A budget that has seen the portal answer: any number of commands may go. */
const open = () => {
  const b = new OperatingBudget({ limitSec: 480, windowMs: 600_000 })
  b.recordBatch(
    [
      {
        method: 'landing.landing.publication',
        timing: { processing: 0.1, operating: 0, operatingResetAt: null }
      },
      {
        method: 'landing.landing.unpublic',
        timing: { processing: 0.1, operating: 0, operatingResetAt: null }
      },
      {
        method: 'crm.documentgenerator.document.enablepublicurl',
        timing: { processing: 0.1, operating: 0, operatingResetAt: null }
      }
    ],
    0
  )
  return b
}

const choose = (candidates: QueuedOperation[], over: Partial<Parameters<typeof chooseBatch>[0]> = {}) =>
  chooseBatch({
    candidates,
    budget: open(),
    now: 1_000,
    maxCommands: 50,
    minBudgetBatch: 10,
    busyTargets: new Set(),
    ...over
  })

describe('chooseBatch', () => {
  it('takes operations of one landing scope per batch, oldest first; documents go with the default scope', () => {
    const ops = [
      page(1, 'KNOWLEDGE'),
      page(2),
      page(3, 'KNOWLEDGE'),
      op('document', 4),
      page(5, 'GROUP'),
      page(6, 'KNOWLEDGE')
    ]
    const first = choose(ops)
    expect(first.scope).toBe('KNOWLEDGE')
    expect(first.ops.map((o) => o.targetId)).toEqual([1, 3, 6])
    const second = choose(ops.filter((o) => !first.ops.includes(o)))
    expect(second.scope).toBe('')
    expect(second.ops.map((o) => o.targetId)).toEqual([2, 4])
    expect(choose([ops[4]]).ops.map((o) => o.targetId)).toEqual([5])
  })

  it('never takes an object already on the wire, nor a newer operation before an older one on the same object', () => {
    const older = page(7, '', { action: 'unpublish' })
    const ops = [page(1), older, page(2), page(7), page(8)]
    const c = choose(ops, { busyTargets: new Set([targetOf(page(1))]) })
    // 1 is on the wire; of the two on 7 only the older may go.
    expect(c.ops.map((o) => o.id)).toEqual([older.id, ops[2].id, ops[4].id])
    expect(c.eligible).toBe(3)
    // While the older operation on 7 is on the wire, the newer one waits.
    const next = choose([ops[3]], { busyTargets: new Set([targetOf(older)]) })
    expect(next.ops).toEqual([])
    expect(next.eligible).toBe(0)
  })

  it('holds the newer operation on an object back even when only the older one is held by the budget', () => {
    const budget = open()
    budget.block('landing.landing.unpublic', 1_000, 60_000)
    const older = page(9, '', { action: 'unpublish' })
    const newer = page(9)
    const c = choose([older, newer, page(10)], { budget })
    expect(c.ops.map((o) => o.targetId)).toEqual([10])
  })

  it('at most maxCommands commands', () => {
    const ops = Array.from({ length: 30 }, (_, i) => page(i + 1))
    expect(choose(ops, { maxCommands: 8 }).ops).toHaveLength(8)
  })

  it('a method the budget has not seen answer goes one command at a time, and not while that one is on the wire', () => {
    const budget = new OperatingBudget({ limitSec: 480, windowMs: 600_000 })
    const ops = [page(1), page(2), page(3)]
    expect(choose(ops, { budget }).ops).toHaveLength(1)
    const reserved = budget.reserve('landing.landing.publication', 1)
    const c = choose(ops, { budget })
    expect(c.ops).toEqual([])
    budget.settle('landing.landing.publication', reserved)
    expect(choose(ops, { budget }).ops).toHaveLength(1)
  })

  it('counts commands in flight against the operating budget, so two batches on the wire cannot overrun it', () => {
    const budget = new OperatingBudget(
      { limitSec: 10, windowMs: 600_000 },
      { initialEstimateSec: 1, marginSec: 1 }
    )
    budget.recordBatch(
      [
        {
          method: 'landing.landing.publication',
          timing: { processing: 1, operating: 1, operatingResetAt: null }
        }
      ],
      0
    )
    // 10 s limit, 1 s margin, two commands of headroom, 1 s already spent: 6 more fit.
    const ops = Array.from({ length: 20 }, (_, i) => page(i + 1))
    const first = choose(ops, { budget, minBudgetBatch: 1 })
    expect(first.ops).toHaveLength(6)
    budget.reserve('landing.landing.publication', first.ops.length)
    const second = choose(ops.slice(6), { budget, minBudgetBatch: 1 })
    expect(second.ops).toEqual([])
    expect(second.heldMethod).toBe('landing.landing.publication')
  })

  it('when the budget holds back the scope of the oldest operations, another scope goes', () => {
    const budget = open()
    budget.block('landing.landing.unpublic', 1_000, 60_000)
    const c = choose([page(1, 'KNOWLEDGE', { action: 'unpublish' }), page(2)], { budget })
    expect(c.ops.map((o) => o.targetId)).toEqual([2])
    const none = choose([page(1, 'KNOWLEDGE', { action: 'unpublish' })], { budget })
    expect(none.ops).toEqual([])
    expect(none.wakeAt).toBe(61_000)
  })
})

describe('batchSizeFor', () => {
  const heavy = {
    estimateSec: 0.25,
    window: 4,
    requestsPerBatch: 2,
    drainPerSecond: 2,
    limit: 50
  }

  it('small batches while the rate bucket has room for them, so four requests in flight share the work', () => {
    // 334 heavy pages: 21 s of work at 4 in flight; 49 requests now and 2 a second after.
    const size = batchSizeFor({ ...heavy, remaining: 334, room: 49 })
    expect(size).toBeGreaterThanOrEqual(4)
    expect(size).toBeLessThanOrEqual(12)
    // Every batch with its read-back fits the requests the portal will take meanwhile.
    const requests = Math.ceil(334 / size) * heavy.requestsPerBatch
    expect(requests).toBeLessThanOrEqual(49 + 2 * ((334 * 0.25) / 4))
  })

  it('bigger batches when the bucket is nearly empty, up to the portal’s batch limit', () => {
    const full = batchSizeFor({ ...heavy, remaining: 334, room: 49 })
    const empty = batchSizeFor({ ...heavy, remaining: 334, room: 0 })
    expect(empty).toBeGreaterThan(full)
    expect(batchSizeFor({ ...heavy, estimateSec: 0.01, remaining: 500, room: 0 })).toBe(50)
    expect(batchSizeFor({ ...heavy, estimateSec: 0.01, remaining: 500, room: 0, limit: 7 })).toBe(7)
  })

  it('at least about a second of work per batch: tiny commands gain nothing from being split', () => {
    expect(batchSizeFor({ ...heavy, estimateSec: 0.025, remaining: 100, room: 49 })).toBe(40)
    // A command that takes seconds may go alone when requests allow it.
    expect(batchSizeFor({ ...heavy, estimateSec: 5, remaining: 100, room: 49 })).toBe(1)
  })

  it('short batches while the window is still growing, so answers come back soon', () => {
    expect(batchSizeFor({ ...heavy, remaining: 334, room: 49, growingBatchSeconds: 0.5 })).toBe(2)
    expect(
      batchSizeFor({ ...heavy, estimateSec: 1, remaining: 334, room: 49, growingBatchSeconds: 0.5 })
    ).toBe(1)
  })
})

describe('site trees and the server’s request caches', () => {
  // Site 1 holds folder 10 and pages 100 (in folder 10) and 101; site 2 holds page 200.
  const sites = new Map<string, number>([
    ['folder:10', 1],
    ['page:100', 1],
    ['page:101', 1],
    ['page:200', 2]
  ])
  const siteOf = (o: QueuedOperation) => (o.kind === 'site' ? o.targetId : sites.get(targetOf(o)))

  it('never puts two directions on one site’s tree into one batch', () => {
    const up = page(100)
    const down = op('site', 1, { action: 'unpublish' })
    const other = page(200, '', { action: 'unpublish' })
    expect(choose([up, down, other], { siteOf }).ops).toEqual([up, other])
    expect(choose([down, up], { siteOf }).ops).toEqual([down])
  })

  it('never puts a folder operation after another operation on its site', () => {
    const p = page(100)
    const f = op('folder', 10, { action: 'unpublish' })
    const f2 = op('folder', 10, { action: 'publish' })
    expect(choose([p, f], { siteOf }).ops).toEqual([p])
    expect(choose([f2, page(101)], { siteOf }).ops.map((o) => o.kind)).toEqual(['folder', 'page'])
  })

  it('keeps an operation of an unknown site apart from other directions and from folders', () => {
    const lost = page(999, '', { action: 'unpublish' })
    const p = page(200)
    expect(choose([lost, p], { siteOf }).ops).toEqual([lost])
    expect(choose([p, op('folder', 10)], { siteOf }).ops.map((o) => o.kind)).toEqual(['page', 'folder'])
    expect(choose([lost, op('folder', 10, { action: 'unpublish' })], { siteOf }).ops).toEqual([lost])
  })

  it('mixes freely without a site lookup', () => {
    const ops = [page(100), op('folder', 10, { action: 'unpublish' })]
    expect(choose(ops).ops).toEqual(ops)
  })
})
