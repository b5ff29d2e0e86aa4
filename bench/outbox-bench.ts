/**
 * Outbox benchmark against the emulated portal (run with `npm run bench`).
 *
 * Time scaling: the emulated portal and the outbox share a clock that runs `scale` times faster than
 * real time (`scaledClock`), and the portal's simulated processing is delayed by 1/scale in real
 * time. Everything the limits are defined in (2 requests per second, 480 s per 10 minutes, the
 * processing seconds) is in that clock's time, so a run that takes 30 portal-minutes finishes in
 * about 90 real seconds with the same arithmetic (runs (a) use x2, run (b) x20). Real-time
 * overheads (TLS handshakes, SQLite commits, HTTP) are multiplied by the scale when counted in
 * portal time, so the scaled results are, if anything, pessimistic. Numbers below are in portal time
 * unless marked "real". The outbox runs as in the app: with the read-back of what each batch changed
 * (its requests are counted, and they share the portal's limits with the publications).
 *
 * (a) 1,000 page publications over 3 standard-plan portals, in three runs. ASSUMPTION:
 *     docs/bitrix24.md gives no processing time for a publication; publishing re-renders the page
 *     and its blocks, so it depends on the page.
 *     - light: 25 ms per publication, portals without a limit on requests served at once. Bound:
 *       the lane's ceiling of 4 requests in flight per portal (n x 25 ms / 4; the rate does not bind).
 *     - heavy: 250 ms per publication, portals that serve 4 requests at once (emulator option
 *       `concurrency`), the others wait. Bound: 4 requests in flight per portal, each portal running
 *       its n x 250 ms of commands 4 at a time (the lane's default ceiling is 4 too), or the rate and
 *       operating limits where lower (they are not: 83.5 s of operating time per portal is below 480 s).
 *     - overload: the same portals, but they answer HTTP 500 (JSON and HTML pages in turn) to a
 *       request that arrives while 2 are already being served (`overloadAbove`). Bound: 2 in flight.
 *     The one-by-one baseline runs every command one after another, so it cannot go faster than
 *     n x p for all 1,000 operations (the "ceiling" line in the output).
 * (b) 2,880 publications on one portal at 500 ms each against the real 480 s / 10 min budget:
 *     1,440 s of operating time, three windows' worth. The budget, not the request rate, binds:
 *     with one request at a time the fastest is 480 s of work in each 600 s window (first window at
 *     full speed), i.e. 600 x 2 + 480 = 1,680 s; sustained, 0.8 / 0.5 = 1.6 ops/s. With 4 requests
 *     in flight (the lane's ceiling, so the bound the run is measured against) the last window's
 *     480 s take 120 s: 1,320 s. Both shares are shown.
 *
 * Baselines: the same operations one call at a time with @bitrix24/b24jssdk (B24Hook.callMethod),
 * its limiter set to the portal's limits in the scaled clock; on OPERATION_TIME_LIMIT the script
 * waits 10 s and retries the operation. The (b) baseline is cut off after 60 real seconds and its
 * rate is measured over what it completed. The overload run reuses the heavy run's baseline (one
 * request at a time never overloads these portals).
 *
 * (c) A short job, twice (cold, then the app started again on the same data): see runShort.
 *
 * BENCH_ONLY=light,heavy,overload,short,short-overload,b (any of them, comma-separated) runs only
 * those (outbox only, no baseline where it has one).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../src/emulator/index.ts'
import type { Conditions } from '../src/emulator/types.ts'
import { sdkHook } from '../src/emulator/testing/client.ts'
import { openDatabase } from '../src/main/services/db/database'
import { createAppEvents } from '../src/main/services/events'
import { createOutboxService } from '../src/main/services/outbox/index'
import { createCatalogService } from '../src/main/services/catalog/index'
import { verifierFor } from '../src/main/services/outbox/readback'
import { scaledClock, type Clock } from '../src/main/services/outbox/clock'
import { emulatorPortals } from '../src/main/services/outbox/testing/emulator-portals'
import type { Intent } from '../src/shared/domain/outbox'
import type { LimitsPreset } from '../src/shared/domain/portal'

interface RunResult {
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

const WINDOW_S = 600
const BATCH = 50
const CEILING = 4

/**
 * Fastest time for n operations of p seconds each on one portal with k requests in flight:
 * the commands k at a time, the request rate for the fewest requests (batches of 50), and the
 * operating budget (first window at full speed, then limitSec per window).
 */
const boundSeconds = (
  n: number,
  p: number,
  k: number,
  limitSec: number,
  burst: number,
  drain: number
): number => {
  const work = n * p
  const parallel = work / k
  const requests = Math.ceil(n / BATCH)
  const rate = requests <= burst ? 0 : (requests - burst) / drain
  const fullWindows = Math.floor((work - 1e-9) / limitSec)
  const operating = work <= limitSec ? 0 : WINDOW_S * fullWindows + (work - limitSec * fullWindows) / k
  return Math.max(parallel, rate, operating)
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

const resetAll = async (emu: Emulator) => {
  for (const p of emu.portals) await p.control.reset()
}

const runOutbox = async (
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
    const s = outbox.snapshot().jobs.find((j) => j.id === job.id)
    if (s?.state === 'finished') break
    if (Date.now() - lastPrint > 5_000 && s) {
      lastPrint = Date.now()
      const flight = outbox
        .snapshot()
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
  const summary = outbox.snapshot().jobs.find((j) => j.id === job.id)
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

const runBaseline = async (
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

const pagesOn = (portal: string, ids: number[]): Intent[] =>
  ids.map((targetId) => ({ portalId: portal, kind: 'page', targetId, scope: '', action: 'publish' }))

const fmt = (r: RunResult) =>
  `${r.ops} ops in ${r.seconds.toFixed(1)} s portal time (${r.realSeconds.toFixed(1)} s real): ${r.opsPerSecond.toFixed(2)} ops/s, ` +
  `${r.failed} failed, ${r.requests} requests (${r.readbackRequests} read-back), ${r.operatingLimitBlocks} operating-limit blocks, ` +
  `${r.rateLimited} rate-limit refusals, ${r.responses5xx} HTTP 5xx, at most ${r.peakInFlight} in flight (portal served ${r.portalPeakInFlight} at once)`

interface RunAResult {
  name: 'light' | 'heavy' | 'overload'
  publishMs: number
  outbox: RunResult
  baseline: RunResult | null
  bound: number
  /** Requests in flight the bound assumes. */
  boundInFlight: number
  ceiling: number
}

interface Scenario {
  name: RunAResult['name']
  publishMs: number
  conditions: Partial<Conditions>
  /** Requests in flight per portal that the bound allows. */
  k: number
  baseline: boolean
}

const SCENARIOS: Scenario[] = [
  // Portals without a limit on requests at once: the lane keeps up to its ceiling in flight.
  { name: 'light', publishMs: 25, conditions: {}, k: CEILING, baseline: true },
  { name: 'heavy', publishMs: 250, conditions: { concurrency: 4 }, k: 4, baseline: true },
  {
    name: 'overload',
    publishMs: 250,
    conditions: { concurrency: 4, overloadAbove: 2 },
    k: 2,
    baseline: false
  }
]

/** One run (a); see the header. */
const runA = async (sc: Scenario, only: boolean): Promise<RunAResult> => {
  const scaleA = 2
  const clockA = scaledClock(scaleA)
  const pA = sc.publishMs / 1000
  const emuA = await startEmulator({
    portals: 3,
    seed: 'large',
    plan: 'standard',
    now: clockA.now,
    realDelayFactor: 1 / scaleA,
    processingMs: { 'landing.landing.publication': sc.publishMs },
    conditions: sc.conditions
  })
  const perPortal = [334, 333, 333]
  const intentsA = emuA.portals.flatMap((p, i) =>
    pagesOn(
      p.name,
      Array.from({ length: perPortal[i] }, (_, k) => k + 1)
    )
  )
  const boundA = 1000 / Math.max(...perPortal.map((n) => boundSeconds(n, pA, sc.k, 480, 50, 2)))
  // One-by-one: every command after the previous one, and each portal's requests within its rate.
  const baselineBoundA = 1000 / Math.max(1000 * pA, ...perPortal.map((n) => (n - 50) / 2))
  const tag = `(a ${sc.name}, ${sc.publishMs} ms)`
  const what = sc.conditions.overloadAbove
    ? `portals that serve ${sc.conditions.concurrency} at once and fail requests above ${sc.conditions.overloadAbove}`
    : sc.conditions.concurrency
      ? `portals that serve ${sc.conditions.concurrency} at once`
      : 'portals without a limit on requests at once'
  process.stderr.write(
    `${tag} 1,000 page publications over 3 standard portals, ${sc.publishMs} ms each (assumed), ${what}, clock x${scaleA}\n`
  )
  // The lanes pace by the standard plan's limits in the scaled clock; the SDK's own limiter runs in
  // real time, so its enterprise preset keeps it out of the way (as in run (b)).
  const a = await runOutbox(emuA, clockA, scaleA, intentsA, 'enterprise')
  let baseA: RunResult | null = null
  if (sc.baseline && !only) {
    await resetAll(emuA)
    // A straightforward script goes through the list in order; interleaving portals is its best case.
    const interleaved = Array.from({ length: 334 }, (_, k) =>
      emuA.portals.map((_p, i) => intentsA.filter((x) => x.portalId === emuA.portals[i].name)[k])
    )
      .flat()
      .filter(Boolean)
    baseA = await runBaseline(emuA, clockA, scaleA, interleaved, 240_000)
  }
  await emuA.stop()
  console.log(
    `${tag} assumption: a page publication takes ${sc.publishMs} ms of portal processing (no documented figure)`
  )
  console.log(`${tag} outbox:   ${fmt(a)}`)
  console.log(
    `${tag} bound:    ${boundA.toFixed(2)} ops/s (${sc.k} request(s) in flight per portal, the most the lane may keep there, each portal's ${perPortal[0]} commands; rate and operating limits do not bind)`
  )
  if (baseA) console.log(`${tag} baseline: ${fmt(baseA)}`)
  console.log(
    `${tag} outbox = ${((a.opsPerSecond / boundA) * 100).toFixed(1)}% of bound` +
      (baseA ? `, ${(a.opsPerSecond / baseA.opsPerSecond).toFixed(1)}x baseline` : '')
  )
  if (baseA)
    console.log(
      `${tag} ceiling:  ${(boundA / baselineBoundA).toFixed(1)}x baseline at best (one-by-one bound ${baselineBoundA.toFixed(2)} ops/s: ` +
        `the slower of ${(1000 * pA).toFixed(0)} s of processing in a row and each portal's request rate)`
    )
  return {
    name: sc.name,
    publishMs: sc.publishMs,
    outbox: a,
    baseline: baseA,
    bound: boundA,
    boundInFlight: sc.k,
    ceiling: boundA / baselineBoundA
  }
}

const summaryA = (r: RunAResult, baseline: RunResult | null) => ({
  name: r.name,
  opsPerSecond: Number(r.outbox.opsPerSecond.toFixed(3)),
  boundOpsPerSecond: Number(r.bound.toFixed(3)),
  boundInFlight: r.boundInFlight,
  baselineOpsPerSecond: baseline ? Number(baseline.opsPerSecond.toFixed(3)) : null,
  failed: r.outbox.failed,
  responses5xx: r.outbox.responses5xx,
  readbackRequests: r.outbox.readbackRequests,
  requests: r.outbox.requests,
  baselineRequests: r.baseline?.requests ?? null,
  operatingLimitBlocks: r.outbox.operatingLimitBlocks,
  peakInFlight: r.outbox.peakInFlight,
  publishMs: r.publishMs,
  ceilingVsBaseline: Number(r.ceiling.toFixed(2)),
  timeScale: 2
})

const runB = async (only: boolean) => {
  const scaleB = 20
  const clockB = scaledClock(scaleB)
  const emuB = await startEmulator({
    portals: [{ name: 'sustained', operatingLimitSec: 480 }],
    seed: 'large',
    now: clockB.now,
    realDelayFactor: 1 / scaleB,
    processingMs: { 'landing.landing.publication': 500 }
  })
  const nB = 2880
  const pB = 0.5
  const intentsB = pagesOn(
    'sustained',
    Array.from({ length: nB }, (_, k) => k + 1)
  )
  const boundB = nB / boundSeconds(nB, pB, 1, 480, 50, 2)
  const boundB4 = nB / boundSeconds(nB, pB, CEILING, 480, 50, 2)
  const sustainedB = 480 / WINDOW_S / pB
  process.stderr.write(
    `(b) ${nB} publications on one portal, 500 ms each, 480 s per 10 min, clock x${scaleB}\n`
  )
  // The SDK's own limiter runs in real time; its enterprise preset keeps it out of the way of a x20 clock.
  const b = await runOutbox(emuB, clockB, scaleB, intentsB, 'enterprise')
  let baseB: RunResult | null = null
  if (!only) {
    await resetAll(emuB)
    baseB = await runBaseline(emuB, clockB, scaleB, intentsB, 60_000)
  }
  await emuB.stop()
  console.log(`(b) outbox:   ${fmt(b)}`)
  console.log(
    `(b) bound:    ${boundB.toFixed(3)} ops/s for this run with one request in flight (480 s of work per 600 s window, first window at full speed); ` +
      `${boundB4.toFixed(3)} ops/s with ${CEILING} in flight; sustained ${sustainedB.toFixed(2)} ops/s`
  )
  if (baseB) console.log(`(b) baseline: ${fmt(baseB)}`)
  console.log(
    `(b) outbox = ${((b.opsPerSecond / boundB4) * 100).toFixed(1)}% of the bound (${CEILING} in flight, what the lane may keep there), ${((b.opsPerSecond / boundB) * 100).toFixed(1)}% of the one-in-flight bound` +
      (baseB ? `, ${(b.opsPerSecond / baseB.opsPerSecond).toFixed(1)}x baseline` : '')
  )
  return { b, baseB, boundB, boundB4, scaleB }
}

interface ShortScenario {
  name: 'short' | 'short-overload'
  conditions: Partial<Conditions>
  /** Requests in flight per portal the bound allows: what the lane may keep in flight there. */
  k: number
  target: number
}

const SHORT: ShortScenario[] = [
  { name: 'short', conditions: { concurrency: 4 }, k: CEILING, target: 0.9 },
  { name: 'short-overload', conditions: { concurrency: 4, overloadAbove: 2 }, k: 2, target: 0.85 }
]

interface ShortResult {
  name: ShortScenario['name']
  cold: RunResult
  warm: RunResult
  bound: number
  k: number
  target: number
}

/**
 * (c) A short job: 600 publications over 3 portals (200 each), 150 ms each, measured from the first
 * request any portal received to the job's last verdict (read-back included). Run twice on one data
 * directory with the outbox service made anew in between (the app started again), the portals reset
 * in between: the first run (cold) starts with nothing known about the portals, the second (warm)
 * starts where the lanes left off (lane-memory.ts). Bound: each portal's 200 x 150 ms of commands
 * `k` at a time; rate and operating limits do not bind (at most ~20 requests of the 50 burst, 30 s of 480).
 */
const runShort = async (sc: ShortScenario): Promise<ShortResult> => {
  const scale = 2
  const clock = scaledClock(scale)
  const publishMs = 150
  const perPortal = 200
  const emu = await startEmulator({
    portals: 3,
    seed: 'large',
    plan: 'standard',
    now: clock.now,
    realDelayFactor: 1 / scale,
    processingMs: { 'landing.landing.publication': publishMs },
    conditions: sc.conditions
  })
  const intents = emu.portals.flatMap((p) =>
    pagesOn(
      p.name,
      Array.from({ length: perPortal }, (_, k) => k + 1)
    )
  )
  const bound = (3 * perPortal) / boundSeconds(perPortal, publishMs / 1000, sc.k, 480, 50, 2)
  const tag = `(c ${sc.name})`
  process.stderr.write(
    `${tag} 600 page publications over 3 standard portals, ${publishMs} ms each, portals that serve ${sc.conditions.concurrency} at once` +
      (sc.conditions.overloadAbove ? ` and fail requests above ${sc.conditions.overloadAbove}` : '') +
      `, clock x${scale}: a first run, then the app started again on the same data\n`
  )
  const dir = mkdtempSync(join(tmpdir(), 'outbox-bench-short-'))
  let cold: RunResult
  let warm: RunResult
  try {
    cold = await runOutbox(emu, clock, scale, intents, 'enterprise', dir)
    await resetAll(emu)
    warm = await runOutbox(emu, clock, scale, intents, 'enterprise', dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
    await emu.stop()
  }
  const share = (r: RunResult) => 600 / r.wireSeconds / bound
  const line = (r: RunResult) =>
    `${fmt(r)}; ${r.wireSeconds.toFixed(2)} s from the first request to the last verdict: ${(600 / r.wireSeconds).toFixed(2)} ops/s, ${(share(r) * 100).toFixed(1)}% of bound`
  console.log(`${tag} cold:  ${line(cold)}`)
  console.log(`${tag} warm:  ${line(warm)}`)
  console.log(
    `${tag} bound: ${bound.toFixed(2)} ops/s (${sc.k} request(s) in flight per portal, each portal's ${perPortal} commands); ` +
      `target ${(sc.target * 100).toFixed(0)}% for the warm run: ${share(warm) >= sc.target && warm.failed === 0 ? 'met' : 'NOT met'}`
  )
  return { name: sc.name, cold, warm, bound, k: sc.k, target: sc.target }
}

const summaryShort = (r: ShortResult) => {
  const of = (x: RunResult) => ({
    opsPerSecond: Number((600 / x.wireSeconds).toFixed(3)),
    shareOfBound: Number((600 / x.wireSeconds / r.bound).toFixed(3)),
    wireSeconds: Number(x.wireSeconds.toFixed(3)),
    failed: x.failed,
    responses5xx: x.responses5xx,
    requests: x.requests,
    readbackRequests: x.readbackRequests,
    peakInFlight: x.peakInFlight
  })
  return {
    name: r.name,
    boundOpsPerSecond: Number(r.bound.toFixed(3)),
    boundInFlight: r.k,
    target: r.target,
    cold: of(r.cold),
    warm: of(r.warm),
    timeScale: 2
  }
}

const main = async () => {
  // BENCH_ONLY=name[,name...]: only these runs (without their baselines).
  const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((x) => x.trim())) : null
  const wanted = (name: string) => only === null || only.has(name)
  const runs: RunAResult[] = []
  for (const sc of SCENARIOS) {
    if (!wanted(sc.name)) continue
    runs.push(await runA(sc, only !== null))
  }
  const heavyBaseline = runs.find((r) => r.name === 'heavy')?.baseline ?? null
  const shortRuns: ShortResult[] = []
  for (const sc of SHORT) if (wanted(sc.name)) shortRuns.push(await runShort(sc))
  if (!wanted('b')) {
    console.log(
      JSON.stringify({
        runA: runs.map((r) => summaryA(r, r.name === 'overload' ? heavyBaseline : r.baseline)),
        short: shortRuns.map(summaryShort)
      })
    )
    return
  }
  const { b, baseB, boundB, boundB4, scaleB } = await runB(only !== null)
  console.log(
    JSON.stringify({
      opsPerSecond: Number(b.opsPerSecond.toFixed(4)),
      boundOpsPerSecond: Number(boundB.toFixed(4)),
      boundOpsPerSecondInFlight: Number(boundB4.toFixed(4)),
      baselineOpsPerSecond: baseB ? Number(baseB.opsPerSecond.toFixed(4)) : null,
      operatingLimitBlocks: b.operatingLimitBlocks,
      failed: b.failed,
      requests: b.requests,
      readbackRequests: b.readbackRequests,
      timeScale: scaleB,
      runA: runs.map((r) => summaryA(r, r.name === 'overload' ? heavyBaseline : r.baseline)),
      short: shortRuns.map(summaryShort)
    })
  )
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exit(1)
  }
)
