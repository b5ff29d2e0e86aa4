import { afterEach, describe, expect, it } from 'vitest'
import { messages as outbox } from '../outbox/messages'
import { messages as snapshots } from '../snapshots/messages'
import { defineMessages, localize, setLanguage } from './i18n'

afterEach(() => setLanguage('en'))

const counts = [1, 2, 5, 21]

/** Main's counted texts take the right form in both languages (issue 20). */
describe('main’s texts', () => {
  it('in English: 1 page, 2 / 5 / 21 pages', () => {
    expect(counts.map((count) => localize(snapshots.effectDrafts, { count, names: '“A”' }))).toEqual([
      '1 page edited since its publication goes live with its edits: “A”.',
      '2 pages edited since their publication go live with their edits: “A”.',
      '5 pages edited since their publication go live with their edits: “A”.',
      '21 pages edited since their publication go live with their edits: “A”.'
    ])
    expect(counts.map((count) => localize(outbox.defaultJobTitle, { count }))).toEqual([
      '1 operation',
      '2 operations',
      '5 operations',
      '21 operations'
    ])
    expect(localize(snapshots.effectGone, { count: 1 })).toBe(
      '1 object of the snapshot is no longer on the portal and cannot be put back.'
    )
  })

  it('in Russian: 1 страница, 2 страницы, 5 страниц, 21 страница', () => {
    setLanguage('ru')
    expect(
      counts.map((count) => localize(snapshots.effectDrafts, { count, names: '«А»' }).split(',')[0])
    ).toEqual(['1 страница', '2 страницы', '5 страниц', '21 страница'])
    expect(counts.map((count) => localize(outbox.defaultJobTitle, { count }))).toEqual([
      '1 операция',
      '2 операции',
      '5 операций',
      '21 операция'
    ])
    expect(counts.map((count) => localize(outbox.gaveUp, { count, message: 'x' }))).toEqual([
      'Не удалось после 1 попытки: x',
      'Не удалось после 2 попыток: x',
      'Не удалось после 5 попыток: x',
      'Не удалось после 21 попытки: x'
    ])
  })

  it('leaves no "(s)" in a user-facing text', () => {
    for (const table of [outbox, snapshots])
      for (const text of Object.values(table))
        for (const m of Object.values(text))
          for (const form of typeof m === 'string' ? [m] : Object.values(m))
            expect(form).not.toMatch(/\p{L}\((s|и|ов|а|ы|ей)\)/u)
  })
})

describe('localize', () => {
  it('says an inline text, counted or not, in the language set', () => {
    const text = {
      en: { one: '{count} file', other: '{count} files' },
      ru: { one: '{count} файл', few: '{count} файла', many: '{count} файлов', other: '{count} файла' }
    }
    expect(localize(text, { count: 1 })).toBe('1 file')
    expect(localize(text, { count: 21 })).toBe('21 files')
    setLanguage('ru')
    expect(counts.map((count) => localize(text, { count }))).toEqual([
      '1 файл',
      '2 файла',
      '5 файлов',
      '21 файл'
    ])
    expect(localize({ en: 'Hello, {name}', ru: 'Привет, {name}' }, { name: 'Ann' })).toBe('Привет, Ann')
  })

  it('keeps a placeholder no value is given for, and a value that looks like one', () => {
    expect(localize({ en: 'a {x} b {y}', ru: '' }, { y: '{x}' })).toBe('a {x} b {x}')
    expect(localize(outbox.jobNotFound)).toBe('There is no job {id}.')
  })

  it('takes a count read back from a stored text as digits', () => {
    setLanguage('ru')
    expect(localize(outbox.defaultJobTitle, { count: '5' })).toBe('5 операций')
  })

  it('gives typed translators for a message file', () => {
    const t = defineMessages(
      'i18n test',
      { files: { one: '{count} file', other: '{count} files' }, hi: 'hi {name}' },
      {
        files: { one: '{count} файл', few: '{count} файла', many: '{count} файлов', other: '{count} файла' },
        hi: 'привет {name}'
      }
    )
    expect(t('files', { count: 2 })).toBe('2 files')
    setLanguage('ru')
    expect(counts.map((count) => t('files', { count }))).toEqual(['1 файл', '2 файла', '5 файлов', '21 файл'])
    expect(t('hi', { name: 'Ann' })).toBe('привет Ann')
  })
})
