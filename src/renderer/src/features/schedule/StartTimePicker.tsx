import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDuration, isoToMs, localInputToIso, localZoneName, toLocalInput } from './time'
import { useClock } from '../shell/use-now'
import './schedule.css'

/** What the picker says: a start time (ISO 8601 with offset) or null for "now", and whether it can be used. */
export interface Schedule {
  startAt: string | null
  valid: boolean
}

export const START_NOW: Schedule = { startAt: null, valid: true }

const HOUR = 3_600_000
const FIVE_MIN = 300_000

/** A first suggestion: the next full five minutes an hour from now, a time people actually pick. */
const suggestion = (now: number) => toLocalInput(Math.ceil((now + HOUR) / FIVE_MIN) * FIVE_MIN)

interface Props {
  onChange(schedule: Schedule): void
  /** The time already set, when rescheduling (ISO 8601); absent or null starts on "now". */
  initial?: string | null
  /** The question the picker answers ("When", "End maintenance"). */
  legend?: string
  /** Labels of the two choices, when the defaults ("Now", "At a set time") do not fit. */
  nowLabel?: string
  atLabel?: string
}

/**
 * "Now" or "at a set time". Times are entered in this computer's time zone, which is named next to
 * the field, and handed on with their offset; a time in the past is refused before anything is queued.
 */
export const StartTimePicker = ({ onChange, initial = null, legend, nowLabel, atLabel }: Props) => {
  const { t, i18n } = useTranslation()
  const name = useId()
  const hintId = useId()
  const now = useClock()
  const initialMs = isoToMs(initial)
  const [mode, setMode] = useState<'now' | 'at'>(initialMs === null ? 'now' : 'at')
  const [local, setLocal] = useState(() => (initialMs === null ? suggestion(now) : toLocalInput(initialMs)))

  const evaluate = (m: 'now' | 'at', value: string, at: number): Schedule => {
    if (m === 'now') return START_NOW
    const startAt = localInputToIso(value)
    const ms = isoToMs(startAt)
    return { startAt, valid: ms !== null && ms > at }
  }

  const update = (m: 'now' | 'at', value: string) => {
    setMode(m)
    setLocal(value)
  }

  const current = evaluate(mode, local, now)
  // Reported on every change, and when the clock overtakes the chosen time while the dialog is open.
  const report = useRef(onChange)
  useEffect(() => {
    report.current = onChange
  })
  useEffect(() => {
    report.current({ startAt: current.startAt, valid: current.valid })
  }, [current.startAt, current.valid])
  const ms = isoToMs(current.startAt)
  const hint =
    ms === null
      ? t('schedule.invalid')
      : ms <= now
        ? t('schedule.past')
        : t('schedule.startsIn', { duration: formatDuration(ms - now, t) })

  return (
    <fieldset className="schedule-picker">
      <legend>{legend ?? t('schedule.when')}</legend>
      <div className="schedule-choices">
        <label>
          <input type="radio" name={name} checked={mode === 'now'} onChange={() => update('now', local)} />
          {nowLabel ?? t('schedule.now')}
        </label>
        <label>
          <input type="radio" name={name} checked={mode === 'at'} onChange={() => update('at', local)} />
          {atLabel ?? t('schedule.at')}
        </label>
      </div>
      {mode === 'at' && (
        <div className="schedule-at">
          <input
            type="datetime-local"
            aria-label={t('schedule.time')}
            aria-describedby={hintId}
            aria-invalid={!current.valid || undefined}
            value={local}
            min={toLocalInput(now)}
            step={60}
            onChange={(e) => update('at', e.target.value)}
          />
          <span className="hint">{t('schedule.zone', { zone: localZoneName(now, i18n.language) })}</span>
          <p id={hintId} className={current.valid ? 'hint' : 'hint error-text'} data-testid="schedule-hint">
            {hint}
          </p>
        </div>
      )}
    </fieldset>
  )
}
