import { registerTexts } from '../app/language'

/** User-facing texts of the catalog, in both languages; registered with i18next and said with `localize`. */
export const messages = registerTexts('catalog', {
  syncFailed: {
    en: 'Reading the portal failed unexpectedly; the details are in the log.',
    ru: 'Чтение портала неожиданно завершилось ошибкой; подробности в журнале.'
  },
  /** docs `landing-site-get-list.md`: a user without the right to view sites gets `[]`, no error. */
  listsNothing: {
    en: 'The portal lists nothing: the account may lack the right to view sites. The last listing is kept.',
    ru: 'Портал ничего не показывает: возможно, у учётной записи нет права просматривать сайты. Последний список сохранён.'
  },
  documentNotFound: {
    en: 'The CRM document was not found; it may have been deleted.',
    ru: 'Документ CRM не найден; возможно, он удалён.'
  }
})
