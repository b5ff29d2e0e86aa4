import { defineTable } from '../i18n'

/** Texts of when.ts, in both languages. */
export const whenText = defineTable('when-texts', {
  'text is not a time': {
    en: '"{text}" is not a time: give ISO 8601 (2025-03-10T09:00:00+03:00) or local time as YYYY-MM-DD HH:MM',
    ru: '«{text}» — не время: укажите ISO 8601 (2025-03-10T09:00:00+03:00) или местное время в виде ГГГГ-ММ-ДД ЧЧ:ММ'
  },
  'text is not in the': {
    en: '{text} is not in the future',
    ru: '{text} — не в будущем'
  }
})
