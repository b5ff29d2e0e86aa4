/**
 * Landing lists give dates as strings in the portal's own format: `04/20/2020 12:48:10 pm` on an
 * English portal, `20.04.2020 12:48:10` on a Russian or German one (bitrix24-rest.md: "strings in
 * the portal's locale format, not ISO"). Sorted as text they come out by month or by day, and a
 * browser cannot read the dotted form at all. They are kept as `YYYY-MM-DDTHH:MM:SS` in the
 * portal's wall-clock time (no time zone is given), which sorts as text and which the window can
 * format. Something unrecognised is kept as it came.
 */
const pad = (n: number) => String(n).padStart(2, '0')

const wallClock = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string | null => {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`
}

const TIME = String.raw`(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?`
const US = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`, 'i')
const DOTTED = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})${TIME}$`, 'i')
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/

const hour24 = (h: number, meridiem: string | undefined): number => {
  if (!meridiem) return h
  const pm = meridiem.toLowerCase().startsWith('p')
  return (h % 12) + (pm ? 12 : 0)
}

export const portalDate = (raw: unknown): string | null => {
  if (typeof raw !== 'string') return null
  const text = raw.trim()
  if (text === '') return null
  const us = US.exec(text)
  if (us) {
    const [, mo, d, y, h, mi, s, ap] = us
    return wallClock(+y, +mo, +d, hour24(+(h ?? 0), ap), +(mi ?? 0), +(s ?? 0)) ?? text
  }
  const dotted = DOTTED.exec(text)
  if (dotted) {
    const [, d, mo, y, h, mi, s, ap] = dotted
    return wallClock(+y, +mo, +d, hour24(+(h ?? 0), ap), +(mi ?? 0), +(s ?? 0)) ?? text
  }
  const iso = ISO_LOCAL.exec(text)
  if (iso) {
    const [, y, mo, d, h, mi, s] = iso
    return wallClock(+y, +mo, +d, +(h ?? 0), +(mi ?? 0), +(s ?? 0)) ?? text
  }
  // A full ISO time with its offset (the document generator's): one instant, in UTC.
  const t = Date.parse(text)
  return /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(t) ? new Date(t).toISOString() : text
}
