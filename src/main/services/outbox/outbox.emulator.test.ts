import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../../emulator/index.ts'
import type { Intent, OutboxView } from '../../../shared/domain/outbox'
import { scaledClock } from './clock'
import { emulatorPortals } from './testing/emulator-portals'
import { openHarness, waitFor, type Harness } from './testing/harness'

const intent = (
  portalId: string,
  kind: Intent['kind'],
  targetId: number,
  action: Intent['action'],
  scope: Intent['scope'] = ''
): Intent => ({
  portalId,
  kind,
  targetId,
  action,
  scope
})

describe('outbox against the emulated portal', () => {
  let emu: Emulator
  let h: Harness | undefined
  let portals: ReturnType<typeof emulatorPortals> | undefined

  beforeAll(async () => {
    emu = await startEmulator({ portals: 3, seed: 'demo', realDelayFactor: 0 })
  })
  afterAll(async () => {
    await emu.stop()
  })
  afterEach(async () => {
    await h?.close()
    portals?.closeClients()
    h = undefined
    for (const p of emu.portals) await p.control.reset()
  })

  const open = () => {
    portals = emulatorPortals(emu)
    h = openHarness(portals)
    h.outbox.start()
    return h
  }

  const finished = (hh: Harness, jobId: number) => () =>
    hh.outbox.view().jobs.find((j) => j.id === jobId)?.state === 'finished'

  it('a mixed job on several portals leaves every portal in the state each intent asked for', async () => {
    const hh = open()
    const progress: OutboxView[] = []
    hh.events.subscribe((channel, payload) => {
      if (channel === 'outbox:progress') progress.push(payload as OutboxView)
    })
    const names = emu.portals.map((p) => p.name)
    const intents = names.flatMap((n) => [
      intent(n, 'site', 4, 'publish'),
      intent(n, 'page', 11, 'unpublish'),
      intent(n, 'page', 14, 'publish'),
      intent(n, 'page', 1, 'unpublish'),
      intent(n, 'page', 17, 'unpublish', 'KNOWLEDGE'),
      intent(n, 'folder', 3, 'publish'),
      intent(n, 'document', 1, 'link-off'),
      intent(n, 'document', 2, 'link-on')
    ])
    const job = await hh.outbox.handlers['outbox:enqueue']({ title: 'mixed', intents })
    expect(job).toMatchObject({ title: 'mixed', total: 24, portalIds: names })
    await waitFor('job finished', finished(hh, job.id))
    const summary = hh.outbox.view().jobs.find((j) => j.id === job.id)
    expect(summary?.counts.done).toBe(24)
    for (const p of emu.portals) {
      const s = p.control.state()
      expect(s.sites.find((x) => x.id === 4)?.active).toBe(true)
      expect(s.pages.find((x) => x.id === 11)?.active).toBe(false)
      expect(s.pages.find((x) => x.id === 14)?.active).toBe(true)
      expect(s.pages.find((x) => x.id === 1)?.active).toBe(false)
      expect(s.pages.find((x) => x.id === 17)?.active).toBe(false)
      expect(s.folders.find((x) => x.id === 3)?.active).toBe(true)
      expect(s.documents.find((x) => x.id === 1)?.publicUrl).toBeNull()
      expect(s.documents.find((x) => x.id === 2)?.publicUrl).toMatch(/^https:/)
      // Operations travel in batches: a probe command, then the rest in a few requests. The cache
      // here knows no page's site, so publications and unpublications, and the folder, go apart
      // (the server's per-request caches: batch-choice.ts).
      const log = p.control.requestLog().entries.filter((e) => !e.viaBatch)
      expect(log.filter((e) => e.method === 'batch').length).toBeLessThanOrEqual(9)
    }
    await waitFor(
      'progress pushed',
      () => progress.some((s) => s.jobs.some((j) => j.id === job.id && j.state === 'finished')),
      2_000
    )
  })

  it('a permanent error fails only its operation, with the portal code and a plain reason', async () => {
    const hh = open()
    const n = emu.portals[0].name
    const job = await hh.outbox.handlers['outbox:enqueue']({
      intents: [
        intent(n, 'page', 14, 'publish'),
        intent(n, 'page', 9999, 'publish'),
        intent(n, 'page', 19, 'publish')
      ]
    })
    await waitFor('job finished', finished(hh, job.id))
    const ops = await hh.outbox.handlers['outbox:operations']({ jobId: job.id })
    expect(ops.map((o) => o.state)).toEqual(['done', 'failed', 'failed'])
    expect(ops[1].error).toMatchObject({ code: 'LANDING_NOT_EXIST', category: 'permanent' })
    expect(ops[1].error?.message.length).toBeGreaterThan(10)
    // A knowledge-base page without its scope does not exist for the portal: the scope is sent as given.
    expect(ops[2].error?.code).toBe('LANDING_NOT_EXIST')
    const csv = await hh.outbox.handlers['outbox:export']({ jobId: job.id, format: 'csv' })
    expect(csv.filename).toMatch(/\.csv$/)
    expect(csv.content.split('\r\n').filter((l) => l.includes('LANDING_NOT_EXIST'))).toHaveLength(2)
    const json = JSON.parse(
      (await hh.outbox.handlers['outbox:export']({ jobId: job.id, format: 'json' })).content
    )
    expect(json.operations).toHaveLength(3)
    expect(json.job.counts).toMatchObject({ done: 1, failed: 2 })
  })

  it('a scope the webhook lacks fails only the operations that need it, in plain words; the lane goes on', async () => {
    const hh = open()
    const p = emu.portals[0]
    p.control.setConditions({ webhookScopes: ['landing', 'user'] })
    const laneStates = new Set<string>()
    hh.events.subscribe((channel, payload) => {
      if (channel !== 'outbox:progress') return
      for (const l of (payload as OutboxView).lanes) if (l.portalId === p.name) laneStates.add(l.state)
    })
    const job = await hh.outbox.handlers['outbox:enqueue']({
      intents: [
        intent(p.name, 'page', 14, 'publish'),
        intent(p.name, 'document', 2, 'link-on'),
        intent(p.name, 'page', 6, 'publish'),
        intent(p.name, 'document', 1, 'link-off')
      ]
    })
    await waitFor('job finished', finished(hh, job.id))
    const ops = await hh.outbox.handlers['outbox:operations']({ jobId: job.id })
    expect(ops.map((o) => [o.kind, o.state])).toEqual([
      ['page', 'done'],
      ['document', 'failed'],
      ['page', 'done'],
      ['document', 'failed']
    ])
    const failedDoc = ops[1]
    expect(failedDoc.error).toMatchObject({ code: 'insufficient_scope', category: 'permanent' })
    expect(failedDoc.error?.message).toMatch(/“crm”/)
    expect(failedDoc.error?.message).toMatch(/Retry failed/)
    expect(laneStates.has('auth')).toBe(false)
    // The portal's health is not marked auth_failed by a refusal of one method.
    expect(portals?.outcomes.some((o) => o.code === 'insufficient_scope')).toBe(false)

    // Granting the scope in Bitrix24 and retrying the failed ones completes the job.
    p.control.setConditions({ webhookScopes: ['landing', 'crm', 'user'] })
    expect(await hh.outbox.handlers['outbox:retryFailed']({ jobId: job.id })).toBe(2)
    await waitFor('job finished again', finished(hh, job.id))
    expect(hh.outbox.view().jobs.find((j) => j.id === job.id)?.counts).toMatchObject({
      done: 4,
      failed: 0
    })
    expect(p.control.state().documents.find((d) => d.id === 2)?.publicUrl).toMatch(/^https:/)
    expect(p.control.state().documents.find((d) => d.id === 1)?.publicUrl).toBeNull()
  })

  it('a portal going offline mid-job holds its lane while the others finish, and drains when it is back', async () => {
    await emu.stop()
    emu = await startEmulator({
      portals: 3,
      seed: 'large',
      realDelayFactor: 1,
      // Slow enough that b is still busy when it goes offline, with several requests in flight.
      processingMs: { 'landing.landing.publication': 10 }
    })
    const hh = open()
    const [a, b, c] = emu.portals
    const ids = Array.from({ length: 600 }, (_, i) => i + 1)
    const job = await hh.outbox.handlers['outbox:enqueue']({
      intents: [a, b, c].flatMap((p) => ids.map((id) => intent(p.name, 'page', id, 'publish')))
    })
    const lane = (name: string) => hh.outbox.view().lanes.find((l) => l.portalId === name)
    await waitFor('some of b done', () => (lane(b.name)?.counts.done ?? 0) >= 50)
    await b.control.goOffline()
    await waitFor('b unreachable', () => lane(b.name)?.state === 'unreachable')
    await waitFor(
      'a and c done',
      () => lane(a.name)?.counts.done === 600 && lane(c.name)?.counts.done === 600
    )
    expect(lane(b.name)?.counts.queued).toBeGreaterThan(0)
    expect(lane(b.name)?.reason).toMatch(/does not answer/)
    await b.control.goOnline()
    await waitFor('job finished', finished(hh, job.id), 20_000)
    for (const p of [a, b, c]) expect(hh.outbox.stats()[p.name].peakInFlight).toBeGreaterThan(1)
    for (const p of [a, b, c]) {
      const active = new Set(
        p.control
          .state()
          .pages.filter((x) => x.active)
          .map((x) => x.id)
      )
      expect(ids.every((id) => active.has(id))).toBe(true)
    }
  })

  it('coalesces, pauses, cancels and retries failed operations', async () => {
    const hh = open()
    const n = emu.portals[0].name
    await hh.outbox.handlers['outbox:pauseLane']({ portalId: n })
    const j1 = await hh.outbox.handlers['outbox:enqueue']({
      intents: [
        intent(n, 'page', 1, 'publish'),
        intent(n, 'page', 2, 'publish'),
        intent(n, 'page', 3, 'publish')
      ]
    })
    const j2 = await hh.outbox.handlers['outbox:enqueue']({ intents: [intent(n, 'page', 1, 'unpublish')] })
    await waitFor(
      'lane paused',
      () => hh.outbox.view().lanes.find((l) => l.portalId === n)?.state === 'paused'
    )
    expect(
      (await hh.outbox.handlers['outbox:operations']({ jobId: j1.id, states: ['superseded'] })).map(
        (o) => o.targetId
      )
    ).toEqual([1])
    const op3 = (await hh.outbox.handlers['outbox:operations']({ jobId: j1.id })).find(
      (o) => o.targetId === 3
    )
    expect(await hh.outbox.handlers['outbox:cancel']({ jobId: j1.id, operationIds: [op3!.id] })).toBe(1)
    await hh.outbox.handlers['outbox:pauseJob']({ jobId: j2.id })
    await hh.outbox.handlers['outbox:resumeLane']({ portalId: n })
    await waitFor('j1 finished', finished(hh, j1.id))
    expect(hh.outbox.view().jobs.find((j) => j.id === j2.id)?.state).toBe('paused')
    expect(emu.portals[0].control.state().pages.find((p) => p.id === 2)?.active).toBe(true)
    await hh.outbox.handlers['outbox:resumeJob']({ jobId: j2.id })
    await waitFor('j2 finished', finished(hh, j2.id))
    const state = emu.portals[0].control.state()
    expect(state.pages.find((p) => p.id === 1)?.active).toBe(false)
    expect(state.pages.find((p) => p.id === 2)?.active).toBe(true)
    expect(state.pages.find((p) => p.id === 3)?.active).toBe(false)
    expect(hh.outbox.view().jobs.find((j) => j.id === j1.id)?.counts).toMatchObject({
      done: 1,
      superseded: 1,
      cancelled: 1
    })

    // Retry: a page the portal denies fails; once allowed, retrying the failed ones completes it.
    emu.portals[0].control.setConditions({ deniedObjects: { pages: [5] } })
    const j3 = await hh.outbox.handlers['outbox:enqueue']({
      intents: [intent(n, 'page', 5, 'unpublish'), intent(n, 'page', 6, 'publish')]
    })
    await waitFor('j3 finished', finished(hh, j3.id))
    expect(hh.outbox.view().jobs.find((j) => j.id === j3.id)?.counts).toMatchObject({
      done: 1,
      failed: 1
    })
    emu.portals[0].control.setConditions({ deniedObjects: {} })
    expect(await hh.outbox.handlers['outbox:retryFailed']({ jobId: j3.id })).toBe(1)
    await waitFor('j3 finished again', finished(hh, j3.id))
    expect(hh.outbox.view().jobs.find((j) => j.id === j3.id)?.counts).toMatchObject({
      done: 2,
      failed: 0
    })
    expect(emu.portals[0].control.state().pages.find((p) => p.id === 5)?.active).toBe(false)
  })

  it('paces by the operating-time budget: a long run is never blocked by OPERATION_TIME_LIMIT', async () => {
    await emu.stop()
    // 600 clock seconds pass in 1.5 real seconds; emulator and outbox share the clock.
    const clock = scaledClock(400)
    emu = await startEmulator({
      portals: [{ name: 'budget', operatingLimitSec: 2 }],
      seed: 'large',
      now: clock.now,
      realDelayFactor: 1 / 400,
      processingMs: { 'landing.landing.publication': 100 }
    })
    portals = emulatorPortals(emu)
    h = openHarness(portals, {
      clock,
      limitsFor: () => ({
        rate: { burst: 50, drainPerSecond: 2 },
        operating: { limitSec: 2, windowMs: 600_000 }
      }),
      budget: { initialEstimateSec: 0.1, marginSec: 0.05 },
      minBudgetBatch: 5
    })
    h.outbox.start()
    const hh = h
    const startedAt = clock.now()
    const job = await hh.outbox.handlers['outbox:enqueue']({
      intents: Array.from({ length: 45 }, (_, i) => intent('budget', 'page', i + 1, 'publish'))
    })
    await waitFor('job finished', finished(hh, job.id), 20_000)
    const log = emu.portals[0].control.requestLog().entries
    expect(log.filter((e) => e.error === 'OPERATION_TIME_LIMIT')).toHaveLength(0)
    expect(hh.outbox.stats().budget.operatingLimitBlocks).toBe(0)
    // 45 x 0.1 s against 2 s per ten minutes cannot finish inside two windows.
    expect(clock.now() - startedAt).toBeGreaterThan(2 * 600_000)
    expect(hh.outbox.view().jobs[0].counts.done).toBe(45)
  })

  it('remembers the operating-time budget across a restart: a second run inside the window is not blocked', async () => {
    await emu.stop()
    const clock = scaledClock(400)
    emu = await startEmulator({
      portals: [{ name: 'budget', operatingLimitSec: 2 }],
      seed: 'large',
      now: clock.now,
      realDelayFactor: 1 / 400,
      processingMs: { 'landing.landing.publication': 100 }
    })
    const dir = mkdtempSync(join(tmpdir(), 'outbox-budget-'))
    const tuning = {
      clock,
      limitsFor: () => ({
        rate: { burst: 50, drainPerSecond: 2 },
        operating: { limitSec: 2, windowMs: 600_000 }
      }),
      budget: { initialEstimateSec: 0.1, marginSec: 0.05 },
      minBudgetBatch: 5
    }
    const run = async (ids: number[]) => {
      portals = emulatorPortals(emu)
      h = openHarness(portals, tuning, dir)
      h.outbox.start()
      const hh = h
      const job = await hh.outbox.handlers['outbox:enqueue']({
        intents: ids.map((id) => intent('budget', 'page', id, 'publish'))
      })
      await waitFor('job finished', finished(hh, job.id), 20_000)
      const stats = hh.outbox.stats().budget
      await hh.close()
      portals.closeClients()
      h = undefined
      return stats
    }
    try {
      // 1.5 s of the 2 s budget, then a restart a moment later, still inside the same ten minutes.
      await run(Array.from({ length: 15 }, (_, i) => i + 1))
      const startedAt = clock.now()
      const second = await run(Array.from({ length: 15 }, (_, i) => i + 16))
      expect(
        emu.portals[0].control.requestLog().entries.filter((e) => e.error === 'OPERATION_TIME_LIMIT')
      ).toHaveLength(0)
      expect(second.operatingLimitBlocks).toBe(0)
      // It had to wait for the first run's time to leave the window.
      expect(clock.now() - startedAt).toBeGreaterThan(300_000)
      const active = new Set(
        emu.portals[0].control
          .state()
          .pages.filter((p) => p.active)
          .map((p) => p.id)
      )
      expect(Array.from({ length: 30 }, (_, i) => i + 1).every((id) => active.has(id))).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
