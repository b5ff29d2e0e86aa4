import { useRef, type ChangeEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { downloadText } from '../shell/download'

/** The portal list without secrets to a file and back, to move to another computer or share with a colleague. */
export const PortalListTransfer = ({ canExport }: { canExport: boolean }) => {
  const { t } = useTranslation()
  const notify = useStore((s) => s.notify)
  const fileInput = useRef<HTMLInputElement>(null)

  const exportList = async () => {
    try {
      downloadText('b24desk-portals.json', await call('portals:export'), 'application/json')
    } catch (err) {
      notify((err as Error).message, 'error')
    }
  }

  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0]
    e.target.value = ''
    if (!file) return
    try {
      const added = await call('portals:import', { json: await file.text() })
      notify(
        added.length === 0
          ? t('portals.importedNone')
          : t('portals.imported', { count: added.length, names: added.map((p) => p.name).join(', ') })
      )
    } catch (err) {
      notify((err as Error).message, 'error')
    }
  }

  return (
    <div className="portal-transfer">
      {canExport && (
        <button type="button" className="link-button" onClick={() => void exportList()}>
          {t('portals.exportList')}
        </button>
      )}
      <button type="button" className="link-button" onClick={() => fileInput.current?.click()}>
        {t('portals.importList')}
      </button>
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label={t('portals.importList')}
        onChange={(e) => void importFile(e)}
      />
    </div>
  )
}
