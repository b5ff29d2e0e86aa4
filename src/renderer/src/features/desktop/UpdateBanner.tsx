import { useTranslation } from 'react-i18next'
import { call } from '../../ipc/client'
import { useDesktop } from './desktop-store'

const run = (channel: 'updates:check' | 'updates:download' | 'updates:restart') =>
  void call(channel).catch(() => {})

/** Where the update stands: checking, available, downloading with progress, ready, with its notes. */
export const UpdateBanner = () => {
  const { t } = useTranslation()
  const u = useDesktop((s) => s.update)
  if (!u || !['checking', 'available', 'downloading', 'ready', 'waiting', 'error'].includes(u.status))
    return null
  const version = u.version ?? ''
  return (
    <div
      className="banner update-banner"
      role="status"
      aria-label={t('desktop.update.label')}
      data-status={u.status}
      data-tone={u.status === 'error' ? 'bad' : u.status === 'ready' ? 'ok' : 'info'}
    >
      <div className="update-text">
        {u.status === 'checking' && t('desktop.update.checking')}
        {u.status === 'available' && t('desktop.update.available', { version })}
        {u.status === 'downloading' && t('desktop.update.downloading', { version, percent: u.percent ?? 0 })}
        {u.status === 'ready' && t('desktop.update.ready', { version })}
        {u.status === 'waiting' && t('desktop.update.waiting')}
        {u.status === 'error' && t('desktop.update.error', { error: u.error ?? '' })}
        {u.status === 'downloading' && (
          <progress max={100} value={u.percent ?? 0} aria-label={t('desktop.update.progress')} />
        )}
        {u.releaseNotes && u.status !== 'error' && (
          <details className="release-notes">
            <summary>{t('desktop.update.notes', { version })}</summary>
            <pre>{u.releaseNotes}</pre>
          </details>
        )}
      </div>
      {u.status === 'available' && (
        <button type="button" onClick={() => run('updates:download')}>
          {t('desktop.update.download')}
        </button>
      )}
      {u.status === 'ready' && (
        <button type="button" className="primary" onClick={() => run('updates:restart')}>
          {t('desktop.update.restart')}
        </button>
      )}
      {u.status === 'error' && u.mode !== 'off' && (
        <button type="button" onClick={() => run('updates:check')}>
          {t('desktop.update.retry')}
        </button>
      )}
    </div>
  )
}
