/**
 * The language main speaks and its texts: the text system lives in ./i18n (i18next); this door keeps
 * the names the services import, and reads the language from the environment for the command line.
 */
export {
  getLanguage,
  localize,
  onLanguageChange,
  registerTexts,
  setLanguage,
  type Counted,
  type Language,
  type Localized,
  type Plural,
  type Text
} from './i18n'

import type { Language } from './i18n'

export const languageFromEnv = (env: NodeJS.ProcessEnv): Language =>
  /^ru/i.test(env.B24DESK_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '') ? 'ru' : 'en'
