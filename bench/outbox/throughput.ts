// Runs (a) and (b) of the benchmark: 1,000 publications over 3 portals in three scenarios, and 2,880 on one portal against the operating budget.
import { startEmulator } from '../../src/emulator/index.ts'
import type { Conditions } from '../../src/emulator/types.ts'
import { scaledClock } from '../../src/main/services/outbox/clock'
import { boundSeconds, CEILING, WINDOW_S } from './bounds'
import { fmt, pagesOn, resetAll, runBaseline, runOutbox, type RunResult } from './runs'

export interface RunAResult {
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

export const SCENARIOS: Scenario[] = [
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
export const runA = async (sc: Scenario, only: boolean): Promise<RunAResult> => {
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

export const summaryA = (r: RunAResult, baseline: RunResult | null) => ({
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

export const runB = async (only: boolean) => {
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
