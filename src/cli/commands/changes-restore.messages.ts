// The texts of `b24desk changes restore`, in English and Russian.
import { defineMessages } from '../i18n'

export const changesRestoreText = defineMessages(
  'changes-restore',
  {
    summary: 'put changes seen back as they were: queues one job',
    usage: 'ID [ID...]',
    details:
      'The ids are those "b24desk changes" lists. Only a published state can be put back for now; a title or an object that appeared or is gone cannot (accept it, or change it on the portal). Putting a page back online publishes its edits too. The desktop app or "b24desk run" sends the job.\n',
    queued: {
      one: 'Queued job {id}: {count} change put back. The desktop app or "b24desk run" sends it.\n',
      other: 'Queued job {id}: {count} changes put back. The desktop app or "b24desk run" sends it.\n'
    }
  },
  {
    summary: 'вернуть замеченные изменения как было: ставит в очередь одно задание',
    usage: 'НОМЕР [НОМЕР...]',
    details:
      'Номера те, что показывает "b24desk changes". Пока возвращается только публикация; название или появившийся либо пропавший объект вернуть нельзя (примите изменение или измените на портале). Страница, возвращённая в публикацию, публикуется вместе с правками. Задание отправит приложение или "b24desk run".\n',
    queued: {
      one: 'Задание {id} поставлено в очередь: {count} изменение возвращается. Его отправит приложение или "b24desk run".\n',
      few: 'Задание {id} поставлено в очередь: {count} изменения возвращаются. Его отправит приложение или "b24desk run".\n',
      many: 'Задание {id} поставлено в очередь: {count} изменений возвращаются. Его отправит приложение или "b24desk run".\n',
      other:
        'Задание {id} поставлено в очередь: {count} изменения возвращаются. Его отправит приложение или "b24desk run".\n'
    }
  }
)
