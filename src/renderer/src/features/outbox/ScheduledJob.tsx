import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { JobSummary } from '../../../../shared/domain/outbox'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { pendingCount } from '../../store/outbox-slice'
import { START_NOW, StartTimePicker, type Schedule } from '../schedule/StartTimePicker'
import { formatDuration, formatLocalTime, isoToMs } from '../schedule/time'
import { useClock } from '../shell/use-now'
import '../schedule/schedule.css'

/** A job waiting for its start time: not finished, not started, with work left. */
export const isWaitingToStart = (job: JobSummary): boolean =>
  job.startAt !== null && job.startedAt === null && job.state !== 'finished' && pendingCount(job.counts) > 0

/**
 * When a job runs: a countdown to its start with reschedule and start-now while it waits; once it
 * ran, whether it started on time or how late (the app was closed or the computer asleep).
 */
export const JobTiming = ({ job }: { job: JobSummary }) => {
  if (isWaitingToStart(job)) return <Countdown job={job} />
  const startMs = isoToMs(job.startAt)
  if (startMs === null || job.startedAt === null) return null
  return <Started job={job} startMs={startMs} />
}

const Started = ({ job, startMs }: { job: JobSummary; startMs: number }) => {
  const { t, i18n } = useTranslation()
  const late = job.lateByMs !== null && job.lateByMs > 0
  return (
    <div className="job-schedule" data-late={late || undefined} data-testid="job-schedule">
      <span className="job-schedule-text">
        {late
          ? t('schedule.startedLate', {
              duration: formatDuration(job.lateByMs!, t),
              time: formatLocalTime(startMs, i18n.language)
            })
          : t('schedule.startedOnTime', { time: formatLocalTime(startMs, i18n.language) })}
      </span>
    </div>
  )
}

const Countdown = ({ job }: { job: JobSummary }) => {
  const { t, i18n } = useTranslation()
  const now = useClock()
  const notify = useStore((s) => s.notify)
  const [editing, setEditing] = useState(false)
  const [schedule, setSchedule] = useState<Schedule>(START_NOW)
  const [busy, setBusy] = useState(false)
  const startMs = isoToMs(job.startAt)!

  const reschedule = async (startAt: string | null) => {
    setBusy(true)
    try {
      await call('outbox:reschedule', { jobId: job.id, startAt })
      notify(
        startAt === null
          ? t('schedule.startingNow', { title: job.title })
          : t('schedule.rescheduled', {
              title: job.title,
              time: formatLocalTime(isoToMs(startAt)!, i18n.language)
            })
      )
      setEditing(false)
    } catch (err) {
      notify((err as Error).message, 'error')
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="job-schedule" data-testid="job-schedule">
      <div className="job-schedule-text">
        {startMs > now ? (
          <>
            {t('schedule.scheduledFor', { time: formatLocalTime(startMs, i18n.language) })}{' '}
            <strong data-testid="countdown">
              {t('schedule.startsIn', { duration: formatDuration(startMs - now, t) })}
            </strong>
          </>
        ) : job.missedAt ? (
          <span data-testid="missed">
            {t('schedule.missed', { time: formatLocalTime(startMs, i18n.language) })}
          </span>
        ) : (
          t('schedule.due', { time: formatLocalTime(startMs, i18n.language) })
        )}
      </div>
      {editing ? (
        <div>
          <StartTimePicker
            initial={job.startAt}
            onChange={setSchedule}
            legend={t('schedule.newTime')}
            nowLabel={t('schedule.startNow')}
          />
          <div className="job-actions">
            <button
              type="button"
              className="small primary"
              disabled={busy || !schedule.valid}
              onClick={() => void reschedule(schedule.startAt)}
            >
              {t('schedule.save')}
            </button>
            <button type="button" className="small" onClick={() => setEditing(false)}>
              {t('app.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="job-actions">
          <button type="button" className="small" onClick={() => setEditing(true)}>
            {t('schedule.reschedule')}
          </button>
          <button type="button" className="small" disabled={busy} onClick={() => void reschedule(null)}>
            {t('schedule.startNow')}
          </button>
        </div>
      )}
    </div>
  )
}
