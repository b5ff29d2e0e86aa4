import { afterEach, describe, expect, it } from 'vitest'
import { enqueueText } from './commands/enqueue.messages'
import { jobText } from './commands/job.messages'
import { words } from './commands/outbox-words.messages'
import { runText } from './commands/run.messages'
import { cacheAge } from './commands/catalog-common'
import { reasonText, titleText } from './commands/outbox-common'
import { secretsText } from './messages/secrets'
import { useLanguage } from './i18n'

afterEach(() => useLanguage('en'))

/** Counted texts of the command line take the right form in both languages (issue 20). */
describe('plurals', () => {
  it('in English: 1 operation, 2 / 5 / 21 operations', () => {
    useLanguage('en')
    expect([1, 2, 5, 21].map((count) => enqueueText('queued', { id: 7, count }))).toEqual([
      'Queued job 7: 1 operation. The desktop app or "b24desk run" sends it.',
      'Queued job 7: 2 operations. The desktop app or "b24desk run" sends them.',
      'Queued job 7: 5 operations. The desktop app or "b24desk run" sends them.',
      'Queued job 7: 21 operations. The desktop app or "b24desk run" sends them.'
    ])
    expect(runText('not done', { count: 21, seconds: 5, why: 'x' })).toBe(
      '21 operations were not done within 5 s: x'
    )
  })

  it('in Russian: 1 операция, 2 операции, 5 операций, 21 операция', () => {
    useLanguage('ru')
    expect([1, 2, 5, 21].map((count) => runText('not done', { count, seconds: 5, why: 'x' }))).toEqual([
      '1 операция не выполнена за 5 с: x',
      '2 операции не выполнены за 5 с: x',
      '5 операций не выполнено за 5 с: x',
      '21 операция не выполнена за 5 с: x'
    ])
    expect([1, 2, 5, 21].map((count) => jobText('retried', { id: 3, count }).split('.')[0])).toEqual([
      'Задание 3: 1 операция снова в очереди',
      'Задание 3: 2 операции снова в очереди',
      'Задание 3: 5 операций снова в очереди',
      'Задание 3: 21 операция снова в очереди'
    ])
    expect([1, 2, 5, 21].map((count) => words('title publish page', { count, portal: 'A' }))).toEqual([
      'опубликовать 1 страницу на A',
      'опубликовать 2 страницы на A',
      'опубликовать 5 страниц на A',
      'опубликовать 21 страницу на A'
    ])
  })

  it('says a stored English title again in the reader’s language, old "(s)" titles too', () => {
    useLanguage('ru')
    expect(titleText('publish 5 pages on Acme')).toBe('опубликовать 5 страниц на Acme')
    expect(titleText('unpublish 1 site(s) on Acme')).toBe('снять с публикации 1 сайт на Acme')
    expect(titleText('public link on for 2 documents on Acme')).toBe(
      'включить публичные ссылки 2 документов на Acme'
    )
    expect(titleText('21 operations')).toBe('21 операция')
    expect(titleText('Spring campaign')).toBe('Spring campaign')
    useLanguage('en')
    expect(titleText('Операций: 2')).toBe('2 operations')
  })

  it('says a failure reason stored in English again in Russian, its values kept', () => {
    useLanguage('ru')
    const op = (message: string, state: 'failed' | 'mismatch' = 'failed') =>
      ({ state, error: { code: 'X', message, category: 'permanent' } }) as Parameters<typeof reasonText>[0]
    expect(
      reasonText(op('Gave up after 5 attempts: A temporary error (HTTP_503); trying again shortly.'))
    ).toBe('Не удалось после 5 попыток: Временная ошибка (HTTP_503); скоро попробуем снова.')
    const mismatch = reasonText(
      op(
        'The portal confirmed the change, but reading it back shows otherwise. The portal reports the page as not published.',
        'mismatch'
      )
    )
    expect(mismatch).toMatch(/^Портал подтвердил изменение, но повторное чтение показывает иное\. /)
    expect(mismatch).not.toMatch(/[a-z]{4}/)
    expect(reasonText(op('Cancelled: the portal was removed from B24 Desk.'))).toBe(
      'Отменено: портал удалён из B24 Desk.'
    )
    // What no template knows (the portal's own words) stays as written.
    expect(reasonText(op('Landing not found'))).toBe('Landing not found')
  })

  it('says main’s stored default title and counted reason again, in both their forms', () => {
    useLanguage('ru')
    expect(['1 operation', '2 operations', '5 операций', '21 операция'].map(titleText)).toEqual([
      '1 операция',
      '2 операции',
      '5 операций',
      '21 операция'
    ])
    const op = (message: string) =>
      ({ state: 'failed', error: { code: 'X', message, category: 'permanent' } }) as Parameters<
        typeof reasonText
      >[0]
    expect(reasonText(op('Gave up after 1 attempt: Cancelled.'))).toBe(
      'Не удалось после 1 попытки: Отменено.'
    )
    expect(reasonText(op('Gave up after 21 attempts: Cancelled.'))).toBe(
      'Не удалось после 21 попытки: Отменено.'
    )
    useLanguage('en')
    expect(reasonText(op('Не удалось после 2 попыток: Отменено.'))).toBe(
      'Gave up after 2 attempts: Cancelled.'
    )
  })

  it('counts the lines it waited for and the age of a cached list (texts that said "(s)" or counted by hand)', () => {
    const lines = (count: number) =>
      secretsText('flag standard input gave no', { flag: 'webhook', count, names: 'x' })
    expect([1, 2].map(lines)).toEqual([
      '--webhook -: standard input gave no value for it (expected 1 non-empty line: x)',
      '--webhook -: standard input gave no value for it (expected 2 non-empty lines: x)'
    ])
    const minutes = (n: number) => cacheAge(n * 60_000)
    expect([1, 2, 5, 21].map(minutes)).toEqual([
      '1 minute ago',
      '2 minutes ago',
      '5 minutes ago',
      '21 minutes ago'
    ])
    useLanguage('ru')
    expect([1, 2, 5, 21].map(lines).map((l) => l.split('(')[1])).toEqual([
      'ожидалась 1 непустая строка: x)',
      'ожидались 2 непустые строки: x)',
      'ожидалось 5 непустых строк: x)',
      'ожидалась 21 непустая строка: x)'
    ])
    expect([1, 2, 5, 21].map(minutes)).toEqual([
      '1 минуту назад',
      '2 минуты назад',
      '5 минут назад',
      '21 минуту назад'
    ])
    expect(cacheAge(3 * 60 * 60_000)).toBe('3 часа назад')
    expect(cacheAge(5 * 24 * 60 * 60_000)).toBe('5 дней назад')
  })
})
