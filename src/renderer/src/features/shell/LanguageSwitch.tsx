import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../ipc/client'
import { useStore } from '../../store'

export const LANGUAGE_KEY = 'b24desk.language'

/** Switches the interface and tells main, so its messages (errors, reasons) follow. */
export const LanguageSwitch = () => {
  const { t, i18n } = useTranslation()
  const id = useId()
  const setLanguage = useStore((s) => s.setLanguage)
  const change = (language: 'en' | 'ru') => {
    void i18n.changeLanguage(language)
    localStorage.setItem(LANGUAGE_KEY, language)
    document.documentElement.lang = language
    setLanguage(language)
    void call('app:setLanguage', { language }).catch(() => {})
  }
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {t('app.language')}
      </label>
      <select
        id={id}
        value={i18n.language === 'ru' ? 'ru' : 'en'}
        onChange={(e) => change(e.target.value as 'en' | 'ru')}
      >
        <option value="en">{t('app.languages.en')}</option>
        <option value="ru">{t('app.languages.ru')}</option>
      </select>
    </>
  )
}
