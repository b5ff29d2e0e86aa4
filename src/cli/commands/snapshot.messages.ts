import { defineMessages } from '../i18n'

/** Texts of `snapshot export` and `snapshot delete` (the other snapshot commands still carry theirs inline). */
export const snapshotText = defineMessages(
  'snapshot',
  {
    'export summary': 'write a snapshot as CSV or JSON to standard output or to a file',
    'delete summary': 'delete a snapshot (asks first; jobs queued from it still run)',
    'delete details':
      'Asks before deleting, or needs --yes where there is no terminal to ask on (a script).\n',
    'delete question': 'Delete snapshot {id} “{name}”?'
  },
  {
    'export summary': 'вывести снимок в CSV или JSON на стандартный вывод или в файл',
    'delete summary': 'удалить снимок (сначала спросит; задания, поставленные по нему, всё равно выполнятся)',
    'delete details': 'Перед удалением спрашивает, а без терминала (в скрипте) требует --yes.\n',
    'delete question': 'Удалить снимок {id} «{name}»?'
  }
)
