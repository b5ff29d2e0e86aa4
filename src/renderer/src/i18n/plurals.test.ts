import { afterAll, describe, expect, it } from 'vitest'
import i18n from './index'
import { en } from './en'
import { ru } from './ru'

const inLanguage = (lng: 'en' | 'ru') => i18n.getFixedT(lng)

afterAll(() => i18n.changeLanguage('en'))

describe('count-bearing strings', () => {
  it('use the English singular and plural', () => {
    const t = inLanguage('en')
    expect(t('bulk.kinds.page', { count: 1 })).toBe('page')
    expect(t('bulk.kinds.page', { count: 2 })).toBe('pages')
    expect(t('bulk.onPortals', { count: 1 })).toBe('on 1 portal')
    expect(t('bulk.onPortals', { count: 21 })).toBe('on 21 portals')
    expect(t('bulk.skipped', { count: 1 })).toBe('1 is already in that state and will be skipped.')
    expect(t('bulk.skipped', { count: 5 })).toBe('5 are already in that state and will be skipped.')
    expect(t('outbox.cancelConfirm', { count: 1 })).toBe('Cancel the 1 operation not sent yet?')
    expect(t('previews.count', { shown: 2, count: 2 })).toBe('2 of 2 previews')
  })

  it('use the Russian one, few and many forms (1, 2, 5, 21)', () => {
    const t = inLanguage('ru')
    expect([1, 2, 5, 21].map((count) => `${count} ${t('bulk.kinds.page', { count })}`)).toEqual([
      '1 страница',
      '2 страницы',
      '5 страниц',
      '21 страница'
    ])
    expect([1, 2, 5, 21].map((count) => t('bulk.onPortals', { count }))).toEqual([
      'на 1 портале',
      'на 2 порталах',
      'на 5 порталах',
      'на 21 портале'
    ])
    expect([1, 2, 5, 21].map((count) => t('outbox.counts.failed', { count }))).toEqual([
      '1 ошибка',
      '2 ошибки',
      '5 ошибок',
      '21 ошибка'
    ])
    expect(t('bulk.selected', { count: 5, portals: t('bulk.onPortals', { count: 1 }) })).toBe(
      'Выбрано 5 объектов на 1 портале'
    )
    expect(t('outbox.buttonPending', { count: 21 })).toBe('Очередь: ожидает 21 операция')
    expect(t('outbox.buttonPending', { count: 3 })).toBe('Очередь: ожидают 3 операции')
  })

  it('have every plural key in both languages: English one/other, Russian one/few/many/other', () => {
    const plural = /_(zero|one|two|few|many|other)$/
    const bases = (tree: object, prefix = ''): string[] =>
      Object.entries(tree).flatMap(([k, v]) =>
        typeof v === 'string'
          ? plural.test(k)
            ? [`${prefix}${k.replace(plural, '')}`]
            : []
          : bases(v as object, `${prefix}${k}.`)
      )
    const enBases = [...new Set(bases(en))]
    expect(enBases.length).toBeGreaterThan(10)
    expect([...new Set(bases(ru))].sort()).toEqual([...enBases].sort())
    for (const base of enBases) {
      for (const form of ['one', 'other'])
        expect(i18n.exists(`${base}_${form}`, { lng: 'en', fallbackLng: false })).toBe(true)
      for (const form of ['one', 'few', 'many', 'other'])
        expect(i18n.exists(`${base}_${form}`, { lng: 'ru', fallbackLng: false })).toBe(true)
    }
  })

  it('leave no “(s)” plural shortcuts behind', () => {
    expect(JSON.stringify(en)).not.toMatch(/\(s\)/)
  })
})
