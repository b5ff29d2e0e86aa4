import { defineMessages } from '../i18n'

export const runText = defineMessages(
  'run',
  {
    summary: 'send what is queued, in the foreground, until the outbox is empty or --wait runs out',
    usage: '[--wait SECONDS]',
    details:
      '--wait SECONDS: the longest run takes. Whatever the portals do (answering errors, not answering at all),\n' +
      'run stops sending by then and returns within a few seconds more; requests still in flight are sent\n' +
      'again later. Without --wait, run goes on while the outbox makes progress and gives up after 60 seconds\n' +
      'in which nothing changed. A progress line is printed on standard error when something changes.\n' +
      'Exit status: 0 when the outbox is empty and every operation this run worked on succeeded (or was\n' +
      'superseded or cancelled); {cannot} when what is left was not done in time (a portal unreachable, refusing the\n' +
      'credentials, paused, failing, or another process draining); {failed} when the outbox is empty but some\n' +
      'operations failed or the portal reports otherwise (see them with "b24desk job ID --failed", queue them\n' +
      'again with "b24desk job ID --retry-failed"); 1 on other errors. Jobs scheduled to start later than\n' +
      '--wait are left waiting (run says when they start).\n',
    progress: '{done} done, {failed} failed, {mismatch} reported otherwise, {left} left',
    'lane left': '{portal}: {state}, {left} left',
    'other process': ' (process {pid} is draining; waiting)',
    'no lock': ' (waiting for the runner lock)',
    drained: 'Outbox empty: {done} done, {failed} failed, {mismatch} reported otherwise.\n',
    'see failures': 'See why with: {commands}. Queue them again with: {retry}',
    'not done': {
      one: '{count} operation was not done within {seconds} s: {why}',
      other: '{count} operations were not done within {seconds} s: {why}'
    },
    stalled: {
      one: '{count} operation made no progress for {seconds} s: {why}',
      other: '{count} operations made no progress for {seconds} s: {why}'
    },
    'another process': 'another process (pid {pid}) drains the outbox',
    'lock unavailable': 'could not take the runner lock',
    'jobs paused': 'the remaining jobs are paused',
    'still sending': 'still sending'
  },
  {
    summary: 'отправить то, что в очереди, не уходя в фон, пока очередь не опустеет или не истечёт --wait',
    usage: '[--wait СЕКУНДЫ]',
    details:
      '--wait СЕКУНДЫ: дольше этого run не работает. Что бы ни делали порталы (отвечали ошибками или не отвечали\n' +
      'вовсе), к этому времени run прекращает отправку и завершается не более чем через несколько секунд; запросы,\n' +
      'оставшиеся в пути, будут отправлены позже. Без --wait run работает, пока очередь продвигается, и сдаётся после\n' +
      '60 секунд, за которые ничего не изменилось. Строка хода работы печатается в stderr, когда что-то меняется.\n' +
      'Код выхода: 0, когда очередь пуста и все операции этого запуска выполнены (или заменены, или отменены);\n' +
      '{cannot}, когда оставшееся не выполнено вовремя (портал недоступен, отвергает учётные данные, приостановлен,\n' +
      'отвечает ошибками, или очередь отправляет другой процесс); {failed}, когда очередь пуста, но часть операций\n' +
      'не удалась или портал сообщает иное (см. "b24desk job ID --failed", повторить — "b24desk job ID --retry-failed");\n' +
      '1 при других ошибках. Задания, которые начнутся позже, чем через --wait, остаются ждать (run сообщает, когда\n' +
      'они начнутся).\n',
    progress: 'выполнено {done}, ошибок {failed}, портал сообщает иное {mismatch}, осталось {left}',
    'lane left': '{portal}: {state}, осталось {left}',
    'other process': ' (очередь отправляет процесс {pid}; жду)',
    'no lock': ' (жду блокировку отправки)',
    drained: 'Очередь пуста: выполнено {done}, ошибок {failed}, портал сообщает иное {mismatch}.\n',
    'see failures': 'Причины: {commands}. Повторить: {retry}',
    'not done': {
      one: '{count} операция не выполнена за {seconds} с: {why}',
      few: '{count} операции не выполнены за {seconds} с: {why}',
      many: '{count} операций не выполнено за {seconds} с: {why}',
      other: '{count} операции не выполнены за {seconds} с: {why}'
    },
    stalled: {
      one: '{count} операция не продвинулась за {seconds} с: {why}',
      few: '{count} операции не продвинулись за {seconds} с: {why}',
      many: '{count} операций не продвинулись за {seconds} с: {why}',
      other: '{count} операции не продвинулись за {seconds} с: {why}'
    },
    'another process': 'очередь отправляет другой процесс (pid {pid})',
    'lock unavailable': 'не удалось получить блокировку отправки',
    'jobs paused': 'оставшиеся задания приостановлены',
    'still sending': 'ещё отправляется'
  }
)
