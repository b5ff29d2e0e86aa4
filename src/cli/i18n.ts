import { localize, type Localized } from '../main/services/app/language'
import { commonMessages, type Vars } from './messages/common'

export {
  defineMessages,
  defineTable,
  language,
  registerTexts,
  useLanguage,
  type Plural,
  type Vars
} from './messages/define'

/**
 * An inline text in both languages. Kept for the catalog, portal and snapshot commands while their
 * texts move to message files; new texts go in a message file.
 */
export type Text = string | Localized | (() => string)

export const tr = (text: Text, vars: Vars = {}): string =>
  typeof text === 'string' ? text : typeof text === 'function' ? text() : localize(text, vars)

const c = commonMessages

/** A table's column header in the user's language (JSON output keeps its English field names). */
export const header = (h: string): string => {
  const key = `header ${h}` as keyof typeof c.en
  return key in c.en ? c.t(key) : h
}

/** "yes"/"no" in tables. */
export const yesNo = (b: boolean): string => c.t(b ? 'yes' : 'no')
