import { defineTable } from '../i18n'

/** Texts of secrets.ts, in both languages. */
export const secretsText = defineTable('secrets-texts', {
  'warning names was typed on': {
    en: 'warning: {names} {was} typed on the command line, where other users of this computer can read {it} in the process list, and your shell history keeps {it}. Next time give "-" instead (read from standard input, e.g. "--{first} -"), or set {envs}.',
    ru: 'предупреждение: {names} набраны в командной строке, где их видят другие пользователи этого компьютера (в списке процессов), и их сохраняет история оболочки. В следующий раз укажите "-" (значение прочитается со стандартного ввода, например "--{first} -") или задайте {envs}.'
  },
  'names needs standard input and': {
    en: '{names} "-" needs standard input, and there is none',
    ru: '{names} "-": нужен стандартный ввод, а его нет'
  },
  'reading names from standard input': {
    en: 'reading {names} from standard input, one line each',
    ru: 'читаю {names} со стандартного ввода, по строке'
  },
  'flag standard input gave no': {
    en: {
      one: '--{flag} -: standard input gave no value for it (expected {count} non-empty line: {names})',
      other: '--{flag} -: standard input gave no value for it (expected {count} non-empty lines: {names})'
    },
    ru: {
      one: '--{flag} -: стандартный ввод не дал значения (ожидалась {count} непустая строка: {names})',
      few: '--{flag} -: стандартный ввод не дал значения (ожидались {count} непустые строки: {names})',
      many: '--{flag} -: стандартный ввод не дал значения (ожидалось {count} непустых строк: {names})',
      other: '--{flag} -: стандартный ввод не дал значения (ожидались {count} непустые строки: {names})'
    }
  },
  'needs standard input and there': {
    en: '"-" needs standard input, and there is none',
    ru: '"-": нужен стандартный ввод, а его нет'
  }
})
