// One measured run of the benchmark: the app's outbox, or the one-call-at-a-time SDK baseline, against emulated portals.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Emulator } from '../../src/emulator/index.ts'
import { sdkHook } from '../../src/emulator/testing/client.ts'
import { openDatabase } from '../../src/main/services/db/database'
import { createAppEvents } from '../../src/main/services/events'
import { createOutboxService } from '../../src/main/services/outbox/index'
import { createCatalogService } from '../../src/main/services/catalog/index'
import { verifierFor } from '../../src/main/services/outbox/readback'
import type { Clock } from '../../src/main/services/outbox/clock'
import { emulatorPortals } from '../../src/main/services/outbox/testing/emulator-portals'
import type { Intent } from '../../src/shared/domain/outbox'
import type { LimitsPreset } from '../../src/shared/domain/portal'

export interface RunResult {
  seconds: number
  realSeconds: number
  ops: number
  opsPerSecond: number
  /** Operations that ended failed, or that the portal reports otherwise. */
  failed: number
  requests: number
  readbackRequests: number
  operatingLimitBlocks: number
  rateLimited: number
  /** HTTP 5xx answers the portals gave (overload, rate limit, faults). */
  responses5xx: number
  /** The most requests the lanes had in flight on one portal, and the most the portals served at once. */
  peakInFlight: number
  portalPeakInFlight: number
  /** Portal seconds from the first request any portal received to the job's last verdict (read-back included). */
  wireSeconds: number
}

const logOf = (emu: Emulator) => {
  let requests = 0
  let blocks = 0
  let rate = 0
  let responses5xx = 0
  let portalPeak = 0
  let firstAt = Infinity
  for (const p of emu.portals) {
    for (const e of p.control.requestLog().entries) {
      firstAt = Math.min(firstAt, e.at)
      if (!e.viaBatch) requests++
      if (e.error === 'OPERATION_TIME_LIMIT') blocks++
      if (e.error === 'QUERY_LIMIT_EXCEEDED') rate++
    }
    const st = p.control.stats()
    responses5xx += st.responses5xx
    portalPeak = Math.max(portalPeak, st.peakInFlight)
  }
  return { requests, blocks, rate, responses5xx, portalPeak, firstAt }
}

export const resetAll = async (emu: Emulator) => {
  for (const p of emu.portals) await p.control.reset()
}

export const runOutbox = async (
  emu: Emulator,
  clock: Clock,
  scale: number,
  intents: Intent[],
  sdkPreset: LimitsPreset,
  /** A data directory an earlier run left (the app started again on it); kept when given. */
  reuseDir?: string
): Promise<RunResult> => {
  const dir = reuseDir ?? mkdtempSync(join(tmpdir(), 'outbox-bench-'))
  const db = openDatabase(dir)
  const portals = emulatorPortals(emu, { limits: sdkPreset, maxRetries: 3, timeoutMs: 120_000 })
  const events = createAppEvents()
  // A person picks pages from the cached catalog, so the app knows their sites before it publishes:
  // listed first, as in the app (not timed), so the read-back reads pages and sites in one request.
  const catalog = createCatalogService({
    db,
    events,
    now: Date.now,
    portals: {
      ids: () => emu.portals.map((p) => p.name),
      has: (id) => emu.portals.some((p) => p.name === id),
      clientFor: (id) => portals.clientFor(id),
      markSynced: () => {}
    }
  })
  await catalog.sites({ refresh: true })
  await catalog.pages({ refresh: true })
  await resetAll(emu)
  const outbox = createOutboxService({
    db,
    dataDir: dir,
    events,
    log: process.env.BENCH_TRACE ? (l) => process.stderr.write(`    ${l}\n`) : () => {},
    now: Date.now,
    portals,
    verify: process.env.BENCH_NOVERIFY ? undefined : verifierFor(db, events, Date.now),
    tuning: {
      clock,
      // The portals are standard-plan portals in the scaled clock, whatever the SDK's own (real-time) limiter is set to.
      limitsFor: () => ({
        rate: { burst: 50, drainPerSecond: 2 },
        operating: { limitSec: 480, windowMs: 600_000 }
      }),
      pollMs: 100,
      // The slack for slower answers absorbs real-time jitter (our process, the machine): in a clock
      // running `scale` times faster, the same jitter is `scale` times longer.
      window: { slowSlackMs: 1_000 * scale }
    }
  })
  outbox.start()
  const t0 = clock.now()
  const r0 = Date.now()
  const job = await outbox.handlers['outbox:enqueue']({ title: 'bench', intents })
  let lastPrint = 0
  for (;;) {
    const s = outbox.view().jobs.find((j) => j.id === job.id)
    if (s?.state === 'finished') break
    if (Date.now() - lastPrint > 5_000 && s) {
      lastPrint = Date.now()
      const flight = outbox
        .view()
        .lanes.map((l) => `${l.inFlight}/${l.window}`)
        .join(' ')
      process.stderr.write(
        `  … ${s.counts.done}/${s.total} done, ${((clock.now() - t0) / 1000).toFixed(0)} s portal time, in flight ${flight}\n`
      )
    }
    await new Promise((r) => setTimeout(r, 5))
  }
  const seconds = (clock.now() - t0) / 1000
  const realSeconds = (Date.now() - r0) / 1000
  const summary = outbox.view().jobs.find((j) => j.id === job.id)
  const done = summary?.counts.done ?? 0
  const failed = (summary?.counts.failed ?? 0) + (summary?.counts.mismatch ?? 0)
  const stats = Object.values(outbox.stats())
  await outbox.stop()
  portals.closeClients()
  db.close()
  if (!reuseDir) rmSync(dir, { recursive: true, force: true })
  const log = logOf(emu)
  return {
    seconds,
    realSeconds,
    ops: done,
    opsPerSecond: done / seconds,
    failed,
    requests: log.requests,
    readbackRequests: stats.reduce((n, s) => n + s.readbackRequests, 0),
    operatingLimitBlocks: log.blocks,
    rateLimited: log.rate,
    responses5xx: log.responses5xx,
    peakInFlight: Math.max(0, ...stats.map((s) => s.peakInFlight)),
    portalPeakInFlight: log.portalPeak,
    wireSeconds: (t0 + seconds * 1000 - log.firstAt) / 1000
  }
}

export const runBaseline = async (
  emu: Emulator,
  clock: Clock,
  scale: number,
  intents: Intent[],
  realCapMs: number
): Promise<RunResult> => {
  const hooks = new Map(
    emu.portals.map((p) => [
      p.name,
      sdkHook(p.webhookUrl, emu.caCertPem, {
        rateLimit: { burstLimit: 50, drainRate: 2 * scale, adaptiveEnabled: true },
        operatingLimit: { windowMs: 600_000 / scale, limitMs: 480_000, heavyPercent: 80 },
        maxRetries: 3
      })
    ])
  )
  const t0 = clock.now()
  const r0 = Date.now()
  let done = 0
  for (const i of intents) {
    if (Date.now() - r0 > realCapMs) break
    const b24 = hooks.get(i.portalId)!
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        const res = await b24.actions.v2.call.make({
          method: 'landing.landing.publication',
          params: { lid: i.targetId, scope: i.scope }
        })
        if (res.isSuccess) {
          done++
          break
        }
      } catch (err) {
        if (!String((err as Error).message ?? err).includes('OPERATION_TIME_LIMIT') && attempt > 2) break
      }
      await clock.sleep(10_000)
      if (Date.now() - r0 > realCapMs) break
    }
  }
  const seconds = (clock.now() - t0) / 1000
  const log = logOf(emu)
  return {
    seconds,
    realSeconds: (Date.now() - r0) / 1000,
    ops: done,
    opsPerSecond: done / seconds,
    failed: 0,
    requests: log.requests,
    readbackRequests: 0,
    operatingLimitBlocks: log.blocks,
    rateLimited: log.rate,
    responses5xx: log.responses5xx,
    peakInFlight: 1,
    portalPeakInFlight: log.portalPeak,
    wireSeconds: (t0 + seconds * 1000 - log.firstAt) / 1000
  }
}

export const pagesOn = (portal: string, ids: number[]): Intent[] =>
  ids.map((targetId) => ({ portalId: portal, kind: 'page', targetId, scope: '', action: 'publish' }))

export const fmt = (r: RunResult) =>
  `${r.ops} ops in ${r.seconds.toFixed(1)} s portal time (${r.realSeconds.toFixed(1)} s real): ${r.opsPerSecond.toFixed(2)} ops/s, ` +
  `${r.failed} failed, ${r.requests} requests (${r.readbackRequests} read-back), ${r.operatingLimitBlocks} operating-limit blocks, ` +
  `${r.rateLimited} rate-limit refusals, ${r.responses5xx} HTTP 5xx, at most ${r.peakInFlight} in flight (portal served ${r.portalPeakInFlight} at once)`
