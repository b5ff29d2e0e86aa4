import { defineMessages } from '../i18n'

/** Names of the outbox's states, kinds and actions, and the stored titles the command line writes. */
export const words = defineMessages(
  'outbox-words',
  {
    'job scheduled': 'scheduled',
    'job active': 'active',
    'job paused': 'paused',
    'job finished': 'finished',
    'job cancelled': 'cancelled',
    'op queued': 'queued',
    'op sending': 'sending',
    'op done': 'done',
    'op failed': 'failed',
    'op mismatch': 'reported otherwise',
    'op superseded': 'superseded',
    'op cancelled': 'cancelled',
    'lane idle': 'idle',
    'lane running': 'running',
    'lane paused': 'paused',
    'lane waiting': 'waiting',
    'lane unreachable': 'unreachable',
    'lane auth': 'credentials refused',
    'health online': 'online',
    'health unknown': 'unknown',
    'health unreachable': 'unreachable',
    'health auth_failed': 'credentials refused',
    'health limited': 'limited',
    'kind site': 'site',
    'kind page': 'page',
    'kind folder': 'folder',
    'kind document': 'document',
    'action publish': 'publish',
    'action unpublish': 'unpublish',
    'action link-on': 'link on',
    'action link-off': 'link off',
    'title publish site': {
      one: 'publish {count} site on {portal}',
      other: 'publish {count} sites on {portal}'
    },
    'title publish page': {
      one: 'publish {count} page on {portal}',
      other: 'publish {count} pages on {portal}'
    },
    'title publish folder': {
      one: 'publish {count} folder on {portal}',
      other: 'publish {count} folders on {portal}'
    },
    'title unpublish site': {
      one: 'unpublish {count} site on {portal}',
      other: 'unpublish {count} sites on {portal}'
    },
    'title unpublish page': {
      one: 'unpublish {count} page on {portal}',
      other: 'unpublish {count} pages on {portal}'
    },
    'title unpublish folder': {
      one: 'unpublish {count} folder on {portal}',
      other: 'unpublish {count} folders on {portal}'
    },
    'title link on': {
      one: 'public link on for {count} document on {portal}',
      other: 'public link on for {count} documents on {portal}'
    },
    'title link off': {
      one: 'public link off for {count} document on {portal}',
      other: 'public link off for {count} documents on {portal}'
    },
    'title operations': { one: '{count} operation', other: '{count} operations' },
    'reason cancelled': 'Cancelled.',
    'reason superseded': 'Replaced by a newer request for the same object.',
    'reason portal removed': 'Cancelled: the portal was removed from B24 Desk.'
  },
  {
    'job scheduled': 'по расписанию',
    'job active': 'выполняется',
    'job paused': 'приостановлено',
    'job finished': 'завершено',
    'job cancelled': 'отменено',
    'op queued': 'в очереди',
    'op sending': 'отправляется',
    'op done': 'выполнено',
    'op failed': 'ошибка',
    'op mismatch': 'портал сообщает иное',
    'op superseded': 'заменено',
    'op cancelled': 'отменено',
    'lane idle': 'простаивает',
    'lane running': 'работает',
    'lane paused': 'приостановлена',
    'lane waiting': 'ждёт',
    'lane unreachable': 'недоступен',
    'lane auth': 'доступ отклонён',
    'health online': 'в сети',
    'health unknown': 'неизвестно',
    'health unreachable': 'недоступен',
    'health auth_failed': 'доступ отклонён',
    'health limited': 'ограничен',
    'kind site': 'сайт',
    'kind page': 'страница',
    'kind folder': 'папка',
    'kind document': 'документ',
    'action publish': 'опубликовать',
    'action unpublish': 'снять с публикации',
    'action link-on': 'включить ссылку',
    'action link-off': 'выключить ссылку',
    'title publish site': {
      one: 'опубликовать {count} сайт на {portal}',
      few: 'опубликовать {count} сайта на {portal}',
      many: 'опубликовать {count} сайтов на {portal}',
      other: 'опубликовать {count} сайта на {portal}'
    },
    'title publish page': {
      one: 'опубликовать {count} страницу на {portal}',
      few: 'опубликовать {count} страницы на {portal}',
      many: 'опубликовать {count} страниц на {portal}',
      other: 'опубликовать {count} страницы на {portal}'
    },
    'title publish folder': {
      one: 'опубликовать {count} папку на {portal}',
      few: 'опубликовать {count} папки на {portal}',
      many: 'опубликовать {count} папок на {portal}',
      other: 'опубликовать {count} папки на {portal}'
    },
    'title unpublish site': {
      one: 'снять с публикации {count} сайт на {portal}',
      few: 'снять с публикации {count} сайта на {portal}',
      many: 'снять с публикации {count} сайтов на {portal}',
      other: 'снять с публикации {count} сайта на {portal}'
    },
    'title unpublish page': {
      one: 'снять с публикации {count} страницу на {portal}',
      few: 'снять с публикации {count} страницы на {portal}',
      many: 'снять с публикации {count} страниц на {portal}',
      other: 'снять с публикации {count} страницы на {portal}'
    },
    'title unpublish folder': {
      one: 'снять с публикации {count} папку на {portal}',
      few: 'снять с публикации {count} папки на {portal}',
      many: 'снять с публикации {count} папок на {portal}',
      other: 'снять с публикации {count} папки на {portal}'
    },
    'title link on': {
      one: 'включить публичную ссылку {count} документа на {portal}',
      few: 'включить публичные ссылки {count} документов на {portal}',
      many: 'включить публичные ссылки {count} документов на {portal}',
      other: 'включить публичные ссылки {count} документа на {portal}'
    },
    'title link off': {
      one: 'выключить публичную ссылку {count} документа на {portal}',
      few: 'выключить публичные ссылки {count} документов на {portal}',
      many: 'выключить публичные ссылки {count} документов на {portal}',
      other: 'выключить публичные ссылки {count} документа на {portal}'
    },
    'title operations': {
      one: '{count} операция',
      few: '{count} операции',
      many: '{count} операций',
      other: '{count} операции'
    },
    'reason cancelled': 'Отменено.',
    'reason superseded': 'Заменено более новым запросом для того же объекта.',
    'reason portal removed': 'Отменено: портал удалён из B24 Desk.'
  }
)
