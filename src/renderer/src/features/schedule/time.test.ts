import { afterEach, describe, expect, it, vi } from 'vitest'
import i18n from '../../i18n'
import { formatDuration, isoToMs, localInputToIso, toLocalInput } from './time'

// Node re-reads TZ when it is assigned, so each test can stand in a zone of its own.
const inZone = (tz: string) => vi.stubEnv('TZ', tz)
afterEach(() => {
  vi.unstubAllEnvs()
})

describe('local times with their offset', () => {
  it('writes a wall time in Moscow with +03:00 and reads it back as the same moment', () => {
    inZone('Europe/Moscow')
    const iso = localInputToIso('2026-12-07T09:00')
    expect(iso).toBe('2026-12-07T09:00:00+03:00')
    expect(isoToMs(iso)).toBe(Date.UTC(2026, 11, 7, 6, 0))
    expect(toLocalInput(isoToMs(iso)!)).toBe('2026-12-07T09:00')
  })

  it('uses the offset in force on that date, not today’s, across a DST change', () => {
    inZone('America/New_York')
    expect(localInputToIso('2026-12-07T09:00')).toBe('2026-12-07T09:00:00-05:00')
    expect(localInputToIso('2026-07-07T09:00')).toBe('2026-07-07T09:00:00-04:00')
    // 02:30 does not exist on 8 March 2026 there: the clock jumps from 02:00 to 03:00.
    expect(localInputToIso('2026-03-08T02:30')).toBe('2026-03-08T03:30:00-04:00')
  })

  it('shows a time given in another zone at this computer’s wall time', () => {
    inZone('Europe/Berlin')
    expect(toLocalInput(isoToMs('2026-12-07T09:00:00+03:00')!)).toBe('2026-12-07T07:00')
  })

  it('refuses what is not a date and time', () => {
    inZone('UTC')
    for (const bad of [
      '',
      'tomorrow',
      '2026-02-31T10:00',
      '2026-13-01T10:00',
      '2026-12-01T25:00',
      '2026-12-01'
    ])
      expect(localInputToIso(bad), bad).toBeNull()
    expect(isoToMs('not a time')).toBeNull()
    expect(isoToMs(null)).toBeNull()
  })
})

describe('durations', () => {
  const t = i18n.getFixedT('en')
  const ru = i18n.getFixedT('ru')
  const min = 60_000
  it('say two units at most, rounding down so a countdown never promises more time than is left', () => {
    expect(formatDuration(125 * min, t)).toBe('2 h 5 min')
    expect(formatDuration(125 * min + 59_999, t)).toBe('2 h 5 min')
    expect(formatDuration(2 * 60 * min, t)).toBe('2 h')
    expect(formatDuration((3 * 24 + 4) * 60 * min + 30 * min, t)).toBe('3 d 4 h')
    expect(formatDuration(4 * min + 20_000, t)).toBe('4 min 20 s')
    expect(formatDuration(40_000, t)).toBe('40 s')
    expect(formatDuration(-5000, t)).toBe('0 s')
  })

  it('in Russian', () => {
    expect(formatDuration(125 * min, ru)).toBe('2 ч 5 мин')
    expect(formatDuration(26 * 60 * min, ru)).toBe('1 д 2 ч')
  })
})
