// The lane against an in-memory portal (batches, errors, auth, removed portals), and the fenced runner lock.
import { afterEach, describe, expect, it } from 'vitest'
import type { PortalClient } from '../bitrix/types'
import { fakePortals } from './testing/fake-portals'
import { openHarness, waitFor, type Harness } from './testing/harness'
import { err, memoryClient, pages } from './testing/lane-portals'
import { openDatabase } from '../db/database'
import { createAppEvents } from '../events'
import { createOutboxService } from './index'
import { RunnerLock } from './runner-lock'
import { OutboxStore } from './store'

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
      () => h.outbox.view().jobs.find((j) => j.id === job.id)?.state === 'finished'
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
    await waitFor('finished', () => h.outbox.view().jobs[0]?.state === 'finished')
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
    await waitFor('finished', () => h.outbox.view().jobs[0]?.state === 'finished')
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
    await waitFor('auth state', () => hh.outbox.view().lanes[0]?.state === 'auth')
    expect(hh.outbox.view().lanes[0].reason).toMatch(/NO_AUTH_FOUND/)
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
    await waitFor('finished', () => h.outbox.view().jobs.find((j) => j.id === job.id)?.state === 'finished')
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
      () => hh.outbox.view().lanes.find((l) => l.portalId === 'p')?.state === 'auth'
    )
    portals.removed('p')
    await waitFor(
      'job finished',
      () => hh.outbox.view().jobs.find((j) => j.id === job.id)?.state === 'finished'
    )
    expect(hh.outbox.view().jobs[0].counts).toMatchObject({ done: 1, cancelled: 2, queued: 0 })
    const cancelled = await hh.outbox.handlers['outbox:operations']({ jobId: job.id, states: ['cancelled'] })
    expect(cancelled.map((o) => o.error?.code)).toEqual(['PORTAL_REMOVED', 'PORTAL_REMOVED'])
    await new Promise((r) => setTimeout(r, 100))
    expect(hh.outbox.view().lanes.map((l) => l.portalId)).toEqual(['q'])
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
    await waitFor('p paused for credentials', () => hh.outbox.view().lanes[0]?.state === 'auth')

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

    expect(hh.outbox.view().jobs[0].counts).toMatchObject({ cancelled: 2, queued: 0 })
    // The runner notices at its next poll and does not write the lane back.
    await new Promise((r) => setTimeout(r, 200))
    expect(hh.outbox.view().lanes).toEqual([])
    expect(hh.logs.some((l) => /portal p removed/.test(l))).toBe(true)
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
