import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReactElement } from 'react'
import i18n from '../i18n'

/** Renders in English (unless asked otherwise) with a user-event session. */
export const renderUi = async (ui: ReactElement, language: 'en' | 'ru' = 'en') => {
  await i18n.changeLanguage(language)
  const user = userEvent.setup()
  return { user, ...render(ui) }
}
