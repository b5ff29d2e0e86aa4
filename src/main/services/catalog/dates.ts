/**
 * Landing lists give dates as strings in the portal's regional format (docs/bitrix24.md#landing-fields,
 * #dates): `10/10/2022 03:25:30 pm` on a US portal, `20.04.2020 12:48:10` on a Russian or German
 * one, and other regional settings may write `20/04/2020 12:48:10`, day first with slashes. Sorted
 * as text they come out by month or by day, and a browser cannot read the dotted form at all. They
 * are shown as `YYYY-MM-DDTHH:MM:SS` in the portal's wall-clock time (no time zone is given), which
 * sorts as text and which the window can format.
 *
 * A slashed date such as `04/05/2024` reads either way. One date cannot tell; a portal's dates
 * together usually can (any first number over 12 means day first, a second one over 12 month
 * first, the US `pm` forms are month first), so the order is decided per portal from all its dates,
 * remembered, and a date that still reads both ways is flagged instead of silently guessed.
 */
export type DayOrder = 'day-first' | 'month-first'

export interface PortalDate {
  /** `YYYY-MM-DDTHH:MM:SS`, an ISO instant for offset times, or the text as it came when unreadable. */
  value: string | null
  /** The text reads both ways and the portal's order is not known: `value` is a month-first guess. */
  ambiguous: boolean
}

const pad = (n: number) => String(n).padStart(2, '0')

const wallClock = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string | null => {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`
}

const TIME = String.raw`(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?`
const SLASHED = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`, 'i')
const DOTTED = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})${TIME}$`, 'i')
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/

const hour24 = (h: number, meridiem: string | undefined): number => {
  if (!meridiem) return h
  const pm = meridiem.toLowerCase().startsWith('p')
  return (h % 12) + (pm ? 12 : 0)
}

/** What a slashed date's numbers and its am/pm say about the order, if anything. */
const slashedHint = (a: string, b: string, meridiem: string | undefined): DayOrder | null => {
  if (+a > 12 && +b <= 12) return 'day-first'
  if (+b > 12 && +a <= 12) return 'month-first'
  // The 12-hour clock with am/pm is the US form, and the US writes the month first.
  if (meridiem) return 'month-first'
  return null
}

/** What one date string says about its portal's order, if anything. */
export const dayOrderHint = (raw: unknown): DayOrder | null => {
  if (typeof raw !== 'string') return null
  const text = raw.trim()
  if (DOTTED.test(text)) return 'day-first'
  const m = SLASHED.exec(text)
  if (!m) return null
  const [, a, b, , , , , meridiem] = m
  return slashedHint(a, b, meridiem)
}

/**
 * The order a set of dates shows: the one most of them point to. Evenly split evidence (a portal
 * whose regional format changed between the dates) decides nothing.
 */
export const decideDayOrder = (raws: Iterable<unknown>): DayOrder | null => {
  let day = 0
  let month = 0
  for (const raw of raws) {
    const hint = dayOrderHint(raw)
    if (hint === 'day-first') day++
    else if (hint === 'month-first') month++
  }
  if (day === month) return null
  return day > month ? 'day-first' : 'month-first'
}

/** One date in the portal's `order` (null: not decided yet). */
export const readPortalDate = (raw: unknown, order: DayOrder | null): PortalDate => {
  if (typeof raw !== 'string') return { value: null, ambiguous: false }
  const text = raw.trim()
  if (text === '') return { value: null, ambiguous: false }
  const slashed = SLASHED.exec(text)
  if (slashed) {
    const [, a, b, y, h, mi, s, ap] = slashed
    // The string's own evidence wins over the portal's: it is this date's format (read from the
    // match at hand: a slashed date is never a dotted one, so dayOrderHint would say the same).
    const own = slashedHint(a, b, ap)
    const ambiguous = own === null && order === null && a !== b
    const dayFirst = (own ?? order) === 'day-first'
    const [d, mo] = dayFirst ? [+a, +b] : [+b, +a]
    const value = wallClock(+y, mo, d, hour24(+(h ?? 0), ap), +(mi ?? 0), +(s ?? 0))
    return value ? { value, ambiguous } : { value: text, ambiguous: false }
  }
  const dotted = DOTTED.exec(text)
  if (dotted) {
    const [, d, mo, y, h, mi, s, ap] = dotted
    const value = wallClock(+y, +mo, +d, hour24(+(h ?? 0), ap), +(mi ?? 0), +(s ?? 0))
    return { value: value ?? text, ambiguous: false }
  }
  const iso = ISO_LOCAL.exec(text)
  if (iso) {
    const [, y, mo, d, h, mi, s] = iso
    return { value: wallClock(+y, +mo, +d, +(h ?? 0), +(mi ?? 0), +(s ?? 0)) ?? text, ambiguous: false }
  }
  // A full ISO time with its offset (the document generator's): one instant, in UTC.
  const t = Date.parse(text)
  const value = /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(t) ? new Date(t).toISOString() : text
  return { value, ambiguous: false }
}

/** A date whose format carries no day/month question (documents' ISO times), or read month first. */
export const portalDate = (raw: unknown): string | null => readPortalDate(raw, null).value
