import { describe, expect, it } from 'vitest'
import { formatAge, formatAgo, formatDate } from './format'

describe('relative times', () => {
  it('says how long ago something happened, in the interface language', () => {
    expect(formatAgo(1_000_000 - 5 * 60_000, 1_000_000, 'en')).toBe('5 minutes ago')
    expect(formatAgo(1_000_000 - 2 * 3_600_000, 1_000_000, 'ru')).toBe('2 часа назад')
  })

  it('never puts a past event in the future when the clock it is compared with lags', () => {
    expect(formatAgo(1_002_000, 1_000_000, 'en')).toBe('now')
    expect(formatAge(1_007_000, 1_000_000, 'en')).toBe('in 7 seconds')
  })
})

describe('dates in tables', () => {
  it('name the month in the interface language, so 04/05 cannot be read two ways', () => {
    expect(formatDate('2024-04-05T12:48:10', 'en')).toBe('Apr 5, 2024, 12:48 PM')
    expect(formatDate('2024-04-05T12:48:10', 'ru')).toBe('5 апр. 2024 г., 12:48')
    expect(formatDate('2024-05-04T00:05:00', 'en')).toBe('May 4, 2024, 12:05 AM')
  })

  it('show a portal wall-clock time as written, whatever zone this computer is in', () => {
    // 02:30 on the day clocks go forward in Berlin does not exist there; the portal wrote it all the same.
    // The renderer's types know no `process`; the tests run under Node, where TZ can change at run time.
    const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process
      .env
    const zone = env.TZ
    env.TZ = 'Europe/Berlin'
    try {
      expect(formatDate('2024-03-31T02:30:00', 'ru')).toBe('31 мар. 2024 г., 02:30')
      expect(formatDate('2024-10-27T23:59:00', 'en')).toBe('Oct 27, 2024, 11:59 PM')
    } finally {
      if (zone === undefined) delete env.TZ
      else env.TZ = zone
    }
  })

  it('keep what they cannot read, and nothing for no date', () => {
    expect(formatDate('sometime', 'en')).toBe('sometime')
    expect(formatDate(null, 'en')).toBe('')
  })
})
