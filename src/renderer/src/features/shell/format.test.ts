import { describe, expect, it } from 'vitest'
import { formatAge, formatAgo } from './format'

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
