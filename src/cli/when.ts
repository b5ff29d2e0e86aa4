import { whenText } from './messages/when'
import { startAtSchema } from '../../src/shared/domain/snapshot'
import { getLanguage } from '../main/services/app/language'
import { UsageError } from './args'

const pad = (n: number, w = 2) => String(Math.abs(Math.trunc(n))).padStart(w, '0')

/** `+03:00` for an offset of 180 minutes east of UTC. */
export const offsetText = (minutesEast: number): string =>
  `${minutesEast < 0 ? '-' : '+'}${pad(Math.abs(minutesEast) / 60)}:${pad(Math.abs(minutesEast) % 60)}`

/** An instant as ISO 8601 in the machine's local time, with its offset: 2025-03-10T09:00:00+03:00. */
export const localIso = (ms: number): string => {
  const d = new Date(ms)
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    offsetText(-d.getTimezoneOffset())
  )
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/
const WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i

const badTime = (text: string) => new UsageError(whenText('text is not a time', { text }))

/**
 * A start time from the command line: ISO 8601 with an offset (kept in that offset), or
 * `YYYY-MM-DD HH:MM` in this machine's time zone. Answers ISO 8601 with seconds and offset, as the
 * outbox stores it. Times in the past are refused: a job meant for 09:00 that runs at once would
 * surprise the person who planned it.
 */
export const parseWhen = (text: string, now: number = Date.now()): string => {
  const t = text.trim()
  let iso: string
  const local = LOCAL.exec(t)
  if (local) {
    const [, y, mo, d, h, mi, s] = local.map(Number)
    const date = new Date(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s)
    // new Date() rolls 2025-02-30 over into March; a time that does not read back is a typo.
    if (
      date.getFullYear() !== y ||
      date.getMonth() !== mo - 1 ||
      date.getDate() !== d ||
      date.getHours() !== h
    )
      throw badTime(text)
    iso = localIso(date.getTime())
  } else {
    const m = WITH_OFFSET.exec(t)
    if (!m) throw badTime(text)
    const zone = m[7].toUpperCase()
    const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3).replace(':', '').padEnd(2, '0')}`
    iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${offset}`
  }
  if (!startAtSchema.safeParse(iso).success || Number.isNaN(Date.parse(iso))) throw badTime(text)
  if (Date.parse(iso) <= now)
    throw new UsageError(whenText('text is not in the', { text: localIso(Date.parse(iso)) }))
  return iso
}

/**
 * The one way a table or a sentence writes a time: local time to the minute with its offset,
 * `2025-03-10 09:00 (+03:00)`. Empty for no time. JSON uses ISO 8601 with the offset (`jsonTimes`).
 */
export const showWhen = (iso: string | number | null | undefined): string => {
  if (iso === null || iso === undefined || iso === '') return ''
  const ms = typeof iso === 'number' ? iso : Date.parse(iso)
  if (Number.isNaN(ms)) return String(iso)
  const l = localIso(ms)
  return `${l.slice(0, 10)} ${l.slice(11, 16)} (${l.slice(19)})`
}

/** A duration for people: `2 h 5 min`, `40 s`. */
export const showDuration = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000))
  const ru = getLanguage() === 'ru'
  const [d, h, m] = ru ? ['д', 'ч', 'мин'] : ['d', 'h', 'min']
  if (s < 60) return `${s} ${ru ? 'с' : 's'}`
  // A countdown read a moment after it was computed: 59 min 59 s is "1 h" to a person.
  const min = Math.round(s / 60)
  if (min < 60) return `${min} ${m}`
  const hours = Math.floor(min / 60)
  if (hours < 48) return `${hours} ${h}${min % 60 ? ` ${min % 60} ${m}` : ''}`
  return `${Math.floor(hours / 24)} ${d}${hours % 24 ? ` ${hours % 24} ${h}` : ''}`
}

/** Field names that hold a time in what the commands print as JSON (`createdAt`, `at`, `until`…). */
const TIME_FIELD = /(?:At|^at|^until)$/

/**
 * A JSON.stringify replacer: every time field given in epoch milliseconds becomes ISO 8601 with the
 * machine's offset, so every time a script reads carries its offset.
 */
export const jsonTimes = function (this: unknown, key: string, value: unknown): unknown {
  if (typeof value === 'number' && TIME_FIELD.test(key) && value > 0) return localIso(value)
  // A listing's `syncedAt` holds one time per portal id.
  if (key === 'syncedAt' && value !== null && typeof value === 'object' && !Array.isArray(value))
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, typeof v === 'number' && v > 0 ? localIso(v) : v])
    )
  return value
}
