import { defineTable } from '../i18n'

/** What the snapshot and maintenance commands say (commands/snapshot.ts). */
export const snapshotTexts = defineTable('snapshot-texts', {
  giveId: {
    en: 'give one snapshot ID (see: b24desk snapshot list)',
    ru: 'укажите один номер снимка (см. b24desk snapshot list)'
  },
  notAnId: {
    en: '"{word}" is not an ID (a positive whole number)',
    ru: '«{word}» — не номер (нужно целое положительное число)'
  },
  needPortal: { en: '--portal is required', ru: 'нужен --portal' },
  sitesOnePortal: {
    en: '--site needs exactly one --portal (sites are numbered per portal)',
    ru: '--site требует ровно одного --portal (у каждого портала своя нумерация сайтов)'
  },
  format: { en: '--format must be csv or json', ru: '--format должен быть csv или json' },
  taken: {
    en: 'Snapshot {id} “{name}”: {sites} sites, {pages} pages, {folders} folders, {documents} documents; {live} live.',
    ru: 'Снимок {id} «{name}»: сайтов {sites}, страниц {pages}, папок {folders}, документов {documents}; опубликовано {live}.'
  },
  noSnapshots: { en: 'No snapshots yet.\n', ru: 'Снимков пока нет.\n' },
  whole: { en: 'whole', ru: 'целиком' },
  sitesCount: {
    en: { one: '{count} site', other: '{count} sites' },
    ru: { one: '{count} сайт', few: '{count} сайта', many: '{count} сайтов', other: '{count} сайта' }
  },
  maintActive: { en: 'offline', ru: 'закрыто' },
  maintUntil: { en: 'offline until {when}', ru: 'закрыто до {when}' },
  maintEnded: { en: 'ended', ru: 'завершено' },
  diffHead: {
    en: 'Portal “{portal}”: {offline} went offline, {live} went live, {gone} gone since {when}',
    ru: 'Портал «{portal}»: снято {offline}, опубликовано {live}, удалено {gone} с {when}'
  },
  unchanged: { en: 'Nothing changed since the snapshot.\n', ru: 'Со времени снимка ничего не изменилось.\n' },
  offlineWord: { en: 'went offline', ru: 'снято' },
  liveWord: { en: 'went live', ru: 'опубликовано' },
  goneWord: { en: 'gone', ru: 'удалено' },
  queued: {
    en: {
      one: 'Queued job {id}: {count} operation. The desktop app or "b24desk run" sends it.',
      other: 'Queued job {id}: {count} operations. The desktop app or "b24desk run" sends them.'
    },
    ru: {
      one: 'Задание {id} поставлено в очередь: {count} операция. Её отправит приложение или "b24desk run".',
      few: 'Задание {id} поставлено в очередь: {count} операции. Их отправит приложение или "b24desk run".',
      many: 'Задание {id} поставлено в очередь: {count} операций. Их отправит приложение или "b24desk run".',
      other: 'Задание {id} поставлено в очередь: {count} операции. Их отправит приложение или "b24desk run".'
    }
  },
  queuedAt: {
    en: {
      one: 'Queued job {id}: {count} operation, to start at {when} (in {left}). The desktop app or "b24desk run" sends it then.',
      other:
        'Queued job {id}: {count} operations, to start at {when} (in {left}). The desktop app or "b24desk run" sends them then.'
    },
    ru: {
      one: 'Задание {id} поставлено в очередь: {count} операция, начнётся {when} (через {left}). Её отправит приложение или "b24desk run".',
      few: 'Задание {id} поставлено в очередь: {count} операции, начнётся {when} (через {left}). Их отправит приложение или "b24desk run".',
      many: 'Задание {id} поставлено в очередь: {count} операций, начнётся {when} (через {left}). Их отправит приложение или "b24desk run".',
      other:
        'Задание {id} поставлено в очередь: {count} операции, начнётся {when} (через {left}). Их отправит приложение или "b24desk run".'
    }
  },
  planHead: {
    en: {
      one: '{count} operation would be queued, in this order:',
      other: '{count} operations would be queued, in this order:'
    },
    ru: {
      one: 'В очередь встала бы {count} операция, в таком порядке:',
      few: 'В очередь встали бы {count} операции, в таком порядке:',
      many: 'В очередь встали бы {count} операций, в таком порядке:',
      other: 'В очередь встали бы {count} операции, в таком порядке:'
    }
  },
  effectsHead: { en: 'The portal may also change:', ru: 'Портал может изменить и другое:' },
  deleted: { en: 'Deleted snapshot {id}.', ru: 'Снимок {id} удалён.' },
  maintStarted: {
    en: {
      one: 'Snapshot {snapshot} taken; job {job} takes {count} site offline.',
      other: 'Snapshot {snapshot} taken; job {job} takes {count} sites offline.'
    },
    ru: {
      one: 'Снимок {snapshot} сделан; задание {job} снимает с публикации {count} сайт.',
      few: 'Снимок {snapshot} сделан; задание {job} снимает с публикации {count} сайта.',
      many: 'Снимок {snapshot} сделан; задание {job} снимает с публикации {count} сайтов.',
      other: 'Снимок {snapshot} сделан; задание {job} снимает с публикации {count} сайта.'
    }
  },
  maintEnd: {
    en: 'Job {job} puts everything back at {when} (in {left}); "b24desk maintenance end {snapshot}" ends it earlier.',
    ru: 'Задание {job} вернёт всё {when} (через {left}); "b24desk maintenance end {snapshot}" завершит окно раньше.'
  },
  maintNoEnd: {
    en: 'End it with "b24desk maintenance end {snapshot}".',
    ru: 'Завершите окно командой "b24desk maintenance end {snapshot}".'
  },
  wouldUnpublish: {
    en: {
      one: '{count} live site would be taken offline:',
      other: '{count} live sites would be taken offline:'
    },
    ru: {
      one: 'С публикации был бы снят {count} сайт:',
      few: 'С публикации были бы сняты {count} сайта:',
      many: 'С публикации были бы сняты {count} сайтов:',
      other: 'С публикации были бы сняты {count} сайта:'
    }
  }
})

/** Their tables' column headers. */
export const snapshotHeaders = defineTable('snapshot-headers', {
  id: { en: 'ID', ru: 'ID' },
  name: { en: 'NAME', ru: 'НАЗВАНИЕ' },
  taken: { en: 'TAKEN', ru: 'СДЕЛАН' },
  portals: { en: 'PORTALS', ru: 'ПОРТАЛЫ' },
  scope: { en: 'SCOPE', ru: 'ОХВАТ' },
  sites: { en: 'SITES', ru: 'САЙТЫ' },
  pages: { en: 'PAGES', ru: 'СТРАНИЦЫ' },
  folders: { en: 'FOLDERS', ru: 'ПАПКИ' },
  documents: { en: 'DOCS', ru: 'ДОКУМЕНТЫ' },
  live: { en: 'LIVE', ru: 'ОПУБЛ.' },
  maintenance: { en: 'MAINTENANCE', ru: 'ТЕХ. ОКНО' },
  kind: { en: 'KIND', ru: 'ТИП' },
  title: { en: 'TITLE', ru: 'НАЗВАНИЕ' },
  change: { en: 'CHANGE', ru: 'ИЗМЕНЕНИЕ' },
  portal: { en: 'PORTAL', ru: 'ПОРТАЛ' },
  action: { en: 'ACTION', ru: 'ДЕЙСТВИЕ' },
  n: { en: '#', ru: '№' }
})

/** Kinds and actions as the restore plan names them. */
export const snapshotKinds = defineTable('snapshot-kinds', {
  site: { en: 'site', ru: 'сайт' },
  page: { en: 'page', ru: 'страница' },
  folder: { en: 'folder', ru: 'папка' },
  document: { en: 'document', ru: 'документ' }
})
export const snapshotActions = defineTable('snapshot-actions', {
  publish: { en: 'publish', ru: 'опубликовать' },
  unpublish: { en: 'unpublish', ru: 'снять' },
  'link-on': { en: 'link on', ru: 'включить ссылку' },
  'link-off': { en: 'link off', ru: 'выключить ссылку' }
})
