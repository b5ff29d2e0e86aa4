import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { PortalListTransfer } from './PortalListTransfer'

/** First run: the two ways in, side by side. */
export const EmptyState = () => {
  const { t } = useTranslation()
  const setDialog = useStore((s) => s.setDialog)
  const setPortals = useStore((s) => s.setPortals)
  const setView = useStore((s) => s.setView)
  const [opening, setOpening] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const openDemo = async () => {
    setOpening(true)
    setError(null)
    try {
      await call('demo:open')
      setPortals(await call('portals:list'))
      setView('sites')
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setOpening(false)
    }
  }

  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('empty.title')}</h2>
      <p className="lead">{t('empty.lead')}</p>
      <div className="ways">
        <div className="way">
          <h3>{t('empty.addTitle')}</h3>
          <p>{t('empty.addText')}</p>
          <button type="button" className="primary" onClick={() => setDialog({ kind: 'add-portal' })}>
            {t('empty.add')}
          </button>
        </div>
        <div className="way">
          <h3>
            {t('empty.demoTitle')} <span className="demo-badge">{t('portals.demo')}</span>
          </h3>
          <p>{t('empty.demoText')}</p>
          <button type="button" onClick={() => void openDemo()} disabled={opening}>
            {opening ? t('empty.demoOpening') : t('empty.demo')}
          </button>
        </div>
      </div>
      <div className="empty-import">
        <span>{t('empty.importText')}</span>
        <PortalListTransfer canExport={false} />
      </div>
      {error && (
        <p role="alert" className="error-text">
          {t('errors.generic', { error })}
        </p>
      )}
    </section>
  )
}
