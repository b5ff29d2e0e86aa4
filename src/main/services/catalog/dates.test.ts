import { describe, expect, it } from 'vitest'
import { dayOrderHint, decideDayOrder, portalDate, readPortalDate } from './dates'

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
    expect(readPortalDate('01.03.2024', null).ambiguous).toBe(false)
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

describe('day and month order per portal', () => {
  it('takes what each date says about the order', () => {
    expect(dayOrderHint('20/04/2020 12:48:10')).toBe('day-first')
    expect(dayOrderHint('04/20/2020 12:48:10')).toBe('month-first')
    expect(dayOrderHint('04/05/2020 03:25:30 pm')).toBe('month-first')
    expect(dayOrderHint('04.05.2020 12:48:10')).toBe('day-first')
    expect(dayOrderHint('04/05/2020 12:48:10')).toBeNull()
    expect(dayOrderHint('2020-04-05T12:48:10')).toBeNull()
    expect(dayOrderHint(null)).toBeNull()
  })

  it('decides from all of a portal’s dates, and not from evenly split evidence', () => {
    expect(decideDayOrder(['04/05/2024 10:00:00', '13/05/2024 10:00:00', '01/02/2024'])).toBe('day-first')
    expect(decideDayOrder(['04/05/2024 10:00:00', '05/13/2024 10:00:00'])).toBe('month-first')
    expect(decideDayOrder(['04/05/2024 10:00:00', '01/02/2024 09:00:00'])).toBeNull()
    expect(decideDayOrder(['13/05/2024', '05/13/2024'])).toBeNull()
    expect(decideDayOrder([])).toBeNull()
  })

  it('reads a slashed date in the portal’s order once it is known', () => {
    expect(readPortalDate('04/05/2024 10:00:00', 'day-first')).toEqual({
      value: '2024-05-04T10:00:00',
      ambiguous: false
    })
    expect(readPortalDate('04/05/2024 10:00:00', 'month-first')).toEqual({
      value: '2024-04-05T10:00:00',
      ambiguous: false
    })
  })

  it('flags a date that reads both ways while the portal’s order is unknown', () => {
    expect(readPortalDate('04/05/2024 10:00:00', null)).toEqual({
      value: '2024-04-05T10:00:00',
      ambiguous: true
    })
    // The same number twice reads the same either way.
    expect(readPortalDate('04/04/2024', null).ambiguous).toBe(false)
  })

  it('lets a date’s own evidence win over the portal’s decision', () => {
    expect(readPortalDate('20/04/2020 12:48:10', 'month-first').value).toBe('2020-04-20T12:48:10')
    expect(readPortalDate('04/20/2020 12:48:10', 'day-first').value).toBe('2020-04-20T12:48:10')
    expect(readPortalDate('04/05/2020 03:25:30 pm', 'day-first').value).toBe('2020-04-05T15:25:30')
  })
})
