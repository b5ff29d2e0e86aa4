// The watch's texts for people, in English and Russian.
import type { Localized } from '../app/language'

/** User-facing texts of the watch, in both languages; filled in with `localize`. */
export const messages = {
  readFailed: {
    en: 'The watch could not read the portal: {reason}',
    ru: 'Наблюдение не смогло прочитать портал: {reason}'
  },
  unknownChange: {
    en: 'There is no change seen with id {id}.',
    ru: 'Замеченного изменения с номером {id} нет.'
  },
  alreadyDecided: {
    en: 'Change {id} is no longer new: it was accepted or put back.',
    ru: 'Изменение {id} уже не новое: его приняли или вернули.'
  },
  cannotPutBack: {
    en: 'Change {id} cannot be put back yet: only a published state can. Accept it, or change it on the portal.',
    ru: 'Изменение {id} пока нельзя вернуть: возвращается только публикация. Примите его или измените на портале.'
  },
  putBackTitle: {
    en: 'Put back changes seen {ids}',
    ru: 'Вернуть замеченные изменения {ids}'
  }
} satisfies Record<string, Localized>
