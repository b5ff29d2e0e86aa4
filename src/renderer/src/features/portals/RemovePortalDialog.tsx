import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PortalSummary } from '../../../../shared/domain/portal'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { Dialog } from '../shell/Dialog'

export const RemovePortalDialog = ({ portal, onClose }: { portal: PortalSummary; onClose(): void }) => {
  const { t } = useTranslation()
  const setPortals = useStore((s) => s.setPortals)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const remove = async () => {
    setBusy(true)
    try {
      await call('portals:remove', { portalId: portal.id })
      setPortals(await call('portals:list'))
      onClose()
    } catch (err) {
      setError((err as Error).message)
      setBusy(false)
    }
  }

  return (
    <Dialog
      role="alertdialog"
      title={t('portals.removeTitle', { name: portal.name })}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose} data-autofocus>
            {t('app.cancel')}
          </button>
          <button type="button" className="danger primary" onClick={() => void remove()} disabled={busy}>
            {t('portals.removeConfirm')}
          </button>
        </>
      }
    >
      <p>{t('portals.removeText')}</p>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </Dialog>
  )
}
