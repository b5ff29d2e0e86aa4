// The texts of `b24desk changes`, in English and Russian.
import { defineMessages } from '../i18n'

export const changesText = defineMessages(
  'changes',
  {
    summary: 'the changes the watch saw made elsewhere on the portals, newest first',
    usage: '[--portal NAME] [--since TIME] [--new]',
    details:
      '--portal NAME: one portal\'s. --since TIME: seen at or after TIME: ISO 8601 with an offset, "YYYY-MM-DD HH:MM" in this machine\'s time zone, or a while ago: 30m, 12h, 7d. --new: only those nobody accepted or put back yet.\n' +
      '"b24desk changes accept ID..." keeps them as the portal has them; "b24desk changes restore ID..." puts them back.\n',
    none: 'No changes seen.\n',
    'bad since':
      '--since: "{text}" is not a time (ISO 8601 with an offset, "YYYY-MM-DD HH:MM", or 30m, 12h, 7d)'
  },
  {
    summary: 'изменения, сделанные на порталах не здесь, которые заметило наблюдение; новые сверху',
    usage: '[--portal ИМЯ] [--since ВРЕМЯ] [--new]',
    details:
      '--portal ИМЯ: только этого портала. --since ВРЕМЯ: замеченные не раньше ВРЕМЕНИ: ISO 8601 со смещением, "ГГГГ-ММ-ДД ЧЧ:ММ" по времени этого компьютера или давность: 30m, 12h, 7d. --new: только те, что ещё не приняли и не вернули.\n' +
      '"b24desk changes accept НОМЕР..." оставляет их такими, какие они на портале; "b24desk changes restore НОМЕР..." возвращает их.\n',
    none: 'Замеченных изменений нет.\n',
    'bad since': '--since: "{text}" не время (ISO 8601 со смещением, "ГГГГ-ММ-ДД ЧЧ:ММ" или 30m, 12h, 7d)'
  }
)
