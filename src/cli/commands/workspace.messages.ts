import { registerTexts } from '../i18n'

/** What `b24desk workspace` says. */
export const workspaceTexts = registerTexts('cli workspace', {
  giveUrl: {
    en: 'give the database URL, e.g. postgresql://b24desk_owner@db.example.com:5432/b24desk?sslmode=verify-full&sslrootcert=ca.pem',
    ru: 'укажите URL базы, например postgresql://b24desk_owner@db.example.com:5432/b24desk?sslmode=verify-full&sslrootcert=ca.pem'
  },
  noWorkspace: {
    en: 'which workspace? Give --url URL (or set {env}); this installation is not connected to a team workspace',
    ru: 'какое рабочее пространство? Укажите --url URL (или задайте {env}); эта установка не подключена к общему рабочему пространству'
  },
  typedPassword: {
    en: 'the password is not taken on the command line (other users could read it in the process list): give --password - to read it from standard input, or set {env}',
    ru: 'пароль не принимается в командной строке (его видят другие пользователи в списке процессов): укажите --password -, чтобы прочитать его со стандартного ввода, или задайте {env}'
  },
  noStdin: {
    en: '--password - needs standard input, and there is none',
    ru: '--password -: нужен стандартный ввод, а его нет'
  },
  emptyStdin: {
    en: '--password -: standard input gave no password',
    ru: '--password -: стандартный ввод не дал пароля'
  },
  urlPassword: {
    en: 'warning: the password was typed in the URL, where other users of this computer can read it in the process list. It is now in the keychain: leave it out of the URL next time.',
    ru: 'предупреждение: пароль набран в URL, где его видят другие пользователи этого компьютера (в списке процессов). Теперь он в хранилище ключей: в следующий раз не указывайте его в URL.'
  },
  created: {
    en: 'Workspace {where}: schema created (version {to}).\n',
    ru: 'Рабочее пространство {where}: схема создана (версия {to}).\n'
  },
  migrated: {
    en: 'Workspace {where}: schema brought from version {from} to {to}.\n',
    ru: 'Рабочее пространство {where}: схема обновлена с версии {from} до {to}.\n'
  },
  upToDate: {
    en: 'Workspace {where}: schema up to date (version {to}); nothing to do.\n',
    ru: 'Рабочее пространство {where}: схема актуальна (версия {to}); делать нечего.\n'
  },
  nextSteps: {
    en: 'Next: b24desk workspace group add NAME --url {url}, then b24desk workspace member add ROLE --group NAME --url {url}\n',
    ru: 'Дальше: b24desk workspace group add ИМЯ --url {url}, затем b24desk workspace member add РОЛЬ --group ИМЯ --url {url}\n'
  },
  local: {
    en: 'This installation uses the local workspace (SQLite in {dir}). To check a team database: b24desk workspace status URL\n',
    ru: 'Эта установка работает с локальным рабочим пространством (SQLite в {dir}). Проверить общую базу: b24desk workspace status URL\n'
  },
  admin: { en: 'administrator (owner)', ru: 'администратор (владелец)' },
  member: { en: 'member', ru: 'участник' },
  readWrite: { en: 'read-write', ru: 'чтение и запись' },
  readOnly: { en: 'read-only', ru: 'только чтение' },
  noGroups: { en: 'none', ru: 'нет' },
  on: { en: 'on', ru: 'да' },
  off: { en: 'off', ru: 'нет' },
  schemaOk: { en: 'version {v} (up to date)', ru: 'версия {v} (актуальна)' },
  schemaOlder: {
    en: 'version {v}, older than this app\'s {latest}: run "b24desk workspace init URL"',
    ru: 'версия {v}, старее версии приложения {latest}: выполните "b24desk workspace init URL"'
  },
  schemaNewer: {
    en: "version {v}, newer than this app's {latest}: update B24 Desk",
    ru: 'версия {v}, новее версии приложения {latest}: обновите B24 Desk'
  },
  schemaNone: {
    en: 'none: this database holds no workspace yet ("b24desk workspace init URL" creates it)',
    ru: 'нет: в базе ещё нет рабочего пространства ("b24desk workspace init URL" создаст его)'
  },
  schemaNoAccess: {
    en: 'not readable by "{role}", which is no member of this workspace; an administrator adds it with: b24desk workspace member add {role} --group NAME',
    ru: 'недоступна для "{role}": роль не участник этого рабочего пространства; администратор добавит её: b24desk workspace member add {role} --group ИМЯ'
  },
  groupAdded: { en: 'Group "{group}" added.\n', ru: 'Группа "{group}" добавлена.\n' },
  memberAdded: {
    en: 'Role "{role}" is a {how} member of group "{group}".\n',
    ru: 'Роль "{role}" — участник группы "{group}" ({how}).\n'
  },
  groupUsage: {
    en: 'say what to do: b24desk workspace group add NAME',
    ru: 'укажите действие: b24desk workspace group add ИМЯ'
  },
  memberUsage: {
    en: 'say what to do: b24desk workspace member add ROLE --group NAME [--read-only]',
    ru: 'укажите действие: b24desk workspace member add РОЛЬ --group ИМЯ [--read-only]'
  }
})

/** The labels of `b24desk workspace status`. */
export const workspaceLabels = registerTexts('cli workspace labels', {
  workspace: { en: 'Workspace', ru: 'Пространство' },
  server: { en: 'Server', ru: 'Сервер' },
  role: { en: 'Role', ru: 'Роль' },
  groups: { en: 'Groups', ru: 'Группы' },
  tls: { en: 'TLS', ru: 'TLS' },
  latency: { en: 'Latency', ru: 'Задержка' },
  schema: { en: 'Schema', ru: 'Схема' }
})
