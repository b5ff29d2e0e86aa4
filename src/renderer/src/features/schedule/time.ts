import type { TFunction } from 'i18next'

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

const two = (n: number) => String(n).padStart(2, '0')

/** A moment as a `datetime-local` input shows it: the wall time in this computer's time zone. */
export const toLocalInput = (ms: number): string => {
  const d = new Date(ms)
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`
}

/** `+03:00`, `-04:00`: the offset in force at that moment, which differs across a DST change. */
export const offsetOf = (d: Date): string => {
  const minutes = -d.getTimezoneOffset()
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
}

/**
 * A `datetime-local` value read as wall time here, written as ISO 8601 with its offset, so the
 * outbox and the command line agree on the moment whatever zone they run in later. A wall time
 * skipped by a DST change (02:30 on a spring-forward night) moves to the moment the clock shows
 * after the jump, as the operating system's own clock would.
 */
export const localInputToIso = (value: string): string | null => {
  const m = LOCAL_INPUT.exec(value.trim())
  if (!m) return null
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)))
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null
  const date = new Date(y, mo - 1, d, h, mi, s)
  // 31 February rolls over into March: that is a typing slip, not a time.
  if (date.getDate() !== d && date.getHours() === h) return null
  if (Number.isNaN(date.getTime())) return null
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}` +
    `T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}${offsetOf(date)}`
  )
}

/** The moment an ISO 8601 time with an offset stands for; null when it is not one. */
export const isoToMs = (iso: string | null | undefined): number | null => {
  if (!iso) return null
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? null : ms
}

const dateTimes = new Map<string, Intl.DateTimeFormat>()

/**
 * A moment in this computer's time zone with the zone named ("5 Dec 2026, 09:00 GMT+3"): an
 * administrator of portals in several zones must not have to guess which 09:00 is meant.
 */
export const formatLocalTime = (ms: number, language: string): string => {
  let f = dateTimes.get(language)
  if (!f) {
    f = new Intl.DateTimeFormat(language, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short'
    })
    dateTimes.set(language, f)
  }
  return f.format(new Date(ms))
}

/** This computer's time zone as the picker names it: "Europe/Moscow (GMT+3)". */
export const localZoneName = (ms: number, language: string): string => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  const short = new Intl.DateTimeFormat(language, { timeZoneName: 'shortOffset' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value
  return short && zone ? `${zone} (${short})` : (zone ?? short ?? '')
}

/**
 * A span as people say it: "2 h 5 min", "3 d 4 h", "40 s". Two units at most; the larger ones
 * round down so a countdown never says more time is left than there is.
 */
export const formatDuration = (ms: number, t: TFunction): string => {
  const total = Math.max(0, Math.floor(ms / 1000))
  const d = Math.floor(total / 86_400)
  const h = Math.floor((total % 86_400) / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (d > 0) return h > 0 ? t('schedule.units.dh', { d, h }) : t('schedule.units.d', { d })
  if (h > 0) return m > 0 ? t('schedule.units.hm', { h, m }) : t('schedule.units.h', { h })
  if (m > 0) return s > 0 && m < 10 ? t('schedule.units.ms', { m, s }) : t('schedule.units.m', { m })
  return t('schedule.units.s', { s })
}
