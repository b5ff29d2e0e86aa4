import { afterAll, describe, expect, it } from 'vitest'
import i18n from '../../i18n'
import { sortFn_collated } from './sorting'

type SortRow = Parameters<typeof sortFn_collated>[0]
const row = (value: unknown) => ({ getValue: () => value }) as unknown as SortRow
const sorted = (values: unknown[]) => [...values].sort((a, b) => sortFn_collated(row(a), row(b), 'title'))

afterAll(() => i18n.changeLanguage('en'))

describe('text sorting', () => {
  it('puts numbers in numeric order and ignores case', () => {
    expect(sorted(['Sale — page 10', 'sale — page 2', 'Sale — page 1', 'alpha', 'Beta'])).toEqual([
      'alpha',
      'Beta',
      'Sale — page 1',
      'sale — page 2',
      'Sale — page 10'
    ])
  })

  it('orders Russian titles the Russian way, ё with е, and treats missing values as empty', async () => {
    await i18n.changeLanguage('ru')
    // By code units Ё (U+0401) would come before Д; equal under the collator, the sort keeps input order.
    expect(sorted(['Ёлка', 'Жара', 'Елка', 'Дом', null])).toEqual([null, 'Дом', 'Ёлка', 'Елка', 'Жара'])
  })
})
