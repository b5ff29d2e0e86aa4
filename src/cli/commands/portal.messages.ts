import { defineMessages } from '../i18n'

/** Texts of `portal set` and `portal remove` (the other portal commands still carry theirs inline). */
export const portalText = defineMessages(
  'portal',
  {
    'set summary': 'change a portal: its name, tags, colour, notes, plan limits, requests in flight, CA',
    'set nothing':
      'say what to change: --name, --tags, --color, --notes, --max-in-flight, --limits and/or --ca',
    'set done': {
      one: '“{name}”: at most {count} request in flight, {limits} limits.\n',
      other: '“{name}”: at most {count} requests in flight, {limits} limits.\n'
    },
    'set ca':
      '--tags a,b replaces the tags ("" clears them); --color #rrggbb sets the colour ("none" clears it); --notes TEXT\n' +
      "replaces the notes. --ca FILE trusts another CA for the portal's host with the stored secret (its subject\n" +
      'and SHA-256 fingerprint are printed first); "none" goes back to the system\'s certificates. The portal must\n' +
      'answer over TLS with it, or nothing changes.\n',
    'ca to trust': "CA to trust for this portal's host only:\n",
    'ca done': '“{name}” now trusts this CA for {host}; the portal answered with it.\n',
    'ca none done':
      "“{name}” now trusts the system's certificates for {host}; the portal answered with them.\n",
    'remove summary':
      'remove the portal, its stored secret and its cached listings (asks first if work is queued)',
    'remove details':
      'Work queued or scheduled for the portal is cancelled with it: remove says how much and asks first, or\n' +
      'needs --yes where there is no terminal to ask on (a script).\n',
    'remove question': {
      one: 'Removing “{name}” cancels {count} queued or scheduled operation. Remove it?',
      other: 'Removing “{name}” cancels {count} queued or scheduled operations. Remove it?'
    },
    removed: 'Removed portal “{name}”.\n'
  },
  {
    'set summary': 'изменить портал: имя, метки, цвет, заметки, лимиты тарифа, запросы одновременно, CA',
    'set nothing':
      'укажите, что изменить: --name, --tags, --color, --notes, --max-in-flight, --limits и/или --ca',
    'set done': {
      one: '«{name}»: не больше {count} запроса одновременно, лимиты {limits}.\n',
      few: '«{name}»: не больше {count} запросов одновременно, лимиты {limits}.\n',
      many: '«{name}»: не больше {count} запросов одновременно, лимиты {limits}.\n',
      other: '«{name}»: не больше {count} запроса одновременно, лимиты {limits}.\n'
    },
    'set ca':
      '--tags a,b заменяет метки ("" — убрать все); --color #rrggbb задаёт цвет ("none" — убрать); --notes ТЕКСТ\n' +
      'заменяет заметки. --ca ФАЙЛ — доверять другому CA для адреса портала с сохранённым секретом (владелец\n' +
      'и отпечаток SHA-256 печатаются сначала); "none" — вернуться к системным сертификатам. Портал должен\n' +
      'ответить по TLS с ним, иначе ничего не меняется.\n',
    'ca to trust': 'CA, которому доверять только для адреса этого портала:\n',
    'ca done': '«{name}» теперь доверяет этому CA для {host}; портал ответил с ним.\n',
    'ca none done': '«{name}» теперь доверяет системным сертификатам для {host}; портал ответил с ними.\n',
    'remove summary':
      'удалить портал, его сохранённый секрет и сохранённые списки (сначала спросит, если есть работа в очереди)',
    'remove details':
      'Работа, поставленная в очередь или запланированная для портала, отменяется вместе с ним: remove говорит,\n' +
      'сколько, и сначала спрашивает, а без терминала (в скрипте) требует --yes.\n',
    'remove question': {
      one: 'Удаление «{name}» отменит {count} операцию в очереди или по расписанию. Удалить?',
      few: 'Удаление «{name}» отменит {count} операции в очереди или по расписанию. Удалить?',
      many: 'Удаление «{name}» отменит {count} операций в очереди или по расписанию. Удалить?',
      other: 'Удаление «{name}» отменит {count} операции в очереди или по расписанию. Удалить?'
    },
    removed: 'Портал «{name}» удалён.\n'
  }
)
