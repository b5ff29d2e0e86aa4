import { beforeEach, describe, expect, it } from 'vitest'
import { compareText, prepareTextOrder, resetTextOrder } from './collation'
import { firstSortDescending, sortData } from './sort-index'

interface R {
  title: string
  n: number
  at: string | null
}

const rows: R[] = [
  { title: 'Sale — page 10', n: 2, at: '2024-05-01T10:00:00' },
  { title: 'sale — page 2', n: 0, at: null },
  { title: 'alpha', n: 2, at: '2023-01-01T00:00:00' },
  { title: 'Beta', n: 1, at: '2024-05-01T10:00:00' },
  { title: 'Alpha', n: 0, at: '2025-01-01T00:00:00' },
  { title: 'Sale — page 1', n: 1, at: null }
]
const columns = [
  { id: 'title', accessorFn: (r: R) => r.title, sortFn: 'text' },
  { id: 'n', accessorFn: (r: R) => r.n, sortFn: 'basic' },
  { accessorKey: 'at', sortFn: 'date' },
  { id: 'other', accessorFn: (r: R) => r.title, sortFn: 'alphanumeric' }
]

/** What TanStack's sorted row model does: the comparator, reversed when descending, ties by index. */
const reference = (cmp: (a: R, b: R) => number, desc: boolean) =>
  rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (desc ? -cmp(a.r, b.r) : cmp(a.r, b.r)) || a.i - b.i)
    .map((x) => x.r)

describe('sorting by one column through numeric keys', () => {
  beforeEach(() => resetTextOrder())

  it('orders ranked text as the collator does, ties in data order both ways', async () => {
    expect(sortData(rows, columns, [{ id: 'title', desc: false }])).toBeNull()
    await prepareTextOrder(rows.map((r) => r.title))
    for (const desc of [false, true]) {
      expect(sortData(rows, columns, [{ id: 'title', desc }])).toEqual(
        reference((a, b) => compareText(a.title, b.title), desc)
      )
    }
  })

  it('orders numbers and dates, missing dates first', () => {
    for (const desc of [false, true]) {
      expect(sortData(rows, columns, [{ id: 'n', desc }])).toEqual(reference((a, b) => a.n - b.n, desc))
      const d = (r: R) => r.at ?? ''
      expect(sortData(rows, columns, [{ id: 'at', desc }])).toEqual(
        reference((a, b) => (d(a) === d(b) ? 0 : d(a) > d(b) ? 1 : -1), desc)
      )
    }
  })

  it('leaves other sorts to the table', () => {
    expect(sortData(rows, columns, [{ id: 'other', desc: false }])).toBeNull()
    expect(
      sortData(rows, columns, [
        { id: 'n', desc: false },
        { id: 'at', desc: false }
      ])
    ).toBeNull()
    expect(sortData(rows, columns, [])).toBeNull()
  })

  it('works out the first sort direction as TanStack does: text ascending, anything else descending', () => {
    const withDefault = [...columns, { id: 'fixed', accessorFn: (r: R) => r.n, sortDescFirst: false }]
    expect(firstSortDescending(rows, withDefault)).toEqual([false, true, false, false, undefined])
    // Missing values are skipped; none at all reads as descending.
    expect(firstSortDescending([{ ...rows[1] }, rows[0]], columns)[2]).toBe(false)
    expect(firstSortDescending([], columns)).toEqual([true, true, true, true])
  })
})
