import { afterEach, describe, expect, it } from 'vitest'
import type { BatchCommand, BatchItemResult, PortalClient } from '../bitrix/types'
import { RestError } from '../bitrix/types'
import type { Intent } from '../../../shared/domain/outbox'
import { fakePortals } from './testing/fake-portals'
import { fastTuning, openHarness, waitFor, type Harness } from './testing/harness'
import { openDatabase } from '../db/database'
import { createAppEvents } from '../events'
import { createOutboxService } from './index'
import { RunnerLock } from './runner-lock'
import { OutboxStore } from './store'
import type { Verify } from './verify-types'

const err = (code: string, category: RestError['category'], httpStatus: number | null = 400) =>
  new RestError({ code, message: `${code} happened`, category, portalId: 'p', method: 'm', httpStatus })

/** A portal in memory: applies publication commands, with hooks to refuse or fail some. */
const memoryClient = (hooks: {
  refuseBatch?: (cmds: BatchCommand[]) => RestError | null
  failCommand?: (cmd: BatchCommand, attempt: number) => RestError | null
}) => {
  const published = new Map<number, boolean>()
  const sizes: number[] = []
  const attempts = new Map<number, number>()
  let singles = 0
  const apply = (c: BatchCommand): BatchItemResult => {
    const id = Number(c.params.lid)
    const n = (attempts.get(id) ?? 0) + 1
    attempts.set(id, n)
    const e = hooks.failCommand?.(c, n) ?? null
    const timing = { processing: 0.001, operating: null, operatingResetAt: null }
    if (e) return { ok: false, error: e, timing }
    published.set(id, c.method.endsWith('publication'))
    return { ok: true, result: true, timing }
  }
  const client: PortalClient = {
    portalId: 'p',
    limits: 'standard',
    async call(method, params = {}) {
      singles++
      const r = apply({ method, params })
      if (!r.ok) throw r.error
      return { result: r.result as never, timing: r.timing }
    },
    async batch(cmds) {
      const refusal = hooks.refuseBatch?.(cmds) ?? null
      if (refusal) throw refusal
      sizes.push(cmds.length)
      return cmds.map(apply)
    }
  }
  return { client, published, sizes, attempts, singles: () => singles }
}

const pages = (ids: number[], action: Intent['action'] = 'publish'): Intent[] =>
  ids.map((targetId) => ({ portalId: 'p', kind: 'page', targetId, scope: '', action }))

describe('lane against an in-memory portal', () => {
  let h: Harness | undefined
  afterEach(async () => {
    await h?.close()
    h = undefined
  })

  const start = (mem: ReturnType<typeof memoryClient>) => {
    const portals = fakePortals({ clientFor: async () => mem.client })
    h = openHarness(portals)
    h.outbox.start()
    return { h, portals }
  }

  it('packs operations into batches of at most 50', async () => {
    const mem = memoryClient({})
    const { h } = start(mem)
    const job = await h.outbox.handlers['outbox:enqueue']({
      intents: pages(Array.from({ length: 120 }, (_, i) => i + 1))
    })
    await waitFor(
      'job finished',
      () => h.outbox.snapshot().jobs.find((j) => j.id === job.id)?.state === 'finished'
    )
    expect(mem.published.size).toBe(120)
    expect(Math.max(...mem.sizes)).toBeLessThanOrEqual(50)
    // The first batch is a single command: the lane learns the method's cost before it bursts.
    expect(mem.sizes[0]).toBe(1)
    expect(mem.sizes.length).toBeLessThanOrEqual(4)
  })

  it('falls back to smaller batches when the portal refuses a batch, and to single calls at one', async () => {
    const mem = memoryClient({
      refuseBatch: (cmds) => (cmds.length > 7 ? err('ERROR_BATCH_LENGTH_EXCEEDED', 'permanent') : null)
    })
    const first = start(mem).h
    await first.outbox.handlers['outbox:enqueue']({
      intents: pages(Array.from({ length: 40 }, (_, i) => i + 1))
    })
    await waitFor('all published', () => mem.published.size === 40)
    expect(Math.max(...mem.sizes)).toBeLessThanOrEqual(7)

    const refusing = memoryClient({ refuseBatch: () => err('URI_TOO_LONG', 'permanent', 414) })
    await first.close()
    h = undefined
    const s = start(refusing)
    await s.h.outbox.handlers['outbox:enqueue']({ intents: pages([1, 2, 3, 4, 5]) })
    await waitFor('all published by single calls', () => refusing.published.size === 5)
    expect(refusing.singles()).toBe(5)
  })

  it('a permanent error fails only its operation, with the portal code and reason', async () => {
    const mem = memoryClient({
      failCommand: (c) => (c.params.lid === 3 ? err('LANDING_NOT_EXIST', 'permanent') : null)
    })
    const { h } = start(mem)
    const job = await h.outbox.handlers['outbox:enqueue']({ intents: pages([1, 2, 3, 4]) })
    await waitFor('finished', () => h.outbox.snapshot().jobs[0]?.state === 'finished')
    const ops = await h.outbox.handlers['outbox:operations']({ jobId: job.id })
    expect(ops.filter((o) => o.state === 'done').map((o) => o.targetId)).toEqual([1, 2, 4])
    expect(ops.find((o) => o.targetId === 3)).toMatchObject({
      state: 'failed',
      error: { code: 'LANDING_NOT_EXIST', message: 'LANDING_NOT_EXIST happened', category: 'permanent' }
    })
  })

  it('retries transient errors with backoff and gives up after the configured attempts', async () => {
    const mem = memoryClient({
      failCommand: (c, n) =>
        c.params.lid === 1 && n <= 2
          ? err('INTERNAL_SERVER_ERROR', 'transient', 500)
          : c.params.lid === 2
            ? err('INTERNAL_SERVER_ERROR', 'transient', 500)
            : null
    })
    const { h } = start(mem)
    const job = await h.outbox.handlers['outbox:enqueue']({ intents: pages([1, 2]) })
    await waitFor('finished', () => h.outbox.snapshot().jobs[0]?.state === 'finished')
    const ops = await h.outbox.handlers['outbox:operations']({ jobId: job.id })
    expect(ops[0]).toMatchObject({ state: 'done', attempts: 3 })
    expect(ops[1]).toMatchObject({ state: 'failed', attempts: 4 })
    expect(ops[1].error?.message).toMatch(/Gave up after 4 attempts/)
  })

  it('pauses the lane on an auth error until the credentials change', async () => {
    let revoked = true
    const mem = memoryClient({})
    const portals = fakePortals({
      clientFor: async () => ({
        ...mem.client,
        batch: async (cmds) => {
          if (revoked) throw err('NO_AUTH_FOUND', 'auth', 401)
          return mem.client.batch(cmds)
        }
      })
    })
    h = openHarness(portals)
    h.outbox.start()
    const hh = h
    await hh.outbox.handlers['outbox:enqueue']({ intents: pages([1, 2]) })
    await waitFor('auth state', () => hh.outbox.snapshot().lanes[0]?.state === 'auth')
    expect(hh.outbox.snapshot().lanes[0].reason).toMatch(/NO_AUTH_FOUND/)
    expect(portals.outcomes.some((o) => o.code === 'NO_AUTH_FOUND')).toBe(true)
    await new Promise((r) => setTimeout(r, 100))
    expect(mem.published.size).toBe(0)
    revoked = false
    portals.credentialsChanged('p')
    await waitFor('drained', () => mem.published.size === 2)
  })

  it('an auth code on one command of an accepted batch does not pause the lane: the command is retried', async () => {
    const mem = memoryClient({
      failCommand: (c, n) => (c.params.lid === 2 && n === 1 ? err('NO_AUTH_FOUND', 'auth', null) : null)
    })
    const { h, portals } = start(mem)
    const states = new Set<string>()
    h.events.subscribe((_channel, payload) => {
      for (const l of (payload as { lanes?: Array<{ state: string }> }).lanes ?? []) states.add(l.state)
    })
    const job = await h.outbox.handlers['outbox:enqueue']({ intents: pages([1, 2, 3]) })
    await waitFor(
      'finished',
      () => h.outbox.snapshot().jobs.find((j) => j.id === job.id)?.state === 'finished'
    )
    expect(mem.published.size).toBe(3)
    expect(states.has('auth')).toBe(false)
    expect(portals.outcomes.some((o) => o.code === 'NO_AUTH_FOUND')).toBe(false)
  })

  it('a portal removed in this process: its queued work is cancelled with a reason and its lane disappears', async () => {
    const mem = memoryClient({})
    const portals = fakePortals({
      clientFor: async (id) => ({
        ...mem.client,
        batch: async (cmds) => {
          if (id === 'p') throw err('NO_AUTH_FOUND', 'auth', 401)
          return mem.client.batch(cmds)
        }
      })
    })
    h = openHarness(portals)
    h.outbox.start()
    const hh = h
    const job = await hh.outbox.handlers['outbox:enqueue']({
      intents: [...pages([1, 2]), { portalId: 'q', kind: 'page', targetId: 3, scope: '', action: 'publish' }]
    })
    await waitFor(
      'p paused for credentials',
      () => hh.outbox.snapshot().lanes.find((l) => l.portalId === 'p')?.state === 'auth'
    )
    portals.removed('p')
    await waitFor(
      'job finished',
      () => hh.outbox.snapshot().jobs.find((j) => j.id === job.id)?.state === 'finished'
    )
    expect(hh.outbox.snapshot().jobs[0].counts).toMatchObject({ done: 1, cancelled: 2, queued: 0 })
    const cancelled = await hh.outbox.handlers['outbox:operations']({ jobId: job.id, states: ['cancelled'] })
    expect(cancelled.map((o) => o.error?.code)).toEqual(['PORTAL_REMOVED', 'PORTAL_REMOVED'])
    await new Promise((r) => setTimeout(r, 100))
    expect(hh.outbox.snapshot().lanes.map((l) => l.portalId)).toEqual(['q'])
  })

  it('a portal removed by another process (the command line): the runner here lets its lane go', async () => {
    let exists = true
    const portals = fakePortals({
      clientFor: async () => ({
        ...memoryClient({}).client,
        batch: async () => Promise.reject(err('NO_AUTH_FOUND', 'auth', 401))
      }),
      exists: () => exists
    })
    h = openHarness(portals)
    h.outbox.start()
    const hh = h
    await hh.outbox.handlers['outbox:enqueue']({ intents: pages([1, 2]) })
    await waitFor('p paused for credentials', () => hh.outbox.snapshot().lanes[0]?.state === 'auth')

    // The other process has its own connection and its own PortalsService, which announces the removal there.
    const db = openDatabase(hh.dir)
    const other = fakePortals({ clientFor: async () => memoryClient({}).client })
    const cli = createOutboxService({
      db,
      dataDir: hh.dir,
      events: createAppEvents(),
      log: () => {},
      now: Date.now,
      portals: other
    })
    exists = false
    other.removed('p')
    await cli.stop()
    db.close()

    expect(hh.outbox.snapshot().jobs[0].counts).toMatchObject({ cancelled: 2, queued: 0 })
    // The runner notices at its next poll and does not write the lane back.
    await new Promise((r) => setTimeout(r, 200))
    expect(hh.outbox.snapshot().lanes).toEqual([])
    expect(hh.logs.some((l) => /portal p removed/.test(l))).toBe(true)
  })
})

/**
 * A portal that takes its time: each request takes `ms`, and it records what was on the wire at
 * once: how many requests, and which objects (an object twice at once would break the order of intents).
 */
const slowPortal = (ms: number, opts: { overloadAbove?: number } = {}) => {
  const published = new Map<number, boolean>()
  const order = new Map<number, string[]>()
  const onWire = new Map<number, number>()
  let inFlight = 0
  let peak = 0
  let overlaps = 0
  let errors500 = 0
  const batches: BatchCommand[][] = []
  const client: PortalClient = {
    portalId: 'p',
    limits: 'standard',
    async call() {
      throw new Error('not used')
    },
    async batch(cmds) {
      inFlight++
      peak = Math.max(peak, inFlight)
      try {
        if (opts.overloadAbove !== undefined && inFlight > opts.overloadAbove) {
          errors500++
          throw err('INTERNAL_SERVER_ERROR', 'transient', 500)
        }
        batches.push(cmds)
        const ids = cmds.map((c) => Number(c.params.lid))
        for (const id of ids) {
          const n = (onWire.get(id) ?? 0) + 1
          if (n > 1) overlaps++
          onWire.set(id, n)
        }
        await new Promise((r) => setTimeout(r, ms))
        for (const id of ids) onWire.set(id, (onWire.get(id) ?? 1) - 1)
        return cmds.map((c) => {
          const id = Number(c.params.lid)
          const on = c.method.endsWith('publication')
          published.set(id, on)
          order.set(id, [...(order.get(id) ?? []), on ? 'publish' : 'unpublish'])
          return {
            ok: true as const,
            result: true,
            timing: { processing: ms / 1000 / cmds.length, operating: null, operatingResetAt: null }
          }
        })
      } finally {
        inFlight--
      }
    }
  }
  return {
    client,
    published,
    order,
    batches,
    peak: () => peak,
    overlaps: () => overlaps,
    errors500: () => errors500
  }
}

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
    await waitFor('several on the wire', () => hh.outbox.snapshot().jobs[0].counts.sending >= 20)
    // The person changes their mind while the first job is on the wire.
    const second = await hh.outbox.handlers['outbox:enqueue']({ intents: pages(ids, 'unpublish') })
    await waitFor(
      'both finished',
      () => hh.outbox.snapshot().jobs.every((j) => j.state === 'finished'),
      20_000
    )
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
    expect(hh.outbox.snapshot().jobs.find((j) => j.id === second.id)?.counts.done).toBe(200)
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
    await waitFor('finished', () => hh.outbox.snapshot().jobs[0]?.state === 'finished')
    expect(portal.peak()).toBe(1)
    expect(hh.outbox.snapshot().lanes[0]).toMatchObject({ inFlight: 0, window: 1, ceiling: 1, lowered: null })
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
    await waitFor('finished', () => hh.outbox.snapshot().jobs.every((j) => j.state === 'finished'), 20_000)
    expect(portal.peak()).toBe(3)
    expect(seen.some((s) => s.inFlight >= 2 && s.window === 3)).toBe(true)
    expect(hh.outbox.snapshot().lanes[0]).toMatchObject({ inFlight: 0, window: 3, ceiling: 3 })
  })

  it('backs off when the portal fails requests above what it takes: nothing fails, the window says why it went down', async () => {
    const portal = slowPortal(30, { overloadAbove: 2 })
    h = openHarness(fakePortals({ clientFor: async () => portal.client, maxInFlight: () => 4 }))
    h.outbox.start()
    const hh = h
    const job = await hh.outbox.handlers['outbox:enqueue']({
      intents: pages(Array.from({ length: 400 }, (_, i) => i + 1))
    })
    await waitFor('finished', () => hh.outbox.snapshot().jobs[0]?.state === 'finished', 30_000)
    expect(portal.errors500()).toBeGreaterThan(0)
    expect(hh.outbox.snapshot().jobs.find((j) => j.id === job.id)?.counts).toMatchObject({
      done: 400,
      failed: 0
    })
    const lane = hh.outbox.snapshot().lanes[0]
    expect(lane.window).toBeLessThanOrEqual(2)
    expect(lane.lowered).toMatchObject({ reason: 'HTTP 500 from the portal' })
    expect(lane.lowered!.to).toBeLessThanOrEqual(2)
    // A few probes above what the portal takes, not a storm of them.
    expect(portal.errors500()).toBeLessThan(portal.batches.length / 4)
  })
})

describe('the runner lock, fenced', () => {
  let h: Harness | undefined
  afterEach(async () => {
    await h?.close()
    h = undefined
  })

  it('a runner whose lock was taken over cannot complete or send anything', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((r) => (release = r))
    const sent: number[] = []
    const client: PortalClient = {
      portalId: 'p',
      limits: 'standard',
      async call() {
        throw new Error('not used')
      },
      async batch(cmds) {
        sent.push(cmds.length)
        await gate
        return cmds.map(() => ({ ok: true as const, result: true, timing: null }))
      }
    }
    // No heartbeat during the test: the lane's own check before each send is what must stop it.
    h = openHarness(fakePortals({ clientFor: async () => client }), { pollMs: 60_000 })
    h.outbox.start()
    const hh = h
    const job = await hh.outbox.handlers['outbox:enqueue']({ intents: pages([1, 2, 3]) })
    await waitFor('one batch on the wire', () => sent.length === 1)

    // Another process presumed this one dead, took the lock and queued its work again.
    const other = new RunnerLock(hh.db, { now: () => Date.now() + 60_000, pid: 1, host: 'elsewhere' })
    expect(other.tryAcquire()).toBe(true)
    new OutboxStore(hh.db, Date.now).recoverSending()

    release()
    await new Promise((r) => setTimeout(r, 100))
    // The late answer changed nothing: the operations belong to the new runner now.
    const ops = await hh.outbox.handlers['outbox:operations']({ jobId: job.id })
    expect(ops.map((o) => o.state)).toEqual(['queued', 'queued', 'queued'])
    // And nothing more goes on the wire from here, new work included.
    await hh.outbox.handlers['outbox:enqueue']({ intents: pages([4, 5]) })
    await new Promise((r) => setTimeout(r, 200))
    expect(sent).toEqual([1])
    expect(hh.outbox.isRunner()).toBe(false)
    expect(hh.logs.some((l) => /runner lock was taken over/.test(l))).toBe(true)
  })
})

describe('read-back of what a batch changed', () => {
  let h: Harness | undefined
  afterEach(async () => {
    await h?.close()
    h = undefined
  })

  const readingPortal = () => {
    const mem = memoryClient({})
    const reads: BatchCommand[][] = []
    const client: PortalClient = {
      ...mem.client,
      async batch(cmds) {
        if (cmds[0].method === 'landing.landing.getList') {
          reads.push(cmds)
          return cmds.map(() => ({ ok: true as const, result: [], timing: null }))
        }
        return mem.client.batch(cmds)
      }
    }
    return { mem, client, reads }
  }

  it('operations stay sending until the verdicts are in; then done or "the portal reports otherwise"', async () => {
    const portal = readingPortal()
    let seenSending = -1
    const verify: Verify = async (_portalId, answered, port) => {
      seenSending = (await hh().outbox.handlers['outbox:operations']({ jobId: 1, states: ['sending'] }))
        .length
      await port.send([{ method: 'landing.landing.getList', params: { scope: '' } }])
      return answered.map((a) =>
        a.targetId === 2
          ? {
              id: a.id,
              kind: 'mismatch' as const,
              error: { code: 'PORTAL_REPORTS_OTHERWISE', message: 'not published', category: 'permanent' }
            }
          : { id: a.id, kind: 'done' as const }
      )
    }
    h = openHarness(fakePortals({ clientFor: async () => portal.client }), fastTuning, undefined, { verify })
    const hh = () => h as Harness
    hh().outbox.start()
    const job = await hh().outbox.handlers['outbox:enqueue']({ intents: pages([1, 2, 3]) })
    await waitFor('finished', () => hh().outbox.snapshot().jobs[0]?.state === 'finished')
    expect(seenSending).toBeGreaterThan(0)
    const ops = await hh().outbox.handlers['outbox:operations']({ jobId: job.id })
    expect(ops.map((o) => o.state)).toEqual(['done', 'mismatch', 'done'])
    expect(ops[1].error).toMatchObject({ code: 'PORTAL_REPORTS_OTHERWISE', message: 'not published' })
    expect(portal.reads.length).toBeGreaterThan(0)
    expect(hh().outbox.stats().p.readbackRequests).toBe(portal.reads.length)
  })

  it('a read-back that fails sends the operations again, without counting it against them', async () => {
    const portal = readingPortal()
    let calls = 0
    const verify: Verify = async (_portalId, answered, port) => {
      calls++
      if (calls === 1) throw err('INTERNAL_SERVER_ERROR', 'transient', 500)
      await port.send([{ method: 'landing.landing.getList', params: { scope: '' } }])
      return answered.map((a) => ({ id: a.id, kind: 'done' as const }))
    }
    h = openHarness(fakePortals({ clientFor: async () => portal.client }), fastTuning, undefined, { verify })
    const hh = h
    hh.outbox.start()
    const job = await hh.outbox.handlers['outbox:enqueue']({ intents: pages([7]) })
    await waitFor('finished', () => hh.outbox.snapshot().jobs[0]?.state === 'finished')
    const [o] = await hh.outbox.handlers['outbox:operations']({ jobId: job.id })
    expect(o).toMatchObject({ state: 'done', attempts: 1 })
    expect(calls).toBe(2)
    expect(portal.mem.attempts.get(7)).toBe(2)
  })
})
