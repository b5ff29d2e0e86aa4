import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { JobChange, JobSummary } from '../../../../shared/domain/outbox'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { usePortalNames } from '../catalog/use-catalog'
import { targetKey } from '../../store/keys'

/** Shown at first; the rest behind a button, since a site publication may change hundreds of pages. */
export const CHANGES_SHOWN = 10

/**
 * What the portal changed beyond the job's own targets, as its read-back found: pages a site
 * publication also published, parent folders an unpublished folder took along. Asked for once the
 * job reports some, and again when it reports more.
 */
export const JobChanges = ({ job }: { job: JobSummary }) => {
  const { t } = useTranslation()
  const names = usePortalNames()
  const notify = useStore((s) => s.notify)
  const [changes, setChanges] = useState<JobChange[] | null>(null)
  const [all, setAll] = useState(false)
  const count = job.changes

  useEffect(() => {
    if (count === 0) return
    let live = true
    call('outbox:changes', { jobId: job.id })
      .then((rows) => live && setChanges(rows))
      .catch((err: Error) => notify(err.message, 'error'))
    return () => {
      live = false
    }
  }, [count, job.id, notify])

  if (count === 0 || !changes || changes.length === 0) return null
  const shown = all ? changes : changes.slice(0, CHANGES_SHOWN)
  const state = (kind: JobChange['kind'], on: boolean) =>
    kind === 'document'
      ? t(on ? 'outbox.changeState.linkOn' : 'outbox.changeState.linkOff')
      : t(on ? 'outbox.changeState.on' : 'outbox.changeState.off')
  return (
    <section className="job-changes" aria-label={t('outbox.changes')} data-testid="job-changes">
      <h4>
        {t('outbox.changes')} ({changes.length})
      </h4>
      <ul>
        {shown.map((c) => (
          <li key={targetKey(c.kind, c.portalId, c.id)} className="job-change">
            <strong>{c.title || `#${c.id}`}</strong>{' '}
            <span className="muted">
              ({t(`outbox.changeKinds.${c.kind}`)}, {names.get(c.portalId) ?? c.portalId})
            </span>{' '}
            <span data-testid="job-change-state">
              {c.before === null ? '' : `${state(c.kind, c.before)} → `}
              {state(c.kind, c.after)}
            </span>
          </li>
        ))}
      </ul>
      {!all && changes.length > CHANGES_SHOWN && (
        <button type="button" className="small link-button" onClick={() => setAll(true)}>
          {t('outbox.changesMore', { count: changes.length - CHANGES_SHOWN })}
        </button>
      )}
    </section>
  )
}
