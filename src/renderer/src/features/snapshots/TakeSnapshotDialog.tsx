import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { visiblePortalIds } from '../../store/portals-slice'
import { Dialog } from '../shell/Dialog'
import { initialScope, ScopePicker, scopeRequest, scopeValid, type Scope } from './ScopePicker'

/** Names a snapshot and what it covers, then has main read fresh listings and record what is live. */
export const TakeSnapshotDialog = ({ onClose }: { onClose(): void }) => {
  const { t } = useTranslation()
  const notify = useStore((s) => s.notify)
  const loadSnapshots = useStore((s) => s.loadSnapshots)
  const shown = useStore(useShallow(visiblePortalIds))
  const selectedSites = useStore((s) => s.selection.sites)
  const [scope, setScope] = useState<Scope>(() => initialScope(selectedSites, shown))
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const take = async () => {
    setBusy(true)
    setError(null)
    try {
      const snapshot = await call('snapshots:take', {
        ...scopeRequest(scope),
        ...(name.trim() ? { name: name.trim() } : {})
      })
      notify(t('snapshots.taken', { name: snapshot.name }))
      void loadSnapshots()
      onClose()
    } catch (err) {
      setError(t('snapshots.takeFailed', { error: (err as Error).message }))
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={t('snapshots.takeTitle')}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('app.cancel')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy || !scopeValid(scope)}
            onClick={() => void take()}
          >
            {busy ? t('snapshots.taking') : t('snapshots.take')}
          </button>
        </>
      }
    >
      <p className="hint">{t('snapshots.takeText')}</p>
      <div className="field">
        <label htmlFor="snapshot-name">{t('snapshots.name')}</label>
        <input
          id="snapshot-name"
          type="text"
          maxLength={200}
          value={name}
          placeholder={t('snapshots.namePlaceholder')}
          onChange={(e) => setName(e.target.value)}
          data-autofocus
        />
      </div>
      <ScopePicker value={scope} onChange={setScope} />
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
