import { defineMessages } from '../i18n'

export const queueText = defineMessages(
  'queue',
  {
    summary: 'show the outbox: operations per portal and per job',
    details:
      "A lane with nothing of its own to say shows why its portal may hold it up (HEALTH: the portal's last\n" +
      'known state). IN FLIGHT: requests on the wire / how many the lane allows itself now; it adapts to what\n' +
      'the portal takes, up to the portal\'s ceiling ("b24desk portal set NAME --max-in-flight N"), and the\n' +
      'lines under the table say when and why it last went down. MISMATCH: done, but the portal reports\n' +
      'otherwise. "b24desk jobs" lists older jobs; "b24desk job ID" shows each operation\'s outcome.\n',
    'max in flight': ' (max {n})',
    draining: 'Draining: process {pid} on {host}.\n',
    'nobody drains': 'Nothing is draining the outbox now (start the app or run "b24desk run").\n'
  },
  {
    summary: 'показать очередь: операции по порталам и заданиям',
    details:
      'Очередь портала, которой нечего сказать самой, показывает, что может её задерживать (ДОСТУПНОСТЬ: последнее\n' +
      'известное состояние портала). В ПУТИ: запросы в пути / сколько очередь позволяет себе сейчас; это число\n' +
      'подстраивается под портал, но не выше его предела ("b24desk portal set ИМЯ --max-in-flight N"), а строки\n' +
      'под таблицей говорят, когда и почему оно снижалось. РАСХОЖДЕНИЯ: выполнено, но портал сообщает иное.\n' +
      '"b24desk jobs" — прошлые задания; "b24desk job ID" — итог каждой операции.\n',
    'max in flight': ' (макс. {n})',
    draining: 'Очередь отправляет процесс {pid} на {host}.\n',
    'nobody drains': 'Сейчас очередь никто не отправляет (запустите приложение или "b24desk run").\n'
  }
)
