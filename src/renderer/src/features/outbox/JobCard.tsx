import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { JobSummary, OperationView } from '../../../../shared/domain/outbox'
import type { ErrorCategory } from '../../../../shared/domain/portal'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { pendingCount, problemCount } from '../../store/outbox-slice'
import { usePortalNames } from '../catalog/use-catalog'
import { downloadText } from '../shell/download'
import { JobChanges } from './JobChanges'
import { CountsLine, ProgressBar } from './ProgressBar'
import { RestoreOutcome } from './RestoreOutcome'
import { JobTiming } from './ScheduledJob'

const CATEGORIES: ErrorCategory[] = ['transient', 'unreachable', 'auth', 'limited', 'permanent']

/** Operations that ended without the portal confirming them: failed, or the portal reports otherwise. */
type Problem = 'failed' | 'mismatch'

/**
 * One job: its progress, what to do about it, each failure with its reason, each operation the
 * portal reports otherwise with what it reports, and what else changed on the portal.
 */
export const JobCard = ({ job }: { job: JobSummary }) => {
  const { t } = useTranslation()
  const names = usePortalNames()
  const notify = useStore((s) => s.notify)
  const [shown, setShown] = useState<Problem | null>(null)
  const [problems, setProblems] = useState<{ state: Problem; ops: OperationView[] } | null>(null)
  const pending = pendingCount(job.counts)
  const mismatches = job.counts.mismatch
  const count = shown === null ? 0 : job.counts[shown]

  useEffect(() => {
    if (!shown) return
    let live = true
    call('outbox:operations', { jobId: job.id, states: [shown] })
      .then((ops) => live && setProblems({ state: shown, ops }))
      .catch((err: Error) => notify(err.message, 'error'))
    return () => {
      live = false
    }
  }, [shown, job.id, count, notify])

  const toggle = (state: Problem) => setShown((v) => (v === state ? null : state))
  const listed = shown && problems?.state === shown ? problems.ops : null

  const act = (p: Promise<unknown>) => p.catch((err: Error) => notify(err.message, 'error'))

  const cancel = () => {
    if (!window.confirm(t('outbox.cancelConfirm', { count: pending }))) return
    void act(call('outbox:cancel', { jobId: job.id }))
  }

  const exportReport = async (format: 'csv' | 'json') => {
    try {
      const { filename, content } = await call('outbox:export', { jobId: job.id, format })
      downloadText(filename, content, format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json')
    } catch (err) {
      notify((err as Error).message, 'error')
    }
  }

  return (
    <li className="job" data-state={job.state} aria-label={job.title}>
      <div className="job-head">
        <strong className="ellipsis">{job.title}</strong>
        <span className="job-state">{t(`outbox.jobState.${job.state}`)}</span>
      </div>
      <ProgressBar counts={job.counts} label={t('outbox.progressLabel', { name: job.title })} />
      <CountsLine counts={job.counts} />
      <JobTiming job={job} />
      <RestoreOutcome job={job} />
      <div className="job-actions">
        {job.state === 'active' && pending > 0 && (
          <button
            type="button"
            className="small"
            onClick={() => void act(call('outbox:pauseJob', { jobId: job.id }))}
          >
            {t('outbox.pause')}
          </button>
        )}
        {job.state === 'paused' && (
          <button
            type="button"
            className="small"
            onClick={() => void act(call('outbox:resumeJob', { jobId: job.id }))}
          >
            {t('outbox.resume')}
          </button>
        )}
        {pending > 0 && (
          <button type="button" className="small" onClick={cancel}>
            {t('outbox.cancel')}
          </button>
        )}
        {problemCount(job.counts) > 0 && (
          <button
            type="button"
            className="small"
            onClick={() => void act(call('outbox:retryFailed', { jobId: job.id }))}
          >
            {t('outbox.retry')}
          </button>
        )}
        <button type="button" className="small" onClick={() => void exportReport('csv')}>
          {t('outbox.exportCsv')}
        </button>
        <button type="button" className="small" onClick={() => void exportReport('json')}>
          {t('outbox.exportJson')}
        </button>
        {job.counts.failed > 0 && (
          <button
            type="button"
            className="small link-button"
            aria-expanded={shown === 'failed'}
            onClick={() => toggle('failed')}
          >
            {shown === 'failed'
              ? t('outbox.hideFailures')
              : t('outbox.failures', { count: job.counts.failed })}
          </button>
        )}
        {mismatches > 0 && (
          <button
            type="button"
            className="small link-button"
            aria-expanded={shown === 'mismatch'}
            onClick={() => toggle('mismatch')}
          >
            {shown === 'mismatch'
              ? t('outbox.hideMismatches')
              : t('outbox.mismatches', { count: mismatches })}
          </button>
        )}
      </div>
      {shown === 'mismatch' && listed && (
        <ul className="failures" aria-label={t('outbox.mismatches', { count: listed.length })}>
          {listed.map((op) => (
            <li key={op.id} className="failure mismatch">
              <div>
                <strong>{op.label ?? `#${op.targetId}`}</strong>{' '}
                <span className="muted">({names.get(op.portalId) ?? op.portalId})</span>
              </div>
              <div className="failure-reason" data-testid="mismatch-reason">
                {op.error?.message}
              </div>
              <div className="failure-todo">{t('outbox.mismatchTodo')}</div>
            </li>
          ))}
        </ul>
      )}
      {shown === 'failed' && listed && (
        <ul className="failures" aria-label={t('outbox.failures', { count: listed.length })}>
          {listed.map((op) => {
            const category = CATEGORIES.find((c) => c === op.error?.category) ?? 'permanent'
            return (
              <li key={op.id} className="failure">
                <div>
                  <strong>{op.label ?? `#${op.targetId}`}</strong>{' '}
                  <span className="muted">({names.get(op.portalId) ?? op.portalId})</span>
                </div>
                <div className="failure-reason" data-testid="failure-reason">
                  {op.error?.message}
                  {op.error?.code && <code className="muted"> {op.error.code}</code>}
                </div>
                <div className="failure-todo">{t(`outbox.whatToDo.${category}`)}</div>
              </li>
            )
          })}
        </ul>
      )}
      <JobChanges job={job} />
    </li>
  )
}
