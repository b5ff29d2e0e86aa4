import type { Localized } from '../app/language'

/** User-facing texts of the catalog, in both languages; filled in with `localize`. */
export const messages = {
  syncFailed: {
    en: 'Reading the portal failed unexpectedly; the details are in the log.',
    ru: 'Чтение портала неожиданно завершилось ошибкой; подробности в журнале.'
  },
  documentNotFound: {
    en: 'The CRM document was not found; it may have been deleted.',
    ru: 'Документ CRM не найден; возможно, он удалён.'
  }
} satisfies Record<string, Localized>
