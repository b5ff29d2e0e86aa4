import { useTranslation } from 'react-i18next'
import { notificationKinds, type DesktopSettingsPatch } from '../../../../shared/domain/desktop'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { Dialog } from '../shell/Dialog'
import { useDesktop } from './desktop-store'

/** How the app behaves on the desktop: closing, start at login, updates, notifications. */
export const DesktopSettingsDialog = () => {
  const { t } = useTranslation()
  const settings = useDesktop((s) => s.settings)
  const update = useDesktop((s) => s.update)
  const close = () => useDesktop.getState().setSettingsOpen(false)
  const notify = useStore((s) => s.notify)
  const save = (patch: DesktopSettingsPatch) => {
    const before = useDesktop.getState().settings
    // Shown at once (a controlled input must not snap back while main writes); main's answer wins.
    if (before) {
      useDesktop.setState({
        settings: { ...before, ...patch, notifications: { ...before.notifications, ...patch.notifications } }
      })
    }
    return call('settings:set', patch)
      .then((next) => useDesktop.setState({ settings: next }))
      .catch((err: Error) => {
        useDesktop.setState({ settings: before })
        notify(err.message, 'error')
      })
  }
  if (!settings) return null
  const locked = update?.lockedBy ?? null
  return (
    <Dialog
      title={t('desktop.settings.title')}
      onClose={close}
      footer={
        <button type="button" onClick={close}>
          {t('app.close')}
        </button>
      }
    >
      <div className="desktop-settings">
        <fieldset>
          <legend>{t('desktop.settings.onClose')}</legend>
          {(['tray', 'quit'] as const).map((v) => (
            <label key={v}>
              <input
                type="radio"
                name="onClose"
                checked={settings.onClose === v}
                onChange={() => void save({ onClose: v })}
              />
              {t(`desktop.settings.onCloseOptions.${v}`)}
            </label>
          ))}
          <label>
            <input
              type="checkbox"
              checked={settings.startAtLogin}
              onChange={(e) => void save({ startAtLogin: e.target.checked })}
            />
            {t('desktop.settings.startAtLogin')}
          </label>
        </fieldset>
        <fieldset disabled={locked !== null}>
          <legend>{t('desktop.settings.updates')}</legend>
          {(['auto', 'manual', 'off'] as const).map((v) => (
            <label key={v}>
              <input
                type="radio"
                name="updates"
                checked={(locked ? update?.mode : settings.updates) === v}
                onChange={() => void save({ updates: v })}
              />
              {t(`desktop.settings.updateModes.${v}`)}
            </label>
          ))}
          {locked && (
            <p className="muted" data-testid="update-policy">
              {t('desktop.settings.locked', { file: locked })}
            </p>
          )}
          {update && (
            <p className="muted">{t('desktop.settings.version', { version: update.currentVersion })}</p>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('desktop.settings.notifications')}</legend>
          {notificationKinds.map((k) => (
            <label key={k}>
              <input
                type="checkbox"
                checked={settings.notifications[k]}
                onChange={(e) => void save({ notifications: { [k]: e.target.checked } })}
              />
              {t(`desktop.notify.${k}`)}
            </label>
          ))}
        </fieldset>
      </div>
    </Dialog>
  )
}
