import { getLanguage, localize, type Localized } from '../main/services/app/language'

/**
 * The command line speaks the user's language (B24DESK_LANG, then LANG; English and Russian), like
 * the window. Text a command shows is either plain (names, option syntax) or given in both languages.
 */
export type Text = string | Localized

export const tr = (text: Text, vars: Record<string, string | number> = {}): string =>
  typeof text === 'string' ? text : localize(text, vars)

/** Column headers of the commands' tables; JSON output keeps its English field names. */
const HEADERS_RU: Record<string, string> = {
  ACTION: 'ДЕЙСТВИЕ',
  AT: 'КОГДА',
  AUTH: 'ДОСТУП',
  BEFORE: 'БЫЛО',
  CANCELLED: 'ОТМЕНЕНО',
  CODE: 'КОД',
  CREATED: 'СОЗДАНО',
  DONE: 'ГОТОВО',
  ENTITY: 'СУЩНОСТЬ',
  FAILED: 'ОШИБКИ',
  FINISHED: 'ЗАВЕРШЕНО',
  FOLDER: 'ПАПКА',
  HEALTH: 'ДОСТУПНОСТЬ',
  HOST: 'АДРЕС',
  'IN FLIGHT': 'В ПУТИ',
  JOB: 'ЗАДАНИЕ',
  KIND: 'ТИП',
  'LAST SYNC': 'ОБНОВЛЁН',
  LEFT: 'ОСТАЛОСЬ',
  LIMITS: 'ЛИМИТЫ',
  MISMATCH: 'РАСХОЖДЕНИЯ',
  NAME: 'ИМЯ',
  NOW: 'СЕЙЧАС',
  NUMBER: 'НОМЕР',
  OP: 'ОП.',
  PARENT: 'РОДИТЕЛЬ',
  PORTAL: 'ПОРТАЛ',
  'PUBLIC URL': 'ПУБЛИЧНЫЙ АДРЕС',
  PUBLISHED: 'ОПУБЛИКОВАН',
  QUEUED: 'В ОЧЕРЕДИ',
  REASON: 'ПРИЧИНА',
  SCOPE: 'ОБЛАСТЬ',
  SENDING: 'ОТПРАВКА',
  SITE: 'САЙТ',
  START: 'ЗАПУСК',
  STATE: 'СОСТОЯНИЕ',
  STATUS: 'СТАТУС',
  SUPERSEDED: 'ЗАМЕНЕНО',
  TAGS: 'МЕТКИ',
  TARGET: 'ОБЪЕКТ',
  TITLE: 'НАЗВАНИЕ',
  TOTAL: 'ВСЕГО',
  TRIES: 'ПОПЫТКИ',
  TYPE: 'ТИП'
}

/** A table's column header in the user's language. */
export const header = (h: string): string => (getLanguage() === 'ru' ? (HEADERS_RU[h] ?? h) : h)

/** "yes"/"no" in tables. */
export const yesNo = (b: boolean): string => (b ? tr({ en: 'yes', ru: 'да' }) : tr({ en: 'no', ru: 'нет' }))
