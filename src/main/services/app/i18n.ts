import { createInstance, type i18n, type TOptions } from 'i18next'

/**
 * The one text system of main and the command line: the language they speak and i18next behind every
 * user-facing text (the window has its own i18next in src/renderer). A text is written in both
 * languages; a text with a count is a plural, written per form ("one", "few", "many", "other") so
 * Russian says 1 страница, 2 страницы, 5 страниц, 21 страница. Message files register their texts
 * here (`registerTexts`, `defineTable`, `defineMessages`); `localize` says one in the current language.
 */

export type Language = 'en' | 'ru'

/** A text in both languages, without a count. */
export type Localized = Record<Language, string>

/** The forms of a counted text; `{count}` is the number. English needs one and other. */
export interface Plural {
  one: string
  few?: string
  many?: string
  other: string
}
export type Message = string | Plural

/** A text in both languages: each a plain string or, for a text with a count, its plural forms. */
export type Text = Record<Language, Message>

/** A counted text: `localize` needs `vars.count` to pick its form. */
export type Counted = { en: Plural; ru: Plural }

export type Catalog = Record<string, Message>

/** The Russian table must give every key the English one has, each text in the same shape. */
export type Translation<E extends Catalog> = { [K in keyof E]: E[K] extends string ? string : Plural }

export type Vars = Record<string, string | number>

/**
 * The language main writes user-facing messages in. The renderer sets it (app:setLanguage); the
 * command line takes it from LANG. One value per process: there is one person at the keyboard.
 */
let current: Language = 'en'

export const getLanguage = (): Language => current

const languageListeners = new Set<(language: Language) => void>()

export const setLanguage = (language: Language): void => {
  const changed = language !== current
  current = language
  if (changed) for (const l of languageListeners) l(language)
}

/** The desktop shell rebuilds its menus in the new language. */
export const onLanguageChange = (listener: (language: Language) => void): (() => void) => {
  languageListeners.add(listener)
  return () => languageListeners.delete(listener)
}

const instance: i18n = createInstance()
void instance.init({
  initAsync: false,
  lng: 'en',
  fallbackLng: 'en',
  resources: {},
  // The texts write {name}; nothing here is HTML. A value not given leaves its {name} as written.
  interpolation: { prefix: '{', suffix: '}', escapeValue: false, skipOnVariables: true },
  keySeparator: false,
  nsSeparator: false,
  returnNull: false
})

/** i18next's options for one text: the language of the moment, the values, and the count if any. */
const options = (vars: Vars, extra: TOptions = {}): TOptions => {
  const given = vars.count
  const count = typeof given === 'string' ? (/^\d+$/.test(given) ? Number(given) : undefined) : given
  return { lng: current, replace: vars, nest: false, ...(count === undefined ? {} : { count }), ...extra }
}

const flatten = (catalog: Catalog): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [key, m] of Object.entries(catalog)) {
    if (typeof m === 'string') out[key] = m
    else for (const [form, text] of Object.entries(m)) if (text !== undefined) out[`${key}_${form}`] = text
  }
  return out
}

const register = (namespace: string, en: Catalog, ru: Catalog): void => {
  instance.addResourceBundle('en', namespace, flatten(en), true, true)
  instance.addResourceBundle('ru', namespace, flatten(ru), true, true)
}

const translate = (namespace: string, key: string, vars: Vars = {}): string =>
  instance.t(key, options(vars, { ns: namespace })) as string

/** Where a registered text lives in i18next, found from the text itself. */
const registered = new WeakMap<object, { namespace: string; key: string }>()

/**
 * Registers a table of texts (`{ key: { en, ru } }`) with i18next under a namespace and answers the
 * same table, so `localize(messages.key, vars)` finds its text there. Main's message files use it.
 */
export const registerTexts = <T extends Record<string, Text>>(namespace: string, table: T): T => {
  const en: Catalog = {}
  const ru: Catalog = {}
  for (const [key, text] of Object.entries(table)) {
    en[key] = text.en
    ru[key] = text.ru
    registered.set(text, { namespace, key })
  }
  register(namespace, en, ru)
  return table
}

const formsOf = (m: Message): TOptions =>
  typeof m === 'string'
    ? { defaultValue: m }
    : {
        defaultValue: m.other,
        defaultValue_one: m.one,
        defaultValue_other: m.other,
        ...(m.few === undefined ? {} : { defaultValue_few: m.few }),
        ...(m.many === undefined ? {} : { defaultValue_many: m.many })
      }

/**
 * No key is registered under this namespace: an inline text is said through i18next's defaults (the
 * text's own forms), as is a counted text given no count.
 */
const INLINE = 'inline texts'

/**
 * Says a text in the current language: fills `{name}` from `vars` and, for a counted text, picks
 * the form `vars.count` asks for (i18next's plural rules). A text of a message file is looked up in
 * i18next; an inline one (`localize({ en, ru })`) goes through the same instance as its default.
 * A counted text needs `vars.count`; without one it says its "other" form.
 */
export const localize = (text: Text, vars: Vars = {}): string => {
  const at = registered.get(text) ?? { namespace: INLINE, key: INLINE }
  return instance.t(at.key, options(vars, { ns: at.namespace, ...formsOf(text[current]) })) as string
}

/**
 * Registers one message file's texts (an English and a Russian table) and answers its typed
 * translator: `t('queued', { count: 3 })`. A key the file does not define does not compile.
 */
export const defineMessages = <const E extends Catalog>(
  namespace: string,
  en: E,
  ru: Translation<E>
): ((key: keyof E & string, vars?: Vars) => string) => {
  register(namespace, en, ru as Catalog)
  return (key, vars) => translate(namespace, key, vars)
}

/**
 * The same, for a table written per text (`{ key: { en, ru } }`): each text registered with i18next
 * under its key, in both languages.
 */
export const defineTable = <const T extends Record<string, Text>>(
  namespace: string,
  table: T
): ((key: keyof T & string, vars?: Vars) => string) => {
  registerTexts(namespace, table)
  return (key, vars) => translate(namespace, key, vars)
}
