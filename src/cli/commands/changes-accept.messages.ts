// The texts of `b24desk changes accept`, in English and Russian.
import { defineMessages } from '../i18n'

export const changesAcceptText = defineMessages(
  'changes-accept',
  {
    summary: 'accept changes seen: they stay as the portal has them and are no longer new',
    usage: 'ID [ID...]',
    details: 'The ids are those "b24desk changes" lists.\n',
    accepted: {
      one: '{count} change accepted.\n',
      other: '{count} changes accepted.\n'
    }
  },
  {
    summary: 'принять замеченные изменения: они остаются такими, как на портале, и больше не новые',
    usage: 'НОМЕР [НОМЕР...]',
    details: 'Номера те, что показывает "b24desk changes".\n',
    accepted: {
      one: '{count} изменение принято.\n',
      few: '{count} изменения принято.\n',
      many: '{count} изменений принято.\n',
      other: '{count} изменения принято.\n'
    }
  }
)
