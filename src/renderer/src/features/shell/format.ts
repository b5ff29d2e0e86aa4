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

/** Dates in tables: one formatter per language, since building one costs more than using it. */
export const formatDate = (iso: string | null, language: string): string => {
  if (!iso) return ''
  const key = `${language}|${iso}`
  const hit = formatted.get(key)
  if (hit !== undefined) return hit
  if (formatted.size > FORMATTED_MAX) formatted.clear()
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  let f = dates.get(language)
  if (!f) {
    f = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' })
    dates.set(language, f)
  }
  const text = f.format(d)
  formatted.set(key, text)
  return text
}
