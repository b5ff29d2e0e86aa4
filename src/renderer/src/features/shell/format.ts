const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000]
]

const relative = new Map<string, Intl.RelativeTimeFormat>()
const dates = new Map<string, Intl.DateTimeFormat>()
// Formatted dates by language and value: scrolling re-renders the same cells many times.
const formatted = new Map<string, string>()
const FORMATTED_MAX = 50_000

/** "5 minutes ago" / "через 10 секунд" in the interface language. */
export const formatAge = (at: number, now: number, language: string): string => {
  let rtf = relative.get(language)
  if (!rtf) {
    rtf = new Intl.RelativeTimeFormat(language, { numeric: 'auto' })
    relative.set(language, rtf)
  }
  const diff = at - now
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'second') return rtf.format(Math.round(diff / ms), unit)
  }
  return ''
}

/**
 * For things that already happened: the renderer's clock ticks only now and then, so a sync that
 * finished a moment ago can look a second or two in the future; that reads "now", not "in 2 seconds".
 */
export const formatAgo = (at: number, now: number, language: string): string =>
  formatAge(Math.min(at, now), now, language)

/** What main keeps landing dates as: the portal's wall-clock time, with no time zone (catalog/dates.ts). */
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

const formatter = (language: string, utc: boolean): Intl.DateTimeFormat => {
  const key = `${language}|${utc ? 'utc' : 'local'}`
  let f = dates.get(key)
  if (!f) {
    // A month name (Apr 5, 2024 / 5 апр. 2024 г.) reads one way only, unlike 04/05/2024.
    f = new Intl.DateTimeFormat(language, {
      dateStyle: 'medium',
      timeStyle: 'short',
      ...(utc ? { timeZone: 'UTC' } : {})
    })
    dates.set(key, f)
  }
  return f
}

/**
 * Dates in tables, with the month as a word in the interface language so that the day and the month
 * cannot be mistaken for each other. A portal's wall-clock time is shown as the portal wrote it (no
 * time-zone shift, which it never stated); an instant with an offset in this computer's time.
 * One formatter per language, since building one costs more than using it.
 */
export const formatDate = (iso: string | null, language: string): string => {
  if (!iso) return ''
  const key = `${language}|${iso}`
  const hit = formatted.get(key)
  if (hit !== undefined) return hit
  if (formatted.size > FORMATTED_MAX) formatted.clear()
  const wall = WALL_CLOCK.exec(iso)
  const d = wall
    ? new Date(Date.UTC(+wall[1], +wall[2] - 1, +wall[3], +wall[4], +wall[5], +(wall[6] ?? 0)))
    : new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const text = formatter(language, wall !== null).format(d)
  formatted.set(key, text)
  return text
}
