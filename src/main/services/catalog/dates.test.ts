import { describe, expect, it } from 'vitest'
import { portalDate } from './dates'

describe('portal dates', () => {
  it('reads an English portal’s dates, with the 12-hour clock', () => {
    expect(portalDate('04/20/2020 12:48:10 pm')).toBe('2020-04-20T12:48:10')
    expect(portalDate('04/20/2020 12:05:00 am')).toBe('2020-04-20T00:05:00')
    expect(portalDate('12/31/2019 01:00:00 PM')).toBe('2019-12-31T13:00:00')
    expect(portalDate('04/20/2020')).toBe('2020-04-20T00:00:00')
  })

  it('reads the dotted day-first dates of Russian and German portals', () => {
    expect(portalDate('20.04.2020 12:48:10')).toBe('2020-04-20T12:48:10')
    expect(portalDate('01.03.2024')).toBe('2024-03-01T00:00:00')
  })

  it('sorts as text in time order, across years and the noon boundary', () => {
    const raw = [
      '01/02/2021 01:00:00 pm',
      '12/31/2020 11:59:59 pm',
      '01/02/2021 12:30:00 pm',
      '03.01.2019 10:00:00'
    ]
    expect(raw.map(portalDate).sort()).toEqual([
      '2019-01-03T10:00:00',
      '2020-12-31T23:59:59',
      '2021-01-02T12:30:00',
      '2021-01-02T13:00:00'
    ])
  })

  it('turns an ISO time with an offset into UTC, and keeps what it cannot read', () => {
    expect(portalDate('2024-03-01T12:00:00+03:00')).toBe('2024-03-01T09:00:00.000Z')
    expect(portalDate('2024-03-01 08:15')).toBe('2024-03-01T08:15:00')
    expect(portalDate('yesterday')).toBe('yesterday')
    expect(portalDate('13/45/2020')).toBe('13/45/2020')
    expect(portalDate('')).toBeNull()
    expect(portalDate(null)).toBeNull()
  })
})
