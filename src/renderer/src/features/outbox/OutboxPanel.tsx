import { useTranslation } from 'react-i18next'
import { useStore } from '../../store'
import { usePortalNames } from '../catalog/use-catalog'
import { JobCard } from './JobCard'
import { LaneRow } from './LaneRow'
import './job-truth.css'

/** The live outbox: a lane per portal, then the jobs, newest first. */
export const OutboxPanel = () => {
  const { t } = useTranslation()
  const outbox = useStore((s) => s.outbox)
  const setOpen = useStore((s) => s.setOutboxOpen)
  const names = usePortalNames()
  const jobs = [...outbox.jobs].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)

  return (
    <aside className="outbox" aria-label={t('outbox.title')}>
      <header className="outbox-head">
        <h2>{t('outbox.title')}</h2>
        <button
          type="button"
          className="icon-button"
          aria-label={t('app.close')}
          onClick={() => setOpen(false)}
        >
          ×
        </button>
      </header>
      {outbox.lanes.length === 0 && jobs.length === 0 && <p className="muted">{t('outbox.empty')}</p>}
      {outbox.lanes.length > 0 && (
        <section aria-label={t('outbox.lanes')}>
          <h3>{t('outbox.lanes')}</h3>
          <ul className="lanes">
            {outbox.lanes.map((lane) => (
              <LaneRow key={lane.portalId} lane={lane} name={names.get(lane.portalId) ?? lane.portalId} />
            ))}
          </ul>
        </section>
      )}
      {jobs.length > 0 && (
        <section aria-label={t('outbox.jobs')}>
          <h3>{t('outbox.jobs')}</h3>
          <ul className="jobs">
            {jobs.map((job) => (
              <JobCard key={job.id} job={job} />
            ))}
          </ul>
        </section>
      )}
    </aside>
  )
}
