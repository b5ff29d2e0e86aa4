import { defineMessages } from '../i18n'

export const jobText = defineMessages(
  'job',
  {
    summary:
      'show each operation of a job with its outcome and reason, export it, retry, reschedule or cancel',
    details:
      '--failed shows only the operations that failed or that the portal reports otherwise (after each change\n' +
      'B24 Desk reads the portal back; an operation whose read-back disagrees is "reported otherwise", with what\n' +
      'the portal reports). Also lists what else changed on the portal beyond the job, as read back (for example\n' +
      'inactive pages a site publication published too). --export writes the report (the same CSV or JSON the\n' +
      'app exports; with --failed, only those operations) to standard output, or to FILE with --out FILE.\n' +
      '--retry-failed queues the failed and reported-otherwise operations again (not those a newer request\n' +
      'for the same object replaced). --reschedule TIME gives a job that has not started a new start time\n' +
      '(ISO 8601, or YYYY-MM-DD HH:MM in local time; "now" starts it at once). --cancel cancels what of the\n' +
      'job has not been sent.\n',
    'one job': 'give one job ID (see: b24desk jobs)',
    'one action': 'give one of --retry-failed, --reschedule and --cancel',
    'bad export': '--export must be csv or json',
    'out needs export': '--out goes with --export',
    head: 'Job {id} ({state}): {title}\n',
    counts:
      '{done} done, {failed} failed, {mismatch} reported otherwise, {superseded} superseded, {cancelled} cancelled, {left} left of {total}\n\n',
    'also changed': '\nAlso changed on the portal (read back; not in this job):\n',
    'no failed': 'No failed operations.\n',
    'no operations': 'No operations.\n',
    'link on': 'link on',
    'link off': 'link off',
    published: 'published',
    'not published': 'not published',
    retried: {
      one: 'Job {id}: {count} operation queued again. The desktop app or "b24desk run" sends it.',
      other: 'Job {id}: {count} operations queued again. The desktop app or "b24desk run" sends them.'
    },
    'nothing to retry':
      'Job {id}: nothing to retry (no failed or reported-otherwise operation that a newer request has not replaced).'
  },
  {
    summary: 'показать операции задания с итогом и причиной, выгрузить, повторить, перенести или отменить',
    details:
      '--failed показывает только операции с ошибкой или те, о которых портал сообщает иное (после каждого\n' +
      'изменения B24 Desk перечитывает портал; операция, с которой прочитанное не сходится, получает "портал сообщает\n' +
      'иное" с тем, что сообщает портал). Показывает и то, что ещё изменилось на портале помимо задания (например,\n' +
      'неактивные страницы, которые опубликовала публикация сайта). --export выводит отчёт (тот же CSV или JSON, что\n' +
      'выгружает приложение; с --failed — только эти операции) на стандартный вывод или в ФАЙЛ с --out ФАЙЛ.\n' +
      '--retry-failed снова ставит в очередь операции с ошибкой и те, о которых портал сообщает иное (кроме\n' +
      'заменённых более новым запросом). --reschedule ВРЕМЯ задаёт неначатому заданию новое время запуска (ISO 8601\n' +
      'или ГГГГ-ММ-ДД ЧЧ:ММ по местному времени; "now" — сразу). --cancel отменяет то, что из задания ещё не\n' +
      'отправлено.\n',
    'one job': 'укажите один номер задания (см. b24desk jobs)',
    'one action': 'укажите что-то одно: --retry-failed, --reschedule или --cancel',
    'bad export': '--export: допустимы csv или json',
    'out needs export': '--out указывается вместе с --export',
    head: 'Задание {id} ({state}): {title}\n',
    counts:
      'выполнено {done}, ошибок {failed}, портал сообщает иное {mismatch}, заменено {superseded}, отменено {cancelled}, осталось {left} из {total}\n\n',
    'also changed': '\nЕщё изменилось на портале (по перечитанному; не в этом задании):\n',
    'no failed': 'Операций с ошибкой нет.\n',
    'no operations': 'Операций нет.\n',
    'link on': 'ссылка включена',
    'link off': 'ссылка выключена',
    published: 'опубликовано',
    'not published': 'не опубликовано',
    retried: {
      one: 'Задание {id}: {count} операция снова в очереди. Её отправит приложение или "b24desk run".',
      few: 'Задание {id}: {count} операции снова в очереди. Их отправит приложение или "b24desk run".',
      many: 'Задание {id}: {count} операций снова в очереди. Их отправит приложение или "b24desk run".',
      other: 'Задание {id}: {count} операции снова в очереди. Их отправит приложение или "b24desk run".'
    },
    'nothing to retry':
      'Задание {id}: повторять нечего (нет операций с ошибкой или с расхождением, не заменённых более новым запросом).'
  }
)
