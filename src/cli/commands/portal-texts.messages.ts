import { defineTable } from '../i18n'

/** Texts of portal.ts, in both languages. */
export const pt = defineTable('portal-texts', {
  'limits must be standard enterprise': {
    en: '--limits must be standard, enterprise or self-hosted',
    ru: '--limits: допустимы standard, enterprise или self-hosted'
  },
  'cannot read the certificate file': {
    en: 'cannot read the certificate file given with --ca',
    ru: 'не удаётся прочитать файл сертификата из --ca'
  },
  'give either webhook or oauth': {
    en: 'give either --webhook or --oauth-portal, not both',
    ru: 'укажите --webhook или --oauth-portal, но не оба'
  },
  'flag is required or flag': {
    en: '--{flag} is required (or "--{flag} -" to read it from standard input, or {env})',
    ru: 'нужен --{flag} (или "--{flag} -", чтобы прочитать его со стандартного ввода, или {env})'
  },
  'give webhook url or or': {
    en: 'give --webhook URL (or "-", or B24DESK_WEBHOOK), or --oauth-portal URL with the OAuth options',
    ru: 'укажите --webhook URL (или "-", или B24DESK_WEBHOOK) либо --oauth-portal URL с параметрами OAuth'
  },
  'subject sha 256 fingerprint fingerprint': {
    en: '  {subject}\n  SHA-256 fingerprint: {fingerprint}\n  valid until {until}\n',
    ru: '  {subject}\n  отпечаток SHA-256: {fingerprint}\n  действителен до {until}\n'
  },
  'certificate to trust for host': {
    en: "Certificate to trust for {host} only (other hosts are checked against the system's certificates):\n",
    ru: 'Сертификат, которому доверять только для {host} (другие адреса проверяются по системным сертификатам):\n'
  },
  'name the portal': {
    en: 'name the portal',
    ru: 'укажите имя портала'
  },
  'check credentials with the portal': {
    en: 'check credentials with the portal and add it (secrets go to the OS keychain)',
    ru: 'проверить учётные данные на портале и добавить его (секреты — в хранилище паролей ОС)'
  },
  'added portal name host': {
    en: 'Added portal “{name}” ({host}).\n',
    ru: 'Портал «{name}» ({host}) добавлен.\n'
  },
  'added portal name host acting': {
    en: 'Added portal “{name}” ({host}), acting as {user} (id {id}{admin}).\n',
    ru: 'Портал «{name}» ({host}) добавлен; действия от имени {user} (id {id}{admin}).\n'
  },
  'scopes scopes': {
    en: 'Scopes: {scopes}\n',
    ru: 'Права: {scopes}\n'
  },
  'warning the credentials lack the': {
    en: 'Warning: the credentials lack the {scopes} scope; some features will not work.\n',
    ru: 'Внимание: у учётных данных нет прав {scopes}; часть возможностей не будет работать.\n'
  },
  'list the portals': {
    en: 'list the portals',
    ru: 'список порталов'
  },
  'no portals yet add one': {
    en: 'No portals yet. Add one with: b24desk portal add --name NAME --webhook URL\n',
    ru: 'Порталов пока нет. Добавьте: b24desk portal add --name ИМЯ --webhook URL\n'
  },
  demo: {
    en: ' (demo)',
    ru: ' (демо)'
  },
  'call the portal now and': {
    en: 'call the portal now and show its health (exit code 1 when the call failed)',
    ru: 'обратиться к порталу и показать его состояние (код выхода 1, если обращение не удалось)'
  },
  'prints online and exits 0': {
    en: 'Prints "online" and exits 0 only when the portal answered the check. Otherwise it prints the state and the reason and exits 1.\n',
    ru: 'Печатает "online" и завершается с кодом 0, только если портал ответил. Иначе печатает состояние и причину и завершается с кодом 1.\n'
  },
  'write the portal list without': {
    en: 'write the portal list without any secret (names, hosts, limits, tags) as JSON',
    ru: 'записать список порталов без секретов (имена, адреса, лимиты, метки) в JSON'
  },
  'without out the list goes': {
    en: 'Without --out the list goes to standard output. The file holds no webhook code, token or client secret; after "portal import" each portal needs its credentials again.\n',
    ru: 'Без --out список выводится на стандартный вывод. В файле нет кодов вебхуков, токенов и секретов клиента; после "portal import" каждому порталу снова нужны учётные данные.\n'
  },
  'wrote the list of portals': {
    en: 'Wrote the list of portals ({count}) to {out}.\n',
    ru: 'Список порталов ({count}) записан в {out}.\n'
  },
  'add the portals of a': {
    en: 'add the portals of a list made by "portal export" (each then needs its credentials)',
    ru: 'добавить порталы из списка "portal export" (затем каждому нужны учётные данные)'
  },
  'portals whose name is already': {
    en: 'Portals whose name is already taken are skipped. Imported portals have no credentials: give them with "b24desk portal credentials NAME ...", or in the app (the portal\'s Edit…).\n',
    ru: 'Порталы с уже занятыми именами пропускаются. У импортированных порталов нет учётных данных: задайте их командой "b24desk portal credentials ИМЯ ..." или в приложении (Изменить… у портала).\n'
  },
  'give the file to import': {
    en: 'give the file to import, or - for standard input',
    ru: 'укажите файл для импорта или - для стандартного ввода'
  },
  'cannot read file': {
    en: 'cannot read {file}',
    ru: 'не удаётся прочитать {file}'
  },
  'nothing imported every portal in': {
    en: 'Nothing imported: every portal in the list is already here (by name).\n',
    ru: 'Ничего не импортировано: все порталы списка уже есть (по имени).\n'
  },
  imported: {
    en: {
      one: 'Imported {count} portal: {names}.\nIt has no credentials yet: give them with "b24desk portal credentials NAME --webhook -" (or in the app) before its work can be sent.\n',
      other:
        'Imported {count} portals: {names}.\nThey have no credentials yet: give them with "b24desk portal credentials NAME --webhook -" (or in the app) before their work can be sent.\n'
    },
    ru: {
      one: 'Импортирован {count} портал: {names}.\nУ него ещё нет учётных данных: задайте их командой "b24desk portal credentials ИМЯ --webhook -" (или в приложении), иначе его задания не отправятся.\n',
      few: 'Импортировано {count} портала: {names}.\nУ них ещё нет учётных данных: задайте их командой "b24desk portal credentials ИМЯ --webhook -" (или в приложении), иначе их задания не отправятся.\n',
      many: 'Импортировано {count} порталов: {names}.\nУ них ещё нет учётных данных: задайте их командой "b24desk portal credentials ИМЯ --webhook -" (или в приложении), иначе их задания не отправятся.\n',
      other:
        'Импортировано {count} портала: {names}.\nУ них ещё нет учётных данных: задайте их командой "b24desk portal credentials ИМЯ --webhook -" (или в приложении), иначе их задания не отправятся.\n'
    }
  },
  'check new credentials for a': {
    en: 'check new credentials for a portal and store them (after an import, a revoked webhook or a new app)',
    ru: 'проверить и сохранить новые учётные данные портала (после импорта, отзыва вебхука, нового приложения)'
  },
  'stored new credentials for name': {
    en: 'Stored new credentials for “{name}” ({host}): {state}.\n',
    ru: 'Новые учётные данные для «{name}» ({host}) сохранены: {state}.\n'
  },
  'max in flight must be': {
    en: '--max-in-flight must be a whole number from 1 to {max}',
    ru: '--max-in-flight: нужно целое число от 1 до {max}'
  },
  administrator: {
    en: ', administrator',
    ru: ', администратор'
  },
  and: {
    en: ' and ',
    ru: ' и '
  },
  'ca help': {
    en:
      "--ca FILE is the PEM certificate of the CA that signed the portal's certificate; it is trusted for this\n" +
      "portal's host only, and its subject and SHA-256 fingerprint are printed before anything is saved.\n",
    ru:
      '--ca ФАЙЛ — сертификат PEM центра, подписавшего сертификат портала; ему доверяют только для адреса\n' +
      'этого портала, а его владелец и отпечаток SHA-256 печатаются до сохранения.\n'
  },
  'max in flight help': {
    en:
      '--max-in-flight: at most N batch requests of the outbox on this portal at once (1 to {max};\n' +
      'default {default}). The outbox starts with one and adds more while the portal answers as fast; it goes\n' +
      'back down at once when the portal shows overload (HTTP 5xx, error pages, time-outs). 1 sends one request\n' +
      'at a time. Lower it for a portal that struggles under parallel publication; "b24desk queue" shows\n' +
      'what the outbox uses now and why it last went down.\n',
    ru:
      '--max-in-flight: не больше N пакетных запросов очереди к этому порталу одновременно (от 1 до {max};\n' +
      'по умолчанию {default}). Очередь начинает с одного и добавляет, пока портал отвечает так же быстро;\n' +
      'при признаках перегрузки (HTTP 5xx, страницы ошибок, тайм-ауты) сразу снижает. 1 — по одному запросу.\n' +
      'Уменьшите для портала, которому тяжело при параллельной публикации; "b24desk queue" покажет,\n' +
      'сколько очередь использует сейчас и почему снизила в последний раз.\n'
  }
})
