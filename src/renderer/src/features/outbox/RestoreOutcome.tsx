import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { JobSummary } from '../../../../shared/domain/outbox'
import type { SnapshotEntry } from '../../../../shared/domain/snapshot'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { EntryList } from '../snapshots/EntryList'
import '../schedule/schedule.css'

/**
 * A restore job says, after its read-back, whether the portal is back in the snapshot's state, and
 * lists what is not (an object deleted meanwhile, a page the portal refused to publish).
 */
export const RestoreOutcome = ({ job }: { job: JobSummary }) => {
  const { t } = useTranslation()
  const notify = useStore((s) => s.notify)
  const snapshotId = job.restore?.snapshotId
  const name = useStore((s) => s.snapshots.find((x) => x.id === snapshotId)?.name)
  const [open, setOpen] = useState(false)
  const [report, setReport] = useState<SnapshotEntry[] | null>(null)
  const differences = job.restore?.differences ?? 0

  useEffect(() => {
    if (!open) return
    let live = true
    call('snapshots:restoreReport', { jobId: job.id })
      .then((entries) => live && setReport(entries))
      .catch((err: Error) => notify(err.message, 'error'))
    return () => {
      live = false
    }
  }, [open, job.id, differences, notify])

  if (!job.restore) return null
  const snapshot = name ?? `#${job.restore.snapshotId}`
  const { matches } = job.restore
  const text =
    matches === null
      ? job.state === 'finished'
        ? t('restoreJob.checking', { name: snapshot })
        : t('restoreJob.pending', { name: snapshot })
      : matches
        ? t('restoreJob.matches', { name: snapshot })
        : t('restoreJob.differs', { count: differences, name: snapshot })

  return (
    <div className="job-restore" data-matches={matches ?? undefined} data-testid="restore-outcome">
      <span className="job-restore-text">{text}</span>
      {matches === false && differences > 0 && (
        <>
          {' '}
          <button
            type="button"
            className="small link-button"
            aria-expanded={open}
            onClick={() => setOpen((v) => !v)}
          >
            {open ? t('restoreJob.hide') : t('restoreJob.show')}
          </button>
          {open && report && <EntryList entries={report} label={t('restoreJob.listLabel')} withPortal />}
        </>
      )}
    </div>
  )
}
