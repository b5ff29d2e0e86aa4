import { registerTexts } from '../app/language'

/** What the team workspace says to people; {where} is user@host:port/database, never with a password. */
export const messages = registerTexts('workspace', {
  badUrl: {
    en: 'Invalid workspace URL: {reason}. Expected postgresql://USER@HOST:PORT/DATABASE?sslmode=verify-full&sslrootcert=CA.pem',
    ru: 'Неверный URL рабочего пространства: {reason}. Ожидается postgresql://ПОЛЬЗОВАТЕЛЬ@ХОСТ:ПОРТ/БАЗА?sslmode=verify-full&sslrootcert=CA.pem'
  },
  urlScheme: {
    en: 'it must start with postgresql:// (not "{start}:")',
    ru: 'он должен начинаться с postgresql:// (а не "{start}:")'
  },
  urlUnparsable: { en: 'it cannot be read as a URL', ru: 'его не удаётся разобрать как URL' },
  urlUnknownParam: {
    en: 'unknown option "{key}" (known: sslmode, sslrootcert, sslcert, sslkey, host, port, user, dbname)',
    ru: 'неизвестный параметр "{key}" (известны: sslmode, sslrootcert, sslcert, sslkey, host, port, user, dbname)'
  },
  urlBadPort: {
    en: 'the port "{port}" is not a number from 1 to 65535',
    ru: 'порт "{port}" не число от 1 до 65535'
  },
  urlBadDatabase: {
    en: 'the database name "{database}" contains "/"',
    ru: 'имя базы "{database}" содержит "/"'
  },
  urlBadSslMode: {
    en: 'sslmode={mode} is not supported; use verify-full (verifies the server), verify-ca, require (encrypts without verifying) or disable',
    ru: 'sslmode={mode} не поддерживается; укажите verify-full (проверка сервера), verify-ca, require (шифрование без проверки) или disable'
  },
  urlCaWithoutTls: {
    en: 'a CA file was given with sslmode=disable; use sslmode=verify-full',
    ru: 'файл CA указан вместе с sslmode=disable; укажите sslmode=verify-full'
  },
  caFileWhat: { en: 'CA file', ru: 'файл CA' },
  certFileWhat: { en: 'client certificate', ru: 'сертификат клиента' },
  keyFileWhat: { en: 'client key', ru: 'ключ клиента' },
  tlsFileUnreadable: {
    en: 'Cannot read the {what} {file} ({reason}).',
    ru: 'Не удаётся прочитать {what} {file} ({reason}).'
  },
  wrongPassword: {
    en: 'PostgreSQL refused the password of "{user}" at {where}. Give the right one with --password - (read from standard input; it is kept in the keychain).',
    ru: 'PostgreSQL не принял пароль пользователя "{user}" для {where}. Укажите верный: --password - (читается со стандартного ввода и сохраняется в хранилище ключей).'
  },
  passwordNeeded: {
    en: 'The database at {where} asks for the password of "{user}" and none is saved. Give it with --password - (read from standard input; it is kept in the keychain).',
    ru: 'База {where} требует пароль пользователя "{user}", а сохранённого нет. Укажите его: --password - (читается со стандартного ввода и сохраняется в хранилище ключей).'
  },
  notAllowed: {
    en: 'The database at {where} does not let "{user}" connect from this computer ({reason}). Ask its administrator to allow it in pg_hba.conf, or connect with TLS (sslmode=verify-full) if the server demands it.',
    ru: 'База {where} не пускает "{user}" с этого компьютера ({reason}). Попросите администратора разрешить это в pg_hba.conf или подключитесь по TLS (sslmode=verify-full), если сервер этого требует.'
  },
  noDatabase: {
    en: 'There is no database "{database}" at {host}:{port}. Create it (createdb {database}) or correct the name in the URL.',
    ru: 'На {host}:{port} нет базы "{database}". Создайте её (createdb {database}) или исправьте имя в URL.'
  },
  refused: {
    en: 'Nothing answers at {host}:{port} ({where}). Is PostgreSQL running there, and are the host and port right?',
    ru: 'По адресу {host}:{port} ({where}) никто не отвечает. Запущен ли там PostgreSQL, верны ли хост и порт?'
  },
  noSocket: {
    en: 'There is no PostgreSQL socket in {host} for port {port}. Is the server running, and is the folder (?host=) right?',
    ru: 'В {host} нет сокета PostgreSQL для порта {port}. Запущен ли сервер и верна ли папка (?host=)?'
  },
  unknownHost: {
    en: 'The host "{host}" is not known (DNS). Check its name in the URL.',
    ru: 'Хост "{host}" не найден (DNS). Проверьте имя в URL.'
  },
  timedOut: {
    en: 'No answer from {host}:{port} ({where}) in time. Check the network, a firewall, and the host and port.',
    ru: 'Нет ответа от {host}:{port} ({where}). Проверьте сеть, межсетевой экран, хост и порт.'
  },
  serverWithoutTls: {
    en: 'The server at {host}:{port} does not offer TLS. Enable ssl on the server, or add sslmode=disable to the URL if the network between is trusted.',
    ru: 'Сервер {host}:{port} не поддерживает TLS. Включите ssl на сервере или добавьте в URL sslmode=disable, если сети между вами можно доверять.'
  },
  certRejected: {
    en: 'The certificate of {host}:{port} could not be verified ({reason}). Give the CA that signed it with sslrootcert=FILE in the URL (or --ca FILE).',
    ru: 'Не удалось проверить сертификат {host}:{port} ({reason}). Укажите CA, которым он подписан: sslrootcert=ФАЙЛ в URL (или --ca ФАЙЛ).'
  },
  certRejectedWithCa: {
    en: "The certificate of {host}:{port} could not be verified with the CA in {ca} ({reason}). Check that the file holds the CA that signed the server's certificate and that the host name in the URL is one the certificate names.",
    ru: 'Сертификат {host}:{port} не удалось проверить с CA из {ca} ({reason}). Проверьте, что в файле CA, подписавший сертификат сервера, и что имя хоста в URL указано в сертификате.'
  },
  connectFailed: {
    en: 'Could not connect to {where}: {reason}',
    ru: 'Не удалось подключиться к {where}: {reason}'
  },
  notInitialized: {
    en: 'The database {where} holds no B24 Desk workspace yet. Create it with: b24desk workspace init URL',
    ru: 'В базе {where} ещё нет рабочего пространства B24 Desk. Создайте его: b24desk workspace init URL'
  },
  initNotPermitted: {
    en: '"{user}" may not create the workspace at {where} ({reason}). Run workspace init as the database owner with the right to create roles (CREATEROLE), e.g. the postgres user.',
    ru: '"{user}" не может создать рабочее пространство в {where} ({reason}). Запустите workspace init от владельца базы с правом создавать роли (CREATEROLE), например postgres.'
  },
  schemaNewer: {
    en: 'The workspace at {where} has schema version {found}, newer than this B24 Desk knows ({known}). Update B24 Desk on this computer.',
    ru: 'У рабочего пространства {where} схема версии {found}, новее известной этой версии B24 Desk ({known}). Обновите B24 Desk на этом компьютере.'
  },
  notAdmin: {
    en: '"{user}" cannot administer the workspace at {where}: only its owner (the role that ran workspace init) and members of that role can add groups and members.',
    ru: '"{user}" не может управлять рабочим пространством {where}: группы и участников добавляют только его владелец (роль, выполнившая workspace init) и члены этой роли.'
  },
  noSuchRole: {
    en: 'There is no database role "{role}". Create it first, e.g. in psql: CREATE ROLE "{role}" LOGIN PASSWORD \'…\';',
    ru: 'Роли базы "{role}" нет. Сначала создайте её, например в psql: CREATE ROLE "{role}" LOGIN PASSWORD \'…\';'
  },
  noSuchGroup: {
    en: 'There is no group "{group}" in the workspace (add it with: b24desk workspace group add "{group}").',
    ru: 'В рабочем пространстве нет группы "{group}" (добавьте её: b24desk workspace group add "{group}").'
  },
  groupExists: {
    en: 'A group "{group}" exists already.',
    ru: 'Группа "{group}" уже есть.'
  },
  badName: {
    en: 'A group name needs 1 to 100 characters, not only spaces.',
    ru: 'Имя группы: от 1 до 100 символов, не одни пробелы.'
  },
  passwordNotSaved: {
    en: 'The password was not saved in the keychain ({reason}); give it again next time.',
    ru: 'Пароль не сохранён в хранилище ключей ({reason}); в следующий раз укажите его снова.'
  }
})
