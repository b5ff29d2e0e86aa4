import { defineMessages } from '../i18n'

/** Texts of the listing commands (sites, pages, folders, docs): their help, warnings and cells. */
export const catalogText = defineMessages(
  'catalog',
  {
    'bad scope': '--scope must be default, KNOWLEDGE, GROUP or MAINPAGE',
    'site required': '--site is required',
    'cache behaviour':
      'When the portal cannot be read, the list cached at the last successful read is shown and stderr says so, with its age and the reason; the exit code is then 0. It is 1 only when nothing is cached for the portal. With --json, "stale" and "syncedAt" tell the same per portal.\n',
    offline:
      '--offline shows the list cached at the last successful read without asking the portal (for a portal that is down, or to be quick).\n',
    'stale shown': 'portal “{name}” could not be read: showing the list cached {age}, at {at} ({reason})',
    'stale nothing cached': 'portal “{name}” could not be read, and no list of it is cached yet ({reason})',
    'nothing cached':
      'nothing is cached for portal “{name}” yet; run the command without --offline to read it from the portal',
    'age now': 'less than a minute ago',
    'age minutes': { one: '{count} minute ago', other: '{count} minutes ago' },
    'age hours': { one: '{count} hour ago', other: '{count} hours ago' },
    'age days': { one: '{count} day ago', other: '{count} days ago' },
    'default scope': 'default',
    'live site not': 'yes, site not',
    edited: 'edited since publication'
  },
  {
    'bad scope': '--scope: допустимы default, KNOWLEDGE, GROUP или MAINPAGE',
    'site required': 'нужен параметр --site',
    'cache behaviour':
      'Если портал не удаётся прочитать, показывается список, сохранённый при последнем удачном чтении, а stderr сообщает его возраст и причину; код выхода тогда 0. Он равен 1, только если для портала ничего не сохранено. С --json то же по каждому порталу сообщают "stale" и "syncedAt".\n',
    offline:
      '--offline показывает список, сохранённый при последнем удачном чтении, не обращаясь к порталу (если портал недоступен или нужно быстро).\n',
    'stale shown':
      'портал «{name}» не удалось прочитать: показан список, сохранённый {age}, в {at} ({reason})',
    'stale nothing cached': 'портал «{name}» не удалось прочитать, а сохранённого списка ещё нет ({reason})',
    'nothing cached':
      'для портала «{name}» ещё ничего не сохранено; выполните команду без --offline, чтобы прочитать данные с портала',
    'age now': 'меньше минуты назад',
    'age minutes': {
      one: '{count} минуту назад',
      few: '{count} минуты назад',
      many: '{count} минут назад',
      other: '{count} минуты назад'
    },
    'age hours': {
      one: '{count} час назад',
      few: '{count} часа назад',
      many: '{count} часов назад',
      other: '{count} часа назад'
    },
    'age days': {
      one: '{count} день назад',
      few: '{count} дня назад',
      many: '{count} дней назад',
      other: '{count} дня назад'
    },
    'default scope': 'обычная',
    'live site not': 'да, сайт нет',
    edited: 'изменена после публикации'
  }
)
