import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Action, TargetKind } from '../../../../shared/domain/outbox'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { usePortalNames } from '../catalog/use-catalog'
import { effectiveHealth } from '../portals/status'
import { Dialog } from '../shell/Dialog'
import { isDestructive, planBulk, type Target } from './plan'

interface Props {
  action: Action
  kind: TargetKind
  targets: Target[]
  onClose(): void
  onQueued?(): void
}

/**
 * The step between choosing and doing: says exactly what will happen, what is skipped and where,
 * asks for a deliberate confirmation before taking things offline, then hands the job to the outbox.
 */
export const ReviewDialog = ({ action, kind, targets, onClose, onQueued }: Props) => {
  const { t } = useTranslation()
  const names = usePortalNames()
  const portals = useStore((s) => s.portals)
  const lanes = useStore((s) => s.outbox.lanes)
  const notify = useStore((s) => s.notify)
  const setOutboxOpen = useStore((s) => s.setOutboxOpen)
  const plan = useMemo(() => planBulk(action, kind, targets), [action, kind, targets])
  const [confirmed, setConfirmed] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const destructive = isDestructive(action)
  const count = plan.intents.length
  const what = t(`bulk.kinds.${kind}`, { count })
  const actionLabel = t(`bulk.actions.${action}`)

  const unreachable = plan.perPortal
    .map(({ portalId }) => portals.find((p) => p.id === portalId))
    .filter((p) => p && effectiveHealth(p, lanes.find((l) => l.portalId === p.id)) === 'unreachable')

  const enqueue = async () => {
    setBusy(true)
    setError(null)
    const title = t('bulk.jobTitle', { action: actionLabel, count, what })
    try {
      const job = await call('outbox:enqueue', { title, intents: plan.intents })
      notify(t('bulk.enqueued', { title: job.title }))
      onQueued?.()
      setOutboxOpen(true)
      onClose()
    } catch (err) {
      setError(t('bulk.failed', { error: (err as Error).message }))
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={t('bulk.reviewTitle')}
      onClose={onClose}
      role={destructive ? 'alertdialog' : 'dialog'}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('app.cancel')}
          </button>
          <button
            type="button"
            className={destructive ? 'primary danger' : 'primary'}
            disabled={count === 0 || busy || (destructive && !confirmed)}
            onClick={enqueue}
            data-autofocus={!destructive || undefined}
          >
            {t('bulk.enqueue')}
          </button>
        </>
      }
    >
      <div data-testid="review-summary">
        {count > 0 ? (
          <p className="summary">
            {t('bulk.summary', { action: actionLabel, count, what, portals: t('bulk.onPortals', { count: plan.perPortal.length }) })}
          </p>
        ) : (
          <p className="summary">{t('bulk.nothing')}</p>
        )}
        {plan.skipped > 0 && <p>{t('bulk.skipped', { count: plan.skipped })}</p>}
      </div>
      {plan.perPortal.length > 0 && (
        <ul className="per-portal">
          {plan.perPortal.map(({ portalId, count: n }) => (
            <li key={portalId}>{t('bulk.perPortal', { portal: names.get(portalId) ?? portalId, count: n })}</li>
          ))}
        </ul>
      )}
      {unreachable.map((p) => (
        <p key={p!.id} className="note">
          {t('bulk.offlineNote', { portal: p!.name })}
        </p>
      ))}
      {destructive && count > 0 && (
        <div className="confirm-box">
          <p>{t('bulk.unpublishWarning')}</p>
          <label>
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-autofocus />
            {t('bulk.confirmUnpublish', { count })}
          </label>
        </div>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </Dialog>
  )
}
