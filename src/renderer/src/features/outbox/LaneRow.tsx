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
      <InFlight lane={lane} />
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

/** "2 of 4 in flight", and when and why the lane last had to send fewer requests at once. */
const InFlight = ({ lane }: { lane: LaneView }) => {
  const { t, i18n } = useTranslation()
  // One request at a time by choice, nothing on the wire, never lowered: nothing worth saying.
  if (lane.ceiling <= 1 && lane.inFlight === 0 && !lane.lowered) return null
  const values = { inFlight: lane.inFlight, window: lane.window, ceiling: lane.ceiling }
  return (
    <p className="lane-flight" data-testid="lane-flight">
      <span title={t('outbox.inFlightTitle')}>
        {lane.window < lane.ceiling ? t('outbox.inFlightMax', values) : t('outbox.inFlight', values)}
      </span>
      {lane.lowered && (
        <span className="lane-lowered" data-testid="lane-lowered">
          {' · '}
          {t('outbox.lowered', {
            to: lane.lowered.to,
            time: new Date(lane.lowered.at).toLocaleTimeString(i18n.language, {
              hour: '2-digit',
              minute: '2-digit'
            }),
            reason: lane.lowered.reason
          })}
        </span>
      )}
    </p>
  )
}
