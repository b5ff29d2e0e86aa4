import type { Localized } from '../app/language'

/** What the snapshot service says to people, in both languages. */
export const messages = {
  readFailed: {
    en: 'Portal “{portal}” could not be read ({reason}); nothing was recorded. Try again when it answers.',
    ru: 'Портал «{portal}» не удалось прочитать ({reason}); ничего не записано. Повторите, когда он будет отвечать.'
  },
  notFound: {
    en: 'There is no snapshot {id} (it may have been deleted).',
    ru: 'Снимка {id} нет (возможно, он удалён).'
  },
  unknownPortal: {
    en: 'There is no portal {portal} in B24 Desk (it may have been removed).',
    ru: 'Портала {portal} нет в B24 Desk (возможно, он удалён).'
  },
  portalNotInSnapshot: {
    en: 'Snapshot {id} does not include portal “{portal}”.',
    ru: 'Снимок {id} не включает портал «{portal}».'
  },
  snapshotOfOtherPortal: {
    en: 'Snapshot {id} was taken of “{portal}” as {then}; the portal now answers as {now}, a different portal. Nothing is restored.',
    ru: 'Снимок {id} снят с портала «{portal}», когда он был {then}; теперь портал отвечает как {now}, это другой портал. Ничего не восстанавливается.'
  },
  siteNotInSnapshot: {
    en: 'Snapshot {id} does not include site {site} of portal “{portal}”.',
    ru: 'Снимок {id} не включает сайт {site} портала «{portal}».'
  },
  siteNotInPortals: {
    en: 'Site {site} is on portal “{portal}”, which is not among the chosen portals.',
    ru: 'Сайт {site} относится к порталу «{portal}», которого нет среди выбранных порталов.'
  },
  nothingToRestore: {
    en: 'The portal already matches snapshot {id}: there is nothing to restore.',
    ru: 'Портал уже совпадает со снимком {id}: восстанавливать нечего.'
  },
  nothingToTakeOffline: {
    en: 'Nothing in the chosen sites is live: there is nothing to take offline.',
    ru: 'В выбранных сайтах ничего не опубликовано: снимать нечего.'
  },
  notMaintenance: {
    en: 'Snapshot {id} was not taken for a maintenance window.',
    ru: 'Снимок {id} сделан не для технического окна.'
  },
  maintenanceOver: {
    en: 'The maintenance window of snapshot {id} has already ended (job {job}).',
    ru: 'Техническое окно снимка {id} уже завершено (задание {job}).'
  },
  alreadyInMaintenance: {
    en: 'Portal “{portal}” is already offline for maintenance (snapshot {id}); end that window first.',
    ru: 'Портал «{portal}» уже закрыт на техническое окно (снимок {id}); сначала завершите его.'
  },
  untilInPast: {
    en: 'The end of the window ({until}) is not in the future.',
    ru: 'Конец окна ({until}) не в будущем.'
  },
  notARestore: {
    en: 'Job {id} is not a snapshot restore.',
    ru: 'Задание {id} — не восстановление снимка.'
  },
  defaultName: { en: 'Snapshot of {portals}', ru: 'Снимок: {portals}' },
  maintenanceName: { en: 'Before maintenance of {portals}', ru: 'До технического окна: {portals}' },
  restoreTitle: { en: 'Restore snapshot {id} “{name}”', ru: 'Восстановление снимка {id} «{name}»' },
  maintenanceStartTitle: {
    en: 'Maintenance: take {portals} offline',
    ru: 'Техническое окно: снять с публикации {portals}'
  },
  maintenanceEndTitle: {
    en: 'Maintenance over: put back snapshot {id}',
    ru: 'Конец технического окна: вернуть снимок {id}'
  },
  effectSitePublication: {
    en: 'Publishing a site may also publish its unpublished pages (the portal’s own code does): {count} page(s) not live in the snapshot are unpublished right after.',
    ru: 'Публикация сайта может опубликовать и его неопубликованные страницы (так делает код портала): {count} стр., не опубликованных в снимке, снимаются с публикации сразу после неё.'
  },
  effectPagePublication: {
    en: 'Publishing a page also publishes its folders and its site: {count} folder(s) or site(s) are set back to the snapshot’s state afterwards.',
    ru: 'Публикация страницы публикует и её папки, и сайт: {count} папок или сайтов затем возвращаются к состоянию снимка.'
  },
  effectFolderChain: {
    en: 'Unpublishing a folder also takes its parent folders offline: {count} parent folder(s) live in the snapshot are published again after it.',
    ru: 'Снятие папки с публикации снимает и её родительские папки: {count} родительских папок, опубликованных в снимке, публикуются снова после этого.'
  },
  effectSiteUnpublication: {
    en: 'Unpublishing a site may take its pages and folders offline: {count} page(s) or folder(s) live in the snapshot under a site that was not live may stay offline.',
    ru: 'Снятие сайта с публикации может снять его страницы и папки: {count} страниц или папок, опубликованных в снимке на неопубликованном сайте, могут остаться снятыми.'
  },
  effectNewLinks: {
    en: 'Switching a document’s public link on makes a new link: {count} document(s) get a new public address, not the one they had.',
    ru: 'Включение публичной ссылки документа создаёт новую ссылку: у {count} документов будет новый публичный адрес, а не прежний.'
  },
  effectDrafts: {
    en: '{count} page(s) edited since their publication go live with their edits: {names}.',
    ru: 'Страницы, изменённые после публикации ({count}), будут опубликованы вместе с правками: {names}.'
  },
  effectSiteForAMoment: {
    en: '{count} site(s) offline in the snapshot come online for a moment: publishing their pages activates them, and they are unpublished right after.',
    ru: 'Сайты, не опубликованные в снимке ({count}), ненадолго станут опубликованными: публикация их страниц включает сайт, и сразу после этого он снимается с публикации.'
  },
  effectGone: {
    en: '{count} object(s) of the snapshot are no longer on the portal and cannot be put back.',
    ru: '{count} объектов снимка больше нет на портале; вернуть их нельзя.'
  }
} satisfies Record<string, Localized>
