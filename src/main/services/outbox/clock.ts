/**
 * Time as the outbox sees it. Pacing, backoff and probing all go through this, so tests and the
 * benchmark can run the same code on a faster clock (together with an emulated portal on the same clock).
 */
export interface Clock {
  now(): number
  /** Resolves after `ms` of this clock's time, or early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/**
 * The longest delay `setTimeout` takes: a longer one overflows and fires after 1 ms, so a wait of
 * years would become a loop waking a thousand times a second. Longer sleeps end here and the caller,
 * which checks its own time anyway, sleeps again.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1

const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) {
      resolve()
      return
    }
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, Math.min(ms, MAX_TIMER_MS))
    signal?.addEventListener('abort', done, { once: true })
  })

export const systemClock = (now: () => number = Date.now): Clock => ({ now, sleep: realSleep })

/**
 * A clock that runs `factor` times faster than real time from the moment it is made: one real second
 * is `factor` seconds of this clock. Give the same clock to the emulated portal so both agree.
 */
export const scaledClock = (factor: number, origin: number = Date.now()): Clock => {
  const realStart = Date.now()
  return {
    now: () => origin + (Date.now() - realStart) * factor,
    sleep: (ms, signal) => realSleep(ms / factor, signal)
  }
}
