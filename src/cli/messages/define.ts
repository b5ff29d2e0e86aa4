import { createInstance, type i18n } from 'i18next'
import { getLanguage, setLanguage, type Language } from '../../main/services/app/language'

/**
 * The command line speaks the user's language (B24DESK_LANG, then LANG; English and Russian) through
 * i18next, like the window. Each command keeps its texts in a message file beside it
 * (`defineMessages`); a text with a count is a plural, written per form ("one", "few", "many",
 * "other") so Russian says 1 операция, 2 операции, 5 операций, 21 операция.
 */

/** The forms of a counted text; `{count}` is the number. English needs one and other. */
export interface Plural {
  one: string
  few?: string
  many?: string
  other: string
}
export type Message = string | Plural
export type Catalog = Record<string, Message>

/** The Russian table must give every key the English one has, each text in the same shape. */
export type Translation<E extends Catalog> = { [K in keyof E]: E[K] extends string ? string : Plural }

export type Vars = Record<string, string | number>

const instance: i18n = createInstance()
void instance.init({
  initAsync: false,
  lng: 'en',
  fallbackLng: 'en',
  resources: {},
  // The texts write {name}; nothing here is HTML.
  interpolation: { prefix: '{', suffix: '}', escapeValue: false },
  keySeparator: false,
  nsSeparator: false,
  returnNull: false
})

const flatten = (catalog: Catalog): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [key, m] of Object.entries(catalog)) {
    if (typeof m === 'string') out[key] = m
    else for (const [form, text] of Object.entries(m)) out[`${key}_${form}`] = text
  }
  return out
}

/**
 * Registers one message file's texts and answers its typed translator: `t('queued', { count: 3 })`.
 * A key the file does not define does not compile.
 */
export const defineMessages = <const E extends Catalog>(
  namespace: string,
  en: E,
  ru: Translation<E>
): ((key: keyof E & string, vars?: Vars) => string) => {
  instance.addResourceBundle('en', namespace, flatten(en), true, true)
  instance.addResourceBundle('ru', namespace, flatten(ru as Catalog), true, true)
  return (key, vars = {}) => instance.t(key, { ns: namespace, ...vars }) as string
}

/** Sets the language of the command line (and of the texts main writes for it). */
export const useLanguage = (language: Language): void => {
  setLanguage(language)
  void instance.changeLanguage(language)
}

export const language = (): Language => getLanguage()

/**
 * The same, for a table written per text (`{ key: { en, ru } }`), the shape older message files
 * have: each text registered with i18next under its key, in both languages.
 */
export const defineTable = <const T extends Record<string, { en: Message; ru: Message }>>(
  namespace: string,
  table: T
): ((key: keyof T & string, vars?: Vars) => string) => {
  const en: Catalog = {}
  const ru: Catalog = {}
  for (const [key, text] of Object.entries(table)) {
    en[key] = text.en
    ru[key] = text.ru
  }
  return defineMessages(namespace, en, ru as Translation<Catalog>) as (
    key: keyof T & string,
    vars?: Vars
  ) => string
}
