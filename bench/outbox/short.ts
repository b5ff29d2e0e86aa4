// Run (c) of the benchmark: a short job, cold and then warm (the app started again on the same data).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator } from '../../src/emulator/index.ts'
import type { Conditions } from '../../src/emulator/types.ts'
import { scaledClock } from '../../src/main/services/outbox/clock'
import { boundSeconds, CEILING } from './bounds'
import { fmt, pagesOn, resetAll, runOutbox, type RunResult } from './runs'

interface ShortScenario {
  name: 'short' | 'short-overload'
  conditions: Partial<Conditions>
  /** Requests in flight per portal the bound allows: what the lane may keep in flight there. */
  k: number
  target: number
}

export const SHORT: ShortScenario[] = [
  { name: 'short', conditions: { concurrency: 4 }, k: CEILING, target: 0.9 },
  { name: 'short-overload', conditions: { concurrency: 4, overloadAbove: 2 }, k: 2, target: 0.85 }
]

export interface ShortResult {
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
export const runShort = async (sc: ShortScenario): Promise<ShortResult> => {
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

export const summaryShort = (r: ShortResult) => {
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
