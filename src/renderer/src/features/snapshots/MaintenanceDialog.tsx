import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { visiblePortalIds } from '../../store/portals-slice'
import { START_NOW, StartTimePicker, type Schedule } from '../schedule/StartTimePicker'
import { formatLocalTime, isoToMs } from '../schedule/time'
import { Dialog } from '../shell/Dialog'
import { initialScope, ScopePicker, scopeRequest, scopeValid, type Scope } from './ScopePicker'

/**
 * "Take offline for maintenance": main records a snapshot of what is live, then queues a job taking
 * it offline; with an end time, a restore of that snapshot is scheduled then.
 */
export const MaintenanceDialog = ({ onClose }: { onClose(): void }) => {
  const { t, i18n } = useTranslation()
  const notify = useStore((s) => s.notify)
  const loadSnapshots = useStore((s) => s.loadSnapshots)
  const setOutboxOpen = useStore((s) => s.setOutboxOpen)
  const shown = useStore(useShallow(visiblePortalIds))
  const selectedSites = useStore((s) => s.selection.sites)
  const [scope, setScope] = useState<Scope>(() => initialScope(selectedSites, shown))
  const [name, setName] = useState('')
  const [until, setUntil] = useState<Schedule>(START_NOW)
  const [confirmed, setConfirmed] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const start = async () => {
    setBusy(true)
    setError(null)
    try {
      const { snapshot } = await call('maintenance:start', {
        ...scopeRequest(scope),
        ...(until.startAt ? { until: until.startAt } : {}),
        ...(name.trim() ? { name: name.trim() } : {})
      })
      void loadSnapshots()
      const untilMs = isoToMs(until.startAt)
      notify(
        untilMs === null
          ? t('maintenance.started', { name: snapshot.name })
          : t('maintenance.startedUntil', {
              name: snapshot.name,
              time: formatLocalTime(untilMs, i18n.language)
            })
      )
      setOutboxOpen(true)
      onClose()
    } catch (err) {
      setError(t('maintenance.startFailed', { error: (err as Error).message }))
      setBusy(false)
    }
  }

  const what =
    scope.siteIds === null
      ? t('maintenance.whatPortals', { count: scope.portalIds.length })
      : t('maintenance.whatSites', { count: scope.siteIds.length })

  return (
    <Dialog
      title={t('maintenance.startTitle')}
      onClose={onClose}
      wide
      role="alertdialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('app.cancel')}
          </button>
          <button
            type="button"
            className="primary danger"
            disabled={busy || !scopeValid(scope) || !confirmed || !until.valid}
            onClick={() => void start()}
          >
            {busy ? t('maintenance.starting') : t('maintenance.start')}
          </button>
        </>
      }
    >
      <p className="hint">{t('maintenance.startText')}</p>
      <div className="field">
        <label htmlFor="maintenance-name">{t('snapshots.name')}</label>
        <input
          id="maintenance-name"
          type="text"
          maxLength={200}
          value={name}
          placeholder={t('maintenance.namePlaceholder')}
          onChange={(e) => setName(e.target.value)}
          data-autofocus
        />
      </div>
      <ScopePicker value={scope} onChange={setScope} />
      <StartTimePicker
        onChange={setUntil}
        legend={t('maintenance.endWhen')}
        nowLabel={t('maintenance.endByHand')}
        atLabel={t('maintenance.endAt')}
      />
      <div className="confirm-box">
        <p>{t('bulk.unpublishWarning')}</p>
        <label>
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
          {t('maintenance.confirm', { what })}
        </label>
      </div>
      {busy && (
        <p role="status" className="muted">
          {t('snapshots.takingText')}
        </p>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </Dialog>
  )
}
