import { getLanguage, setLanguage, type Language } from '../../main/services/app/i18n'

/**
 * The command line speaks the user's language (B24DESK_LANG, then LANG; English and Russian) through
 * main's text system (src/main/services/app/i18n.ts, i18next): each command keeps its texts in a
 * message file beside it (`defineMessages`, `defineTable`); a text with a count is a plural, written
 * per form ("one", "few", "many", "other") so Russian says 1 операция, 2 операции, 5 операций.
 */
export {
  defineMessages,
  defineTable,
  registerTexts,
  type Catalog,
  type Message,
  type Plural,
  type Translation,
  type Vars
} from '../../main/services/app/i18n'

/** Sets the language of the command line (and of the texts main writes for it). */
export const useLanguage = (language: Language): void => setLanguage(language)

export const language = (): Language => getLanguage()
