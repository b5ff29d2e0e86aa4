import { defineTable } from '../i18n'

/** Texts of snapshot.ts, in both languages. */
export const sh = defineTable('snapshot-help', {
  'record what is live on': {
    en: 'record what is live on portals (sites, pages, folders, document links); prints the snapshot id',
    ru: 'записать, что опубликовано на порталах (сайты, страницы, папки, ссылки документов); печатает номер снимка'
  },
  'reads fresh listings of each': {
    en: 'Reads fresh listings of each portal (they also refresh the cached catalog). With --site (one portal only),\nonly those sites with their pages and folders are recorded, and no documents.\n',
    ru: 'Читает свежие списки каждого портала (они же обновляют сохранённый каталог). С --site (только один портал)\nзаписываются лишь эти сайты с их страницами и папками, без документов.\n'
  },
  'list snapshots newest first with': {
    en: 'list snapshots, newest first, with what they recorded and maintenance windows',
    ru: 'список снимков, новые первыми: что записано и технические окна'
  },
  'compare a snapshot with the': {
    en: 'compare a snapshot with the portals now: what went offline, what went live, what is gone',
    ru: 'сравнить снимок с порталами сейчас: что снято, что опубликовано, чего больше нет'
  },
  'queue one job that puts': {
    en: 'queue one job that puts back what differs from a snapshot; prints the job id',
    ru: 'поставить в очередь одно задание, возвращающее то, что отличается от снимка; печатает номер задания'
  },
  'only the differences are queued': {
    en: 'Only the differences are queued, ordered so the portal ends as recorded (sites before their pages,\npages before folders, deeper folders first, site unpublications last). --at starts it at TIME (ISO 8601,\nor YYYY-MM-DD HH:MM in local time). --dry-run prints the operations and what the portal may also change,\nand queues nothing. When the job is done its read-back says whether the portal matches ("b24desk job ID").\n',
    ru: 'В очередь встают только отличия, в таком порядке, чтобы портал пришёл к записанному (сайты до своих страниц,\nстраницы до папок, вложенные папки первыми, снятие сайтов последним). --at запускает в указанное время\n(ISO 8601 или ГГГГ-ММ-ДД ЧЧ:ММ по местному времени). --dry-run печатает операции и то, что портал может\nизменить попутно, ничего не ставя в очередь. После задания перечитывание портала скажет, совпадает ли он\nсо снимком ("b24desk job ID").\n'
  },
  'take sites offline for maintenance': {
    en: 'take sites offline for maintenance: a snapshot plus an unpublish job; prints the snapshot and job ids',
    ru: 'закрыть сайты на техническое окно: снимок и задание снятия с публикации; печатает номера снимка и задания'
  },
  'records what is live a': {
    en: 'Records what is live (a snapshot), then queues one job that unpublishes the live sites (the chosen ones,\nor all of the portals). --until TIME (ISO 8601, or YYYY-MM-DD HH:MM in local time) also queues the end: a\nrestore of the snapshot scheduled at TIME. Prints "SNAPSHOT_ID JOB_ID" (and END_JOB_ID with --until).\n--dry-run lists the sites that would go offline and records nothing.\n',
    ru: 'Записывает, что опубликовано (снимок), и ставит в очередь одно задание, снимающее опубликованные сайты\n(выбранные или все сайты порталов). --until ВРЕМЯ (ISO 8601 или ГГГГ-ММ-ДД ЧЧ:ММ по местному времени) ставит\nи окончание: восстановление снимка в это время. Печатает "СНИМОК ЗАДАНИЕ" (и ЗАДАНИЕ_ОКОНЧАНИЯ с --until).\n--dry-run показывает сайты, которые будут сняты, ничего не записывая.\n'
  },
  'end a maintenance window now': {
    en: 'end a maintenance window now: restore its snapshot; prints the job id',
    ru: 'завершить техническое окно сейчас: восстановить его снимок; печатает номер задания'
  },
  'cancels a scheduled end and': {
    en: 'Cancels a scheduled end and what of the unpublish job has not been sent, then queues the differences\nfrom the snapshot. --dry-run prints them and queues nothing.\n',
    ru: 'Отменяет запланированное окончание и неотправленную часть задания снятия, затем ставит в очередь отличия\nот снимка. --dry-run печатает их, ничего не ставя в очередь.\n'
  }
})
