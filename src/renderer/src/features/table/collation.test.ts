import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import i18n from '../../i18n'
import { compareText, prepareTextOrder, resetTextOrder, sortInSlices } from './collation'

const collator = (lng: string) => new Intl.Collator(lng, { sensitivity: 'base', numeric: true })

/** Every neighbour in collation order: what a correct sort must give, whatever it does with equals. */
const inCollationOrder = (values: string[], lng = 'en') =>
  values.slice(1).every((v, i) => collator(lng).compare(values[i], v) <= 0)

const titles = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      [
        `Sale — page ${(i * 7919) % 500}`,
        `sale — Page ${i % 37}`,
        `Зима ${i % 11}`,
        `Ёлка ${i % 5}`,
        `елка ${i % 5}`
      ][i % 5]
  )

beforeEach(() => resetTextOrder())
afterAll(() => i18n.changeLanguage('en'))

describe('text order for the tables', () => {
  it('gives texts it has ranked the collator’s order, equal texts an equal rank', async () => {
    const values = titles(3000)
    await prepareTextOrder(values)
    expect(inCollationOrder([...values].sort(compareText))).toBe(true)
    expect(compareText('Ёлка 1', 'елка 1')).toBe(0)
    expect(compareText('Sale — page 2', 'sale — page 10')).toBeLessThan(0)
  })

  it('agrees with the collator while only some texts are ranked', async () => {
    await prepareTextOrder(titles(500))
    const mixed = [...titles(500), 'Alpha', 'sale — page 3', 'Ясень', 'Sale — Page 250']
    expect(inCollationOrder(mixed.sort(compareText))).toBe(true)
  })

  it('ranks a large list in slices, giving the page back in between', async () => {
    const spy = vi.spyOn(globalThis, 'setTimeout')
    const values = titles(8_000)
    const sorted = await sortInSlices(values, (a, b) => collator('en').compare(a, b))
    // One wait before it starts; more only if it gave the page back while sorting.
    expect(spy.mock.calls.length).toBeGreaterThan(5)
    spy.mockRestore()
    expect(sorted).toHaveLength(values.length)
    expect(inCollationOrder(sorted)).toBe(true)
  })

  it('follows the new language’s order after the language changes', async () => {
    await prepareTextOrder(['Жара', 'Дом', 'Ёлка', 'Apple'])
    await i18n.changeLanguage('ru')
    await prepareTextOrder([])
    const order = ['Жара', 'Apple', 'Ёлка', 'Дом'].sort(compareText)
    // Russian order puts Cyrillic before Latin.
    expect(order).toEqual(['Дом', 'Ёлка', 'Жара', 'Apple'])
  })
})
