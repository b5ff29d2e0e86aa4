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
 * The runs live in bench/outbox/: runs.ts (one measured run), throughput.ts ((a), (b)), short.ts ((c)),
 * bounds.ts (the bounds' arithmetic).
 *
 * BENCH_ONLY=light,heavy,overload,short,short-overload,b (any of them, comma-separated) runs only
 * those (outbox only, no baseline where it has one).
 */
import { runA, runB, SCENARIOS, summaryA, type RunAResult } from './outbox/throughput'
import { runShort, SHORT, summaryShort, type ShortResult } from './outbox/short'

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
