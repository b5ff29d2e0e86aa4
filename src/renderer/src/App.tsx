import { useTranslation } from 'react-i18next'
import { useStore } from './store'

export const App = () => {
  const { t } = useTranslation()
  const info = useStore((s) => s.info)
  const online = useStore((s) => s.online)
  const infoError = useStore((s) => s.infoError)
  return (
    <main className="app">
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        {online !== null && (
          <span role="status" aria-label="connection" data-online={online} className="badge">
            {online ? t('app.online') : t('app.offline')}
          </span>
        )}
      </header>
      {infoError && <p role="alert">{infoError}</p>}
      {!info && !infoError && <p>{t('app.loading')}</p>}
      {info && (
        <section aria-label={t('app.dataDir')}>
          <p data-testid="version">{t('app.version', { version: info.version })}</p>
          <p data-testid="data-dir">
            {t('app.dataDir')}: <code>{info.dataDir}</code>
          </p>
          <p data-testid="data-dir-health">
            {info.dataDirHealthy ? t('app.dataDirHealthy') : t('app.dataDirBroken', { error: info.dataDirError })}
          </p>
        </section>
      )}
    </main>
  )
}
