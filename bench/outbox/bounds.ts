// The arithmetic of the benchmark's bounds: the fastest a portal's limits allow n operations to run.
export const WINDOW_S = 600
const BATCH = 50
export const CEILING = 4

/**
 * Fastest time for n operations of p seconds each on one portal with k requests in flight:
 * the commands k at a time, the request rate for the fewest requests (batches of 50), and the
 * operating budget (first window at full speed, then limitSec per window).
 */
export const boundSeconds = (
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
