import { afterEach, describe, expect, it, vi } from 'vitest'
import { startEmulator, type Emulator } from '../../../emulator/index.ts'
import type { Clock } from './clock'
import { MAX_TIMER_MS, systemClock } from './clock'
import { MAX_PORTAL_WAIT_MS } from './pacer'
import { emulatorPortals } from './testing/emulator-portals'
import { openHarness, waitFor, type Harness } from './testing/harness'

/**
 * A clock that moves only when the outbox sleeps: each sleep that runs its course is one wake-up,
 * counted, and moves the time on to when that sleep ends (sleeps side by side overlap). A sleep cut
 * short by its signal is woken by work, not by the timer, and moves nothing. The emulated portal runs
 * on this clock too.
 */
const steppedClock = (start: number) => {
  let t = start
  const sleeps: number[] = []
  const clock: Clock = {
    now: () => t,
    sleep: async (ms, signal) => {
      const wake = t + Math.max(0, ms)
      await new Promise((r) => setImmediate(r))
      if (signal?.aborted) return
      sleeps.push(ms)
      t = Math.max(t, wake)
    }
  }
  return { clock, sleeps, now: () => t }
}

describe('a portal that answers operating_reset_at: 1e11', () => {
  let emu: Emulator | undefined
  let h: Harness | undefined
  let portals: ReturnType<typeof emulatorPortals> | undefined
  afterEach(async () => {
    await h?.close()
    portals?.closeClients()
    await emu?.stop()
    h = portals = emu = undefined
  })

  it('blocks its lane for at most the clamp, waking a few times, not until the year 5138', async () => {
    const start = Date.UTC(2026, 11, 7, 12)
    const c = steppedClock(start)
    emu = await startEmulator({
      portals: [{ name: 'far', operatingLimitSec: 0.02 }],
      seed: 'demo',
      realDelayFactor: 0,
      now: c.now,
      conditions: { operatingResetAt: 1e11, batchResultTimeOperating: true }
    })
    portals = emulatorPortals(emu)
    h = openHarness(portals, { clock: c.clock, retry: { operatingBlockFallbackMs: 60_000 } })
    h.outbox.start()
    const job = await h.outbox.handlers['outbox:enqueue']({
      title: 'far reset',
      intents: [11, 12].map((id) => ({
        portalId: 'far',
        kind: 'page' as const,
        targetId: id,
        action: 'unpublish' as const,
        scope: '' as const
      }))
    })
    await waitFor(
      'job finished',
      () => h?.outbox.view().jobs.find((j) => j.id === job.id)?.state === 'finished'
    )
    const entries = emu.portals[0].control.requestLog().entries.filter((e) => e.method !== 'batch')
    const blocked = entries.findIndex((e) => e.error === 'OPERATION_TIME_LIMIT')
    // The portal did block, and the lane waited on its word before the command went again.
    expect(blocked).toBeGreaterThan(0)
    const resumed = entries.slice(blocked + 1).find((e) => e.error === undefined)
    expect(resumed).toBeDefined()
    const waited = (resumed?.at ?? Infinity) - entries[blocked].at
    // Past the portal's real window, and no longer than the clamp (give or take one idle recheck).
    expect(waited).toBeGreaterThanOrEqual(10 * 60_000 - 60_000)
    expect(waited).toBeLessThanOrEqual(MAX_PORTAL_WAIT_MS + 60_000)
    expect(h.outbox.view().jobs.find((j) => j.id === job.id)?.counts.done).toBe(2)
    expect(Math.max(...c.sleeps)).toBeLessThanOrEqual(MAX_PORTAL_WAIT_MS)
    // The quarter of an hour costs a handful of wake-ups, not one per millisecond: the lane's own
    // wait is one sleep, and the idle rechecks beside it (two sleepers at most) wake once a minute.
    // How the sleepers interleave varies with the machine's load, so the bound is per minute that
    // passed rather than a fixed count.
    const minutes = (c.now() - start) / 60_000
    expect(c.sleeps.length).toBeLessThanOrEqual(2 * Math.ceil(minutes) + 4)
  })
})

describe('a sleep longer than a timer can hold', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('does not overflow into a 1 ms timer that spins', async () => {
    vi.useFakeTimers()
    let woke = false
    void systemClock()
      .sleep(1e14)
      .then(() => (woke = true))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(woke).toBe(false)
    expect(vi.getTimerCount()).toBe(1)
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS)
    expect(woke).toBe(true)
  })
})
