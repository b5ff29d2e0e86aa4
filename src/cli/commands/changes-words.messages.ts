// The words a change seen is written with, in English and Russian.
import { defineMessages } from '../i18n'

/** How a change seen is written in the watch's commands: its field, its values, its state, its columns. */
export const changeWords = defineMessages(
  'change-words',
  {
    'field published': 'published',
    'field title': 'title',
    'field present': 'exists',
    'value published': 'published',
    'value not published': 'not published',
    'value absent': 'absent',
    'state new': 'new',
    'state accepted': 'accepted',
    'state put-back': 'put back',
    'kind site': 'site',
    'kind page': 'page',
    'col ID': 'ID',
    'col PORTAL': 'PORTAL',
    'col KIND': 'KIND',
    'col OBJECT': 'OBJECT',
    'col TITLE': 'TITLE',
    'col WHAT': 'WHAT',
    'col BEFORE': 'BEFORE',
    'col AFTER': 'AFTER',
    'col SEEN': 'SEEN',
    'col STATE': 'STATE'
  },
  {
    'field published': 'публикация',
    'field title': 'название',
    'field present': 'наличие',
    'value published': 'опубликован',
    'value not published': 'не опубликован',
    'value absent': 'нет',
    'state new': 'новое',
    'state accepted': 'принято',
    'state put-back': 'возвращено',
    'kind site': 'сайт',
    'kind page': 'страница',
    'col ID': 'НОМЕР',
    'col PORTAL': 'ПОРТАЛ',
    'col KIND': 'ТИП',
    'col OBJECT': 'ОБЪЕКТ',
    'col TITLE': 'НАЗВАНИЕ',
    'col WHAT': 'ЧТО',
    'col BEFORE': 'БЫЛО',
    'col AFTER': 'СТАЛО',
    'col SEEN': 'ЗАМЕЧЕНО',
    'col STATE': 'СОСТОЯНИЕ'
  }
)
