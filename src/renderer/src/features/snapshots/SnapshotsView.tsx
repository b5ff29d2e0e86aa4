import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SnapshotSummary } from '../../../../shared/domain/snapshot'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { Dialog } from '../shell/Dialog'
import { MaintenanceDialog } from './MaintenanceDialog'
import { RestoreDialog } from './RestoreDialog'
import { SnapshotCard, type CardAction } from './SnapshotCard'
import { TakeSnapshotDialog } from './TakeSnapshotDialog'
import './snapshots.css'

type Open =
  { kind: 'take' } | { kind: 'maintenance' } | { kind: CardAction; snapshot: SnapshotSummary } | null

/**
 * Snapshots of what is live, newest first: take one, compare it with now, put it back, export it;
 * and maintenance windows, which are snapshots that took things offline until they are restored.
 */
export const SnapshotsView = () => {
  const { t } = useTranslation()
  const snapshots = useStore((s) => s.snapshots)
  const loaded = useStore((s) => s.snapshotsLoaded)
  const loadError = useStore((s) => s.snapshotsError)
  const [open, setOpen] = useState<Open>(null)
  const close = () => setOpen(null)
  const sorted = [...snapshots].sort((a, b) => b.takenAt - a.takenAt || b.id - a.id)
  // A snapshot may vanish while its dialog is open (deleted from the command line).
  const current = open && 'snapshot' in open ? snapshots.find((s) => s.id === open.snapshot.id) : undefined

  return (
    <section className="view snapshots-view" aria-labelledby="snapshots-heading">
      <div className="snapshots-bar">
        <h2 id="snapshots-heading">{t('snapshots.heading')}</h2>
        <span className="spacer" />
        <button type="button" onClick={() => setOpen({ kind: 'take' })}>
          {t('snapshots.takeEllipsis')}
        </button>
        <button type="button" className="danger" onClick={() => setOpen({ kind: 'maintenance' })}>
          {t('maintenance.startEllipsis')}
        </button>
      </div>
      <p className="hint">{t('snapshots.intro')}</p>
      {loadError && (
        <p role="alert" className="error-text">
          {t('snapshots.loadFailed', { error: loadError })}
        </p>
      )}
      {!loaded ? (
        <p className="muted">{t('app.loading')}</p>
      ) : sorted.length === 0 ? (
        <p className="muted">{t('snapshots.empty')}</p>
      ) : (
        <ul className="snapshot-list" aria-label={t('snapshots.heading')}>
          {sorted.map((s) => (
            <SnapshotCard key={s.id} snapshot={s} onAction={(kind) => setOpen({ kind, snapshot: s })} />
          ))}
        </ul>
      )}
      {open?.kind === 'take' && <TakeSnapshotDialog onClose={close} />}
      {open?.kind === 'maintenance' && <MaintenanceDialog onClose={close} />}
      {open?.kind === 'restore' && current && <RestoreDialog snapshot={current} onClose={close} />}
      {open?.kind === 'end-maintenance' && current && (
        <RestoreDialog snapshot={current} endMaintenance onClose={close} />
      )}
      {open?.kind === 'delete' && current && <DeleteSnapshotDialog snapshot={current} onClose={close} />}
    </section>
  )
}

const DeleteSnapshotDialog = ({ snapshot, onClose }: { snapshot: SnapshotSummary; onClose(): void }) => {
  const { t } = useTranslation()
  const notify = useStore((s) => s.notify)
  const loadSnapshots = useStore((s) => s.loadSnapshots)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const remove = async () => {
    setBusy(true)
    try {
      await call('snapshots:delete', { snapshotId: snapshot.id })
      notify(t('snapshots.deleted', { name: snapshot.name }))
      void loadSnapshots()
      onClose()
    } catch (err) {
      setError((err as Error).message)
      setBusy(false)
    }
  }

  return (
    <Dialog
      role="alertdialog"
      title={t('snapshots.deleteTitle', { name: snapshot.name })}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose} data-autofocus>
            {t('app.cancel')}
          </button>
          <button type="button" className="danger primary" onClick={() => void remove()} disabled={busy}>
            {t('snapshots.deleteConfirm')}
          </button>
        </>
      }
    >
      <p>{t('snapshots.deleteText')}</p>
      {snapshot.maintenance?.active && <p className="note">{t('snapshots.deleteMaintenance')}</p>}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </Dialog>
  )
}
