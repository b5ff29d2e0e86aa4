import { useTranslation } from 'react-i18next'
import { useStore } from '../../store'

/** Where the app keeps its data and whether that place works: the first thing support asks. */
export const About = () => {
  const { t } = useTranslation()
  const info = useStore((s) => s.info)
  const infoError = useStore((s) => s.infoError)
  return (
    <section className="about" aria-label={t('app.about')}>
      {infoError && <p role="alert">{infoError}</p>}
      {!info && !infoError && <p>{t('app.loading')}</p>}
      {info && (
        <>
          <p data-testid="version">{t('app.version', { version: info.version })}</p>
          <p data-testid="data-dir" title={info.dataDir}>
            {t('app.dataDir')}: <code>{info.dataDir}</code>
          </p>
          <p data-testid="data-dir-health" data-healthy={info.dataDirHealthy}>
            {info.dataDirHealthy
              ? t('app.dataDirHealthy')
              : t('app.dataDirBroken', { error: info.dataDirError })}
          </p>
        </>
      )}
    </section>
  )
}
