import { registerTexts } from '../app/language'

/** What the snapshot service says to people, in both languages. */
export const messages = registerTexts('snapshots', {
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
    en: {
      one: 'Publishing a site may also publish its unpublished pages (the portal’s own code does): {count} page not live in the snapshot is unpublished right after.',
      other:
        'Publishing a site may also publish its unpublished pages (the portal’s own code does): {count} pages not live in the snapshot are unpublished right after.'
    },
    ru: {
      one: 'Публикация сайта может опубликовать и его неопубликованные страницы (так делает код портала): {count} страница, не опубликованная в снимке, снимается с публикации сразу после неё.',
      few: 'Публикация сайта может опубликовать и его неопубликованные страницы (так делает код портала): {count} страницы, не опубликованные в снимке, снимаются с публикации сразу после неё.',
      many: 'Публикация сайта может опубликовать и его неопубликованные страницы (так делает код портала): {count} страниц, не опубликованных в снимке, снимаются с публикации сразу после неё.',
      other:
        'Публикация сайта может опубликовать и его неопубликованные страницы (так делает код портала): {count} страницы, не опубликованные в снимке, снимаются с публикации сразу после неё.'
    }
  },
  effectPagePublication: {
    en: {
      one: 'Publishing a page also publishes its folders and its site: {count} folder or site is set back to the snapshot’s state afterwards.',
      other:
        'Publishing a page also publishes its folders and its site: {count} folders or sites are set back to the snapshot’s state afterwards.'
    },
    ru: {
      one: 'Публикация страницы публикует и её папки, и сайт: {count} объект (папка или сайт) затем возвращается к состоянию снимка.',
      few: 'Публикация страницы публикует и её папки, и сайт: {count} объекта (папки или сайты) затем возвращаются к состоянию снимка.',
      many: 'Публикация страницы публикует и её папки, и сайт: {count} объектов (папок или сайтов) затем возвращаются к состоянию снимка.',
      other:
        'Публикация страницы публикует и её папки, и сайт: {count} объекта (папки или сайты) затем возвращаются к состоянию снимка.'
    }
  },
  effectFolderChain: {
    en: {
      one: 'Unpublishing a folder also takes its parent folders offline: {count} parent folder live in the snapshot is published again after it.',
      other:
        'Unpublishing a folder also takes its parent folders offline: {count} parent folders live in the snapshot are published again after it.'
    },
    ru: {
      one: 'Снятие папки с публикации снимает и её родительские папки: {count} родительская папка, опубликованная в снимке, публикуется снова после этого.',
      few: 'Снятие папки с публикации снимает и её родительские папки: {count} родительские папки, опубликованные в снимке, публикуются снова после этого.',
      many: 'Снятие папки с публикации снимает и её родительские папки: {count} родительских папок, опубликованных в снимке, публикуются снова после этого.',
      other:
        'Снятие папки с публикации снимает и её родительские папки: {count} родительские папки, опубликованные в снимке, публикуются снова после этого.'
    }
  },
  effectSiteUnpublication: {
    en: {
      one: 'Unpublishing a site may take its pages and folders offline: {count} page or folder live in the snapshot under a site that was not live may stay offline.',
      other:
        'Unpublishing a site may take its pages and folders offline: {count} pages or folders live in the snapshot under a site that was not live may stay offline.'
    },
    ru: {
      one: 'Снятие сайта с публикации может снять его страницы и папки: {count} страница или папка, опубликованная в снимке на неопубликованном сайте, может остаться снятой.',
      few: 'Снятие сайта с публикации может снять его страницы и папки: {count} страницы или папки, опубликованные в снимке на неопубликованном сайте, могут остаться снятыми.',
      many: 'Снятие сайта с публикации может снять его страницы и папки: {count} страниц или папок, опубликованных в снимке на неопубликованном сайте, могут остаться снятыми.',
      other:
        'Снятие сайта с публикации может снять его страницы и папки: {count} страницы или папки, опубликованные в снимке на неопубликованном сайте, могут остаться снятыми.'
    }
  },
  effectNewLinks: {
    en: {
      one: 'Switching a document’s public link on makes a new link: {count} document gets a new public address, not the one it had.',
      other:
        'Switching a document’s public link on makes a new link: {count} documents get a new public address, not the one they had.'
    },
    ru: {
      one: 'Включение публичной ссылки документа создаёт новую ссылку: у {count} документа будет новый публичный адрес, а не прежний.',
      few: 'Включение публичной ссылки документа создаёт новую ссылку: у {count} документов будет новый публичный адрес, а не прежний.',
      many: 'Включение публичной ссылки документа создаёт новую ссылку: у {count} документов будет новый публичный адрес, а не прежний.',
      other:
        'Включение публичной ссылки документа создаёт новую ссылку: у {count} документа будет новый публичный адрес, а не прежний.'
    }
  },
  effectDrafts: {
    en: {
      one: '{count} page edited since its publication goes live with its edits: {names}.',
      other: '{count} pages edited since their publication go live with their edits: {names}.'
    },
    ru: {
      one: '{count} страница, изменённая после публикации, будет опубликована вместе с правками: {names}.',
      few: '{count} страницы, изменённые после публикации, будут опубликованы вместе с правками: {names}.',
      many: '{count} страниц, изменённых после публикации, будут опубликованы вместе с правками: {names}.',
      other: '{count} страницы, изменённые после публикации, будут опубликованы вместе с правками: {names}.'
    }
  },
  effectSiteForAMoment: {
    en: {
      one: '{count} site offline in the snapshot comes online for a moment: publishing its pages activates it, and it is unpublished right after.',
      other:
        '{count} sites offline in the snapshot come online for a moment: publishing their pages activates them, and they are unpublished right after.'
    },
    ru: {
      one: '{count} сайт, не опубликованный в снимке, ненадолго станет опубликованным: публикация его страниц включает сайт, и сразу после этого он снимается с публикации.',
      few: '{count} сайта, не опубликованные в снимке, ненадолго станут опубликованными: публикация их страниц включает сайт, и сразу после этого он снимается с публикации.',
      many: '{count} сайтов, не опубликованных в снимке, ненадолго станут опубликованными: публикация их страниц включает сайт, и сразу после этого он снимается с публикации.',
      other:
        '{count} сайта, не опубликованные в снимке, ненадолго станут опубликованными: публикация их страниц включает сайт, и сразу после этого он снимается с публикации.'
    }
  },
  effectGone: {
    en: {
      one: '{count} object of the snapshot is no longer on the portal and cannot be put back.',
      other: '{count} objects of the snapshot are no longer on the portal and cannot be put back.'
    },
    ru: {
      one: '{count} объекта снимка больше нет на портале; вернуть его нельзя.',
      few: '{count} объектов снимка больше нет на портале; вернуть их нельзя.',
      many: '{count} объектов снимка больше нет на портале; вернуть их нельзя.',
      other: '{count} объекта снимка больше нет на портале; вернуть их нельзя.'
    }
  }
})
