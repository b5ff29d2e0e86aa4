import { useTranslation } from 'react-i18next'
import type { LaneView } from '../../../../shared/domain/outbox'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { formatAge } from '../shell/format'
import { useNow } from '../shell/use-now'
import { progressOf } from '../../store/outbox-slice'
import { CountsLine, ProgressBar } from './ProgressBar'

export const LaneRow = ({ lane, name }: { lane: LaneView; name: string }) => {
  const { t, i18n } = useTranslation()
  const now = useNow()
  const notify = useStore((s) => s.notify)
  const paused = lane.state === 'paused'
  const toggle = () =>
    call(paused ? 'outbox:resumeLane' : 'outbox:pauseLane', { portalId: lane.portalId }).catch((err: Error) =>
      notify(err.message, 'error')
    )
  return (
    <li className="lane" data-state={lane.state} aria-label={name}>
      <div className="lane-head">
        <strong>{name}</strong>
        <span className="lane-state" data-testid="lane-state">
          {t(`outbox.lane.${lane.state}`)}
        </span>
        <button type="button" className="small" onClick={() => void toggle()}>
          {paused ? t('outbox.resumeLane', { name }) : t('outbox.pauseLane', { name })}
        </button>
      </div>
      {progressOf(lane.counts).total === 0 ? (
        // Counts cover unfinished jobs only: an empty track and "0 done" after a finished job read as lost work.
        <p className="counts">{t('outbox.laneEmpty')}</p>
      ) : (
        <>
          <ProgressBar counts={lane.counts} label={t('outbox.progressLabel', { name })} />
          <CountsLine counts={lane.counts} />
        </>
      )}
      {lane.reason && (
        <p className="lane-reason">
          {lane.reason}
          {lane.nextAttemptAt &&
            lane.nextAttemptAt > now &&
            ` · ${t('outbox.nextAttempt', { age: formatAge(lane.nextAttemptAt, now, i18n.language) })}`}
        </p>
      )}
    </li>
  )
}
