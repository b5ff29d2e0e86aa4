import { useTranslation } from 'react-i18next'
import type { StateCounts } from '../../../../shared/domain/outbox'
import { progressOf } from '../../store/outbox-slice'

/** Done in green, failed in red, reported otherwise in amber, on one track, with the numbers for screen readers. */
export const ProgressBar = ({ counts, label }: { counts: StateCounts; label: string }) => {
  const { t } = useTranslation()
  const { settled, total } = progressOf(counts)
  const pct = (n: number) => (total === 0 ? 0 : (n / total) * 100)
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={settled}
      aria-valuetext={t('outbox.progress', { settled, total })}
    >
      <span className="progress-done" style={{ width: `${pct(counts.done)}%` }} />
      <span className="progress-failed" style={{ width: `${pct(counts.failed)}%` }} />
      <span className="progress-mismatch" style={{ width: `${pct(counts.mismatch)}%` }} />
    </div>
  )
}

export const CountsLine = ({ counts }: { counts: StateCounts }) => {
  const { t } = useTranslation()
  const order = ['queued', 'sending', 'done', 'failed', 'mismatch', 'cancelled', 'superseded'] as const
  return (
    <p className="counts">
      {order
        .filter((k) => counts[k] > 0 || k === 'done' || k === 'queued')
        .map((k) => (
          <span key={k} className={`count-${k}`} data-testid={`count-${k}`}>
            {t(`outbox.counts.${k}`, { count: counts[k] })}
          </span>
        ))}
    </p>
  )
}
