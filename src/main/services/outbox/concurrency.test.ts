import { describe, expect, it } from 'vitest'
import { InFlightWindow } from './concurrency'

const answer = (w: InFlightWindow, elapsedMs = 1_000, commands = 4, now = 0) =>
  w.answered({ generation: w.generation, elapsedMs, commands, now, kind: 'landing.landing.publication' })

describe('InFlightWindow: requests in flight per portal', () => {
  it('starts at one and doubles per round of clean answers until the ceiling', () => {
    const w = new InFlightWindow(4)
    expect(w.window).toBe(1)
    answer(w)
    expect(w.window).toBe(2)
    answer(w)
    answer(w)
    expect(w.window).toBe(4)
    for (let i = 0; i < 20; i++) answer(w)
    expect(w.window).toBe(4)
  })

  it('a ceiling of 1 keeps one request at a time; a lower ceiling applies at once', () => {
    const one = new InFlightWindow(1)
    for (let i = 0; i < 10; i++) answer(one)
    expect(one.window).toBe(1)
    const w = new InFlightWindow(4)
    for (let i = 0; i < 5; i++) answer(w)
    expect(w.window).toBe(4)
    w.setCeiling(2)
    expect(w.window).toBe(2)
    expect(w.ceiling).toBe(2)
  })

  it('halves on overload, says why and when, and does not halve again for requests of the old window', () => {
    const w = new InFlightWindow(8)
    for (let i = 0; i < 7; i++) answer(w)
    expect(w.window).toBe(8)
    const sentBefore = w.generation
    expect(w.overloaded({ kind: 'http', status: 500, code: 'INTERNAL_SERVER_ERROR' }, sentBefore, 42)).toBe(4)
    expect(w.lowered).toEqual({
      from: 8,
      to: 4,
      at: 42,
      signal: { kind: 'http', status: 500, code: 'INTERNAL_SERVER_ERROR' }
    })
    // The other requests sent with the window at 8 fail too: that is the same overload.
    expect(w.overloaded({ kind: 'html', status: 500 }, sentBefore, 43)).toBeNull()
    expect(w.window).toBe(4)
    expect(w.overloaded({ kind: 'timeout' }, w.generation, 44)).toBe(2)
    expect(w.overloaded({ kind: 'dropped' }, w.generation, 45)).toBe(1)
    expect(w.overloaded({ kind: 'rate-limited' }, w.generation, 46)).toBeNull()
    expect(w.window).toBe(1)
  })

  it('after an overload, grows by one per window of clean answers and probes the size that failed only rarely', () => {
    const w = new InFlightWindow(4)
    answer(w)
    answer(w)
    answer(w)
    expect(w.window).toBe(4)
    w.overloaded({ kind: 'http', status: 500 }, w.generation, 0)
    expect(w.window).toBe(2)
    // Additive now: two clean answers make 3 ... but 3 is below the size that failed (4), so it goes.
    answer(w)
    expect(w.window).toBe(2)
    answer(w)
    expect(w.window).toBe(3)
    // 4 overloaded the portal: it takes 3 x 8 clean answers before trying it again.
    let n = 0
    while (w.window === 3 && n < 100) {
      answer(w)
      n++
    }
    expect(n).toBe(24)
    expect(w.window).toBe(4)
  })

  it('commands taking over twice as long as the best seen lower the window; slightly slower ones only stop growth', () => {
    const w = new InFlightWindow(4)
    answer(w, 1_000, 4)
    answer(w, 1_000, 4)
    expect(w.window).toBe(3)
    // 1.75x the best per command: not alarming, but no reason to grow either.
    answer(w, 1_750, 4)
    answer(w, 1_750, 4)
    expect(w.window).toBe(3)
    // 3x, and 2 s longer than at the best pace, twice in a row: the portal struggles.
    expect(answer(w, 3_000, 4, 98)).toBeNull()
    expect(answer(w, 3_000, 4, 99)).toBe(2)
    expect(w.lowered).toMatchObject({ at: 99, signal: { kind: 'slow', perCommandMs: 750, bestMs: 250 } })
  })

  it('one late answer between normal ones is noise, not a reason to go down', () => {
    const w = new InFlightWindow(4)
    for (let i = 0; i < 3; i++) answer(w)
    expect(w.window).toBe(4)
    for (let i = 0; i < 5; i++) {
      answer(w, 3_000, 4)
      answer(w)
    }
    expect(w.window).toBe(4)
    expect(w.lowered).toBeNull()
  })

  it('requests waiting longer beyond the portal’s own processing (its workers busy) lower the window', () => {
    const w = new InFlightWindow(4)
    const timed = (elapsedMs: number, processingMs: number) =>
      w.answered({ generation: w.generation, elapsedMs, processingMs, commands: 8, now: 7, kind: 'k' })
    timed(2_100, 2_000)
    timed(2_150, 2_000)
    expect(w.window).toBe(3)
    // Same work on the portal, but 1.5 s more on the way: the requests queue in front of it.
    timed(3_600, 2_000)
    expect(timed(3_700, 2_000)).toBe(2)
    expect(w.lowered?.signal).toEqual({ kind: 'queued', perCommandMs: 1_700, bestMs: 100 })
  })

  it('small batches on a fast portal are not mistaken for slowness', () => {
    const w = new InFlightWindow(4)
    answer(w, 500, 50)
    // One command with its round trip: 30 times the best per command, but only 0.2 s in all.
    answer(w, 200, 1)
    expect(w.window).toBe(3)
    expect(w.lowered).toBeNull()
  })

  it('compares per-command times only within one kind of request', () => {
    const w = new InFlightWindow(4)
    w.answered({ generation: 0, elapsedMs: 100, commands: 50, now: 0, kind: 'landing.landing.getlist' })
    // Publications are slower per command than reads; that is no overload.
    expect(answer(w, 5_000, 10)).toBe(3)
    expect(w.lowered).toBeNull()
  })
})

describe('InFlightWindow: starting where the last job left off', () => {
  const overloadAt = (w: InFlightWindow, now = 0) =>
    w.overloaded({ kind: 'http', status: 500 }, w.generation, now)

  it('remembers the size the portal sustained, its per-command times, and when it last went down', () => {
    const w = new InFlightWindow(4)
    // Slow start: 1, 2, 3, 4; at 4, a whole window of answers proves it.
    for (let i = 0; i < 3; i++) answer(w, 1_000, 4)
    expect(w.window).toBe(4)
    expect(w.memory().sustained).toBe(3)
    for (let i = 0; i < 4; i++) answer(w, 1_000, 4)
    expect(w.memory()).toEqual({
      sustained: 4,
      overloadedAt: null,
      loweredAt: null,
      perCommandMs: { 'landing.landing.publication': 250 },
      waitMs: null
    })
    overloadAt(w, 77)
    expect(w.memory()).toMatchObject({ sustained: 2, overloadedAt: 4, loweredAt: 77 })
  })

  it('a size reached but not yet answered at is not remembered as sustained', () => {
    const w = new InFlightWindow(8)
    answer(w)
    answer(w)
    expect(w.window).toBe(3)
    // Grown to 3 on a clean answer at 2: 2 is what the portal took.
    expect(w.memory().sustained).toBe(2)
  })

  it('starts at the remembered size, within the ceiling, and halves at the first sign of overload', () => {
    const w = new InFlightWindow(4)
    w.resume({ sustained: 6, overloadedAt: null, loweredAt: null, perCommandMs: {}, waitMs: null })
    expect(w.window).toBe(4)
    expect(w.growing).toBe(false)
    expect(overloadAt(w)).toBe(2)
  })

  it('after a remembered overload, sizes above the sustained one need the same patience as the one that failed', () => {
    const w = new InFlightWindow(4)
    w.resume({ sustained: 2, overloadedAt: 4, loweredAt: 10, perCommandMs: {}, waitMs: null })
    expect(w.window).toBe(2)
    expect(w.growing).toBe(false)
    // probeRounds (8) windows of 2 clean answers before 3 is tried.
    for (let i = 0; i < 15; i++) answer(w)
    expect(w.window).toBe(2)
    answer(w)
    expect(w.window).toBe(3)
  })

  it('a lowering long past no longer holds growth back, but growth stays additive', () => {
    const w = new InFlightWindow(4)
    w.resume({ sustained: 2, overloadedAt: 3, loweredAt: 10, perCommandMs: {}, waitMs: null }, true)
    expect(w.window).toBe(2)
    expect(w.growing).toBe(false)
    answer(w)
    expect(w.window).toBe(2)
    answer(w)
    expect(w.window).toBe(3)
  })

  it('a portal that never showed overload keeps doubling from the remembered size', () => {
    const w = new InFlightWindow(8)
    w.resume({ sustained: 3, overloadedAt: null, loweredAt: null, perCommandMs: {}, waitMs: null })
    expect(w.growing).toBe(true)
    answer(w)
    expect(w.window).toBe(4)
  })

  it('judges the first answers against the remembered per-command time: slow from the start is a sign', () => {
    const w = new InFlightWindow(4)
    w.resume({
      sustained: 4,
      overloadedAt: null,
      loweredAt: null,
      perCommandMs: { 'landing.landing.publication': 100 },
      waitMs: null
    })
    // 4 commands at 1 s each: ten times the remembered 100 ms, 3.6 s more than at that pace; twice.
    expect(answer(w, 4_000, 4)).toBeNull()
    expect(answer(w, 4_000, 4)).toBe(2)
    expect(w.lowered?.signal.kind).toBe('slow')
  })

  it("keeps this job's own best times, not the remembered ones: a portal slower for good costs one job", () => {
    const w = new InFlightWindow(4)
    w.resume({
      sustained: 1,
      overloadedAt: null,
      loweredAt: null,
      perCommandMs: { 'landing.landing.publication': 100, 'landing.site.publication': 40 },
      waitMs: 5
    })
    answer(w, 2_000, 4)
    expect(w.memory().perCommandMs).toEqual({
      'landing.landing.publication': 500,
      'landing.site.publication': 40
    })
    expect(w.memory().waitMs).toBe(5)
  })
})
