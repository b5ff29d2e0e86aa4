import { defineMessages } from '../i18n'

/** What publish, unpublish and link say (commands/publish.ts, commands/link.ts). */
export const enqueueText = defineMessages(
  'enqueue',
  {
    'publish summary': 'queue publication of sites, pages or folders; prints the job id',
    'unpublish summary': 'queue unpublication of sites, pages or folders; prints the job id',
    'landing details':
      "Without --scope, each target goes in the landing scope the cached catalog knows for it (a site's own, a page's or\n" +
      "folder's site's); targets not in the cache get the default scope, with a warning. Fill the cache with\n" +
      '"b24desk sites|pages|folders --portal NAME". Each operation is labelled with the title the catalog knows.\n' +
      '--at TIME starts the job at TIME (ISO 8601 with offset, or YYYY-MM-DD HH:MM in local time) instead of now.\n',
    'link summary': 'queue switching public links of CRM documents on or off; prints the job id',
    'link details':
      'Each operation is labelled with the document title the catalog knows ("b24desk docs --portal NAME" fills it).\n' +
      '--at TIME starts the job at TIME (ISO 8601 with offset, or YYYY-MM-DD HH:MM in local time) instead of now.\n',
    'say kind': 'say what to act on: site, page or folder',
    'say link mode': 'say "link on" or "link off"',
    'bad scope':
      '--scope must be default, KNOWLEDGE, GROUP or MAINPAGE (or left out to take it from the cached catalog)',
    queued: {
      one: 'Queued job {id}: {count} operation. The desktop app or "b24desk run" sends it.',
      other: 'Queued job {id}: {count} operations. The desktop app or "b24desk run" sends them.'
    }
  },
  {
    'publish summary': 'поставить в очередь публикацию сайтов, страниц или папок; печатает номер задания',
    'unpublish summary':
      'поставить в очередь снятие с публикации сайтов, страниц или папок; печатает номер задания',
    'landing details':
      'Без --scope каждый объект отправляется в области, которую знает сохранённый каталог (у сайта своя, у страницы\n' +
      'и папки — их сайта); объекты, которых нет в каталоге, получают обычную область, с предупреждением. Заполните\n' +
      'каталог командой "b24desk sites|pages|folders --portal ИМЯ". Каждая операция подписана названием из каталога.\n' +
      '--at ВРЕМЯ запускает задание в это время (ISO 8601 со смещением или ГГГГ-ММ-ДД ЧЧ:ММ по местному времени), а не сейчас.\n',
    'link summary':
      'поставить в очередь включение или выключение публичных ссылок документов CRM; печатает номер задания',
    'link details':
      'Каждая операция подписана названием документа из каталога (его заполняет "b24desk docs --portal ИМЯ").\n' +
      '--at ВРЕМЯ запускает задание в это время (ISO 8601 со смещением или ГГГГ-ММ-ДД ЧЧ:ММ по местному времени), а не сейчас.\n',
    'say kind': 'укажите, с чем работать: site, page или folder',
    'say link mode': 'укажите "link on" или "link off"',
    'bad scope':
      '--scope: допустимы default, KNOWLEDGE, GROUP или MAINPAGE (или не указывайте, чтобы взять из каталога)',
    queued: {
      one: 'Задание {id} поставлено в очередь: {count} операция. Её отправит приложение или "b24desk run".',
      few: 'Задание {id} поставлено в очередь: {count} операции. Их отправит приложение или "b24desk run".',
      many: 'Задание {id} поставлено в очередь: {count} операций. Их отправит приложение или "b24desk run".',
      other: 'Задание {id} поставлено в очередь: {count} операции. Их отправит приложение или "b24desk run".'
    }
  }
)
