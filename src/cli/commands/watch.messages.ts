// The texts of `b24desk watch`, in English and Russian.
import { defineMessages } from '../i18n'

export const watchText = defineMessages(
  'watch',
  {
    summary: 'read the portals again and record what others changed on their sites and pages',
    usage: '--once [--portal NAME]',
    details:
      'Reads the sites and pages of every portal (or of --portal NAME) and compares them with what the app knew: a published state, a title, an object that appeared or is gone. What no job of this app changed is recorded as a change seen ("b24desk changes"). The first pass over a portal with nothing known yet only notes what is there.\n' +
      '--once: one pass, then exit (watching on a schedule is not there yet, so --once is needed).\n' +
      'The exit code is 1 when a portal could not be read.\n',
    'once needed': 'watching on a schedule is not there yet: give --once for one pass',
    baseline: '{portal}: first pass, what is there is noted; changes show from the next pass on.\n',
    seen: {
      one: '{portal}: {count} change made elsewhere.\n',
      other: '{portal}: {count} changes made elsewhere.\n'
    },
    own: {
      one: '{portal}: {count} change made by this app left out.\n',
      other: '{portal}: {count} changes made by this app left out.\n'
    },
    failed: '{portal}: {reason}'
  },
  {
    summary: 'перечитать порталы и записать, что другие изменили на их сайтах и страницах',
    usage: '--once [--portal ИМЯ]',
    details:
      'Читает сайты и страницы каждого портала (или --portal ИМЯ) и сравнивает с тем, что знало приложение: публикацию, название, появившиеся и пропавшие объекты. То, что изменило не задание этого приложения, записывается как замеченное изменение ("b24desk changes"). Первый проход по порталу, о котором ещё ничего не известно, только запоминает, что там есть.\n' +
      '--once: один проход и выход (наблюдения по расписанию пока нет, поэтому --once обязателен).\n' +
      'Код выхода 1, если какой-то портал не удалось прочитать.\n',
    'once needed': 'наблюдения по расписанию пока нет: укажите --once для одного прохода',
    baseline:
      '{portal}: первый проход, текущее состояние запомнено; изменения будут видны со следующего прохода.\n',
    seen: {
      one: '{portal}: {count} изменение сделано не здесь.\n',
      few: '{portal}: {count} изменения сделано не здесь.\n',
      many: '{portal}: {count} изменений сделано не здесь.\n',
      other: '{portal}: {count} изменения сделано не здесь.\n'
    },
    own: {
      one: '{portal}: {count} изменение сделано этим приложением и не учтено.\n',
      few: '{portal}: {count} изменения сделано этим приложением и не учтено.\n',
      many: '{portal}: {count} изменений сделано этим приложением и не учтено.\n',
      other: '{portal}: {count} изменения сделано этим приложением и не учтено.\n'
    },
    failed: '{portal}: {reason}'
  }
)
