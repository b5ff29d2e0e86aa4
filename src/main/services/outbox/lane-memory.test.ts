import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BatchCommand, PortalClient } from '../bitrix/types'
import { RestError } from '../bitrix/types'
import type { Intent } from '../../../shared/domain/outbox'
import { openDatabase, type Database } from '../db/database'
import { InFlightWindow } from './concurrency'
import {
  createLaneMemoryStore,
  MEMORY_MAX_AGE_MS,
  OVERLOAD_MEMORY_MS,
  parseLaneMemory,
  remember,
  warmStart,
  type LaneMemory
} from './lane-memory'
import { OutboxStore } from './store'
import { fakePortals } from './testing/fake-portals'
import { openHarness, waitFor, type Harness } from './testing/harness'

const memory = (over: Partial<LaneMemory> = {}): LaneMemory => ({
  sustained: 4,
  overloadedAt: null,
  loweredAt: null,
  perCommandMs: { 'landing.landing.publication': 150 },
  waitMs: 20,
  savedAt: 1_000,
  ...over
})

describe('lane memory: kept with the lane row', () => {
  let dir = ''
  let db: Database | undefined
  afterEach(() => {
    db?.close()
    db = undefined
    if (dir) rmSync(dir, { recursive: true, force: true })
  })
  const open = () => {
    dir = mkdtempSync(join(tmpdir(), 'lane-memory-'))
    db = openDatabase(dir)
    return db
  }

  it('saves and loads per portal; a lane row that exists keeps its status', () => {
    const d = open()
    const store = new OutboxStore(d, () => 5)
    store.setLaneStatus('a', 'running', null, null)
    const mem = createLaneMemoryStore(d, () => 7)
    expect(mem.load('a')).toBeNull()
    mem.save('a', memory())
    mem.save('b', memory({ sustained: 2, overloadedAt: 3, loweredAt: 900 }))
    expect(mem.load('a')).toEqual(memory())
    expect(mem.load('b')).toMatchObject({ sustained: 2, overloadedAt: 3, loweredAt: 900 })
    expect(store.lanes().find((l) => l.portalId === 'a')?.state).toBe('running')
    // The migration runs once; a second store on the same database reads the same.
    expect(createLaneMemoryStore(d).load('a')).toEqual(memory())
  })

  it('a removed portal forgets its memory with its lane', () => {
    const d = open()
    const store = new OutboxStore(d, () => 5)
    const mem = createLaneMemoryStore(d)
    mem.save('a', memory())
    store.forgetLane('a')
    expect(mem.load('a')).toBeNull()
  })

  it('a damaged row reads as nothing known', () => {
    expect(parseLaneMemory('{')).toBeNull()
    expect(parseLaneMemory('null')).toBeNull()
    expect(parseLaneMemory(JSON.stringify({ ...memory(), sustained: 0 }))).toBeNull()
    expect(parseLaneMemory(JSON.stringify({ ...memory(), perCommandMs: [] }))).toBeNull()
    expect(parseLaneMemory(JSON.stringify({ ...memory(), loweredAt: 'yesterday' }))).toBeNull()
    expect(
      parseLaneMemory(JSON.stringify({ ...memory(), perCommandMs: { a: 5, b: -1, c: 'x' } }))?.perCommandMs
    ).toEqual({ a: 5 })
  })
})

describe('lane memory: what the next job trusts', () => {
  it('starts the window at the remembered size while the memory is recent', () => {
    const w = new InFlightWindow(4)
    expect(warmStart(w, memory({ savedAt: 0 }), MEMORY_MAX_AGE_MS)).toBe(true)
    expect(w.window).toBe(4)
    const old = new InFlightWindow(4)
    expect(warmStart(old, memory({ savedAt: 0 }), MEMORY_MAX_AGE_MS + 1)).toBe(false)
    expect(old.window).toBe(1)
    expect(warmStart(new InFlightWindow(4), null, 0)).toBe(false)
  })

  it('a recent lowering holds growth back; one older than a day does not', () => {
    const m = memory({ sustained: 2, overloadedAt: 3, loweredAt: 0 })
    const recent = new InFlightWindow(4)
    warmStart(recent, m, OVERLOAD_MEMORY_MS)
    const past = new InFlightWindow(4)
    warmStart(past, m, OVERLOAD_MEMORY_MS + 1)
    const grow = (w: InFlightWindow) => {
      for (let i = 0; i < 2; i++)
        w.answered({
          generation: w.generation,
          elapsedMs: 300,
          commands: 2,
          now: 0,
          kind: 'landing.landing.publication'
        })
      return w.window
    }
    expect(grow(recent)).toBe(2)
    expect(grow(past)).toBe(3)
  })

  it('writes only what changed, unless a job ended', () => {
    const saved: LaneMemory[] = []
    const store = { load: () => null, save: (_p: string, m: LaneMemory) => void saved.push(m) }
    const w = new InFlightWindow(4)
    const log = () => {}
    let last = remember(store, 'p', w, 10, '', log)
    expect(saved).toHaveLength(1)
    last = remember(store, 'p', w, 20, last, log)
    expect(saved).toHaveLength(1)
    remember(store, 'p', w, 30, last, log, true)
    expect(saved.map((m) => m.savedAt)).toEqual([10, 30])
  })
})

const err = (code: string, category: RestError['category'], httpStatus: number | null = 400) =>
  new RestError({ code, message: `${code} happened`, category, portalId: 'p', method: 'm', httpStatus })

const pages = (n: number): Intent[] =>
  Array.from({ length: n }, (_, i) => ({
    portalId: 'p',
    kind: 'page',
    targetId: i + 1,
    scope: '',
    action: 'publish'
  }))

/**
 * A portal that holds every request until the test lets it go: what was on the wire at once is
 * read without racing a clock. `overloadAbove`: requests beyond that many at once fail at once.
 */
const heldPortal = (opts: { overloadAbove?: number } = {}) => {
  const held: Array<{ cmds: BatchCommand[]; release: () => void }> = []
  const sizes: number[] = []
  let inFlight = 0
  let errors500 = 0
  const client: PortalClient = {
    portalId: 'p',
    limits: 'standard',
    async call() {
      throw new Error('not used')
    },
    async batch(cmds) {
      if (opts.overloadAbove !== undefined && inFlight >= opts.overloadAbove) {
        errors500++
        throw err('INTERNAL_SERVER_ERROR', 'transient', 500)
      }
      inFlight++
      sizes.push(cmds.length)
      await new Promise<void>((release) => held.push({ cmds, release }))
      inFlight--
      return cmds.map(() => ({
        ok: true as const,
        result: true,
        timing: { processing: 0.15, operating: null, operatingResetAt: null }
      }))
    }
  }
  const releaseAll = () => {
    for (const h of held.splice(0)) h.release()
  }
  return { client, sizes, held, releaseAll, inFlight: () => inFlight, errors500: () => errors500 }
}

describe('a lane starts where it left off', () => {
  let h: Harness | undefined
  afterEach(async () => {
    await h?.close()
    h = undefined
  })

  // No operating limit: the budget does not hold the first command back while it learns the portal.
  const tuning = {
    limitsFor: () => ({ rate: { burst: 50, drainPerSecond: 2 }, operating: null }),
    pollMs: 30,
    progressIntervalMs: 20
  }

  it('a remembered window of 4: the job is split across all four from the first request', async () => {
    const portal = heldPortal()
    const dir = mkdtempSync(join(tmpdir(), 'outbox-'))
    const seed = openDatabase(dir)
    new OutboxStore(seed, Date.now)
    createLaneMemoryStore(seed).save('p', memory({ savedAt: Date.now() }))
    seed.close()
    h = openHarness(fakePortals({ clientFor: async () => portal.client, maxInFlight: () => 4 }), tuning, dir)
    const hh = h
    try {
      hh.outbox.start()
      await hh.outbox.handlers['outbox:enqueue']({ intents: pages(200) })
      await waitFor('four on the wire', () => portal.held.length === 4)
      expect(portal.sizes).toEqual([50, 50, 50, 50])
      expect(hh.outbox.view().lanes[0]).toMatchObject({ inFlight: 4, window: 4 })
      portal.releaseAll()
      await waitFor('finished', () => hh.outbox.view().jobs[0]?.state === 'finished')
      expect(portal.sizes).toEqual([50, 50, 50, 50])
    } finally {
      portal.releaseAll()
      await hh.close()
      h = undefined
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a remembered window the portal no longer takes: halved at the first refusal, nothing fails', async () => {
    const portal = heldPortal({ overloadAbove: 2 })
    const dir = mkdtempSync(join(tmpdir(), 'outbox-'))
    const seed = openDatabase(dir)
    new OutboxStore(seed, Date.now)
    createLaneMemoryStore(seed).save('p', memory({ savedAt: Date.now() }))
    seed.close()
    h = openHarness(fakePortals({ clientFor: async () => portal.client, maxInFlight: () => 4 }), tuning, dir)
    const hh = h
    try {
      hh.outbox.start()
      await hh.outbox.handlers['outbox:enqueue']({ intents: pages(200) })
      await waitFor('two held, the others refused', () => portal.held.length === 2 && portal.errors500() > 0)
      await waitFor('window halved', () => hh.outbox.view().lanes[0]?.window === 2)
      expect(hh.outbox.view().lanes[0].lowered).toMatchObject({ to: 2 })
      while (hh.outbox.view().jobs[0]?.state !== 'finished') {
        portal.releaseAll()
        await new Promise((r) => setTimeout(r, 5))
      }
      expect(hh.outbox.view().jobs[0].counts).toMatchObject({ done: 200, failed: 0 })
      // What it learned: 2 at once, overloaded above (at 4, or at 3 if it probed again).
      const db = openDatabase(dir)
      try {
        const learned = createLaneMemoryStore(db).load('p')
        expect(learned?.sustained).toBe(2)
        expect([3, 4]).toContain(learned?.overloadedAt)
      } finally {
        db.close()
      }
    } finally {
      portal.releaseAll()
      await hh.close()
      h = undefined
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a job keeps what its lane learned for the next start', async () => {
    const portal = heldPortal()
    h = openHarness(fakePortals({ clientFor: async () => portal.client, maxInFlight: () => 4 }), tuning)
    const hh = h
    hh.outbox.start()
    await hh.outbox.handlers['outbox:enqueue']({ intents: pages(60) })
    while (hh.outbox.view().jobs[0]?.state !== 'finished') {
      portal.releaseAll()
      await new Promise((r) => setTimeout(r, 5))
    }
    await waitFor('remembered', () => createLaneMemoryStore(hh.db).load('p') !== null)
    const m = createLaneMemoryStore(hh.db).load('p')
    expect(m?.sustained).toBeGreaterThanOrEqual(2)
    expect(m?.perCommandMs['landing.landing.publication']).toBeCloseTo(150)
  })
})
