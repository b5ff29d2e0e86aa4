export type Language = 'en' | 'ru'

export type Localized = Record<Language, string>

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

export const languageFromEnv = (env: NodeJS.ProcessEnv): Language =>
  /^ru/i.test(env.B24DESK_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '') ? 'ru' : 'en'

/** Picks the current language's text and fills `{name}` placeholders. */
export const localize = (text: Localized, vars: Record<string, string | number> = {}): string =>
  text[current].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m))
