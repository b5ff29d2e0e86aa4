import { defineMessages } from './define'

/** The command line's own help: the command list, groups, and what every command takes. */
export const helpText = defineMessages(
  'help',
  {
    general:
      'Usage: b24desk <command> [options]\n\nCommands:\n{commands}\n  {help}show help for a command ("b24desk help portal add")\n  {version}print the version\n\n' +
      "Every command takes --data-dir DIR (default: the app's data folder), --json (machine-readable output) and\n" +
      '-h/--help. Messages follow B24DESK_LANG, then LANG (en or ru).\n\n' +
      'Secrets (a webhook URL, an OAuth client secret or tokens) typed as options are visible to other\n' +
      'users in the process list. Give "-" instead to read the value from standard input, one line each,\n' +
      'or leave the option out and set B24DESK_WEBHOOK, B24DESK_CLIENT_SECRET, B24DESK_ACCESS_TOKEN or\n' +
      'B24DESK_REFRESH_TOKEN.\n',
    group:
      'Usage: b24desk {group} <command> [options]\n\nCommands:\n{commands}\n\nRun "b24desk {group} <command> --help" for its options.\n',
    command: 'Usage: {usage} [--data-dir DIR] [--json]\n\n{summary}\n',
    'no subcommand': 'say which "{group}" command',
    'help of unknown': 'no command "{name}" (see: b24desk help)'
  },
  {
    general:
      'Использование: b24desk <команда> [параметры]\n\nКоманды:\n{commands}\n  {help}справка по команде ("b24desk help portal add")\n  {version}показать версию\n\n' +
      'Каждая команда принимает --data-dir КАТАЛОГ (по умолчанию папка данных приложения), --json (вывод для программ)\n' +
      'и -h/--help. Язык сообщений задают B24DESK_LANG, затем LANG (en или ru).\n\n' +
      'Секреты (URL вебхука, секрет клиента OAuth, токены), набранные в параметрах, видны другим\n' +
      'пользователям в списке процессов. Укажите вместо них "-", чтобы прочитать значение со стандартного\n' +
      'ввода (по строке на каждое), или не указывайте параметр и задайте B24DESK_WEBHOOK, B24DESK_CLIENT_SECRET,\n' +
      'B24DESK_ACCESS_TOKEN или B24DESK_REFRESH_TOKEN.\n',
    group:
      'Использование: b24desk {group} <команда> [параметры]\n\nКоманды:\n{commands}\n\n"b24desk {group} <команда> --help" покажет её параметры.\n',
    command: 'Использование: {usage} [--data-dir КАТАЛОГ] [--json]\n\n{summary}\n',
    'no subcommand': 'укажите, какая команда "{group}"',
    'help of unknown': 'нет команды "{name}" (см. b24desk help)'
  }
)
