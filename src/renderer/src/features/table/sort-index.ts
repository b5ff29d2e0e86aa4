// Sorting a table's data by one column through numeric keys and one native typed-array sort.
import type { SortingState } from '@tanstack/react-table'
import { textRank } from './collation'

/** Rows a packed key can address: the index sits in the low 20 bits of the key. */
const MAX_ROWS = 1 << 20

interface SortableDef<T> {
  id?: string
  accessorKey?: string
  accessorFn?: (row: T, index: number) => unknown
  sortFn?: unknown
  sortUndefined?: unknown
  invertSorting?: unknown
}

/** Dense ranks (0, 1, 2, ...) of numbers or strings in their natural order. */
const denseRanks = (values: ArrayLike<number | string>, numeric: boolean): Uint32Array | null => {
  const unique = [...new Set(Array.from(values))]
  if (numeric) {
    const sorted = Float64Array.from(unique as number[]).sort()
    const rank = new Map<number, number>()
    for (let i = 0; i < sorted.length; i++) rank.set(sorted[i], i)
    return Uint32Array.from(values as ArrayLike<number>, (v) => rank.get(v)!)
  }
  // Strings without a comparator sort by UTF-16 code units, as `a > b` compares them.
  const sorted = (unique as string[]).sort()
  const rank = new Map<string, number>()
  for (let i = 0; i < sorted.length; i++) rank.set(sorted[i], i)
  return Uint32Array.from(values as ArrayLike<string>, (v) => rank.get(v)!)
}

/**
 * The data in the order TanStack's sorted row model gives for a single-column sort with the app's
 * sort functions (sorting.ts): text by collation rank, dates as text, `basic` numbers; ties keep
 * the data's order in both directions. Each row's key is packed with its index into one float and
 * a Float64Array sorts without a comparator, so 100,000 rows sort in a few milliseconds instead
 * of the hundreds TanStack's comparator sort over row objects took. Answers null when it cannot
 * promise that order (several columns, another sort function, a text not ranked yet, undefined
 * values): the table then sorts as before.
 */
export const sortData = <T>(
  data: readonly T[],
  columns: readonly unknown[],
  sorting: SortingState
): T[] | null => {
  if (sorting.length !== 1 || data.length >= MAX_ROWS) return null
  const { id, desc } = sorting[0]
  const def = (columns as Array<SortableDef<T>>).find((c) => (c.id ?? c.accessorKey) === id)
  if (!def || def.sortUndefined !== undefined || def.invertSorting) return null
  const value = valueOf(def)
  if (!value) return null
  const n = data.length
  let ranks: Uint32Array | null
  if (def.sortFn === 'text') {
    ranks = new Uint32Array(n)
    for (let i = 0; i < n; i++) {
      const v = value(data[i], i)
      if (v === undefined) return null
      const r = textRank(v == null ? '' : String(v))
      if (r === undefined) return null
      ranks[i] = r
    }
  } else if (def.sortFn === 'date') {
    const texts = new Array<string>(n)
    for (let i = 0; i < n; i++) {
      const v = value(data[i], i)
      if (v === undefined) return null
      texts[i] = v == null ? '' : String(v)
    }
    ranks = denseRanks(texts, false)
  } else if (def.sortFn === 'basic') {
    const nums = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const v = value(data[i], i)
      if (typeof v !== 'number' || Number.isNaN(v)) return null
      nums[i] = v
    }
    ranks = denseRanks(nums, true)
  } else return null
  if (!ranks) return null
  let top = 0
  for (let i = 0; i < n; i++) if (ranks[i] > top) top = ranks[i]
  const packed = new Float64Array(n)
  for (let i = 0; i < n; i++) packed[i] = (desc ? top - ranks[i] : ranks[i]) * MAX_ROWS + i
  packed.sort()
  const out = new Array<T>(n)
  for (let i = 0; i < n; i++) out[i] = data[packed[i] % MAX_ROWS]
  return out
}

const valueOf = <T>(def: SortableDef<T>) => {
  const key = def.accessorKey
  return def.accessorFn ?? (key ? (r: T) => (r as Record<string, unknown>)[key] : null)
}

/**
 * The direction a first click sorts each column in, as TanStack works it out when a column does not
 * say (descending unless one of the first ten values is text), but from the data itself: TanStack
 * reads it from its filtered row model, and building that model for 100,000 rows was most of
 * what a click on a header cost. Answers one flag per column, `undefined` where the column says.
 */
export const firstSortDescending = <T>(
  data: readonly T[],
  columns: readonly unknown[]
): Array<boolean | undefined> =>
  (columns as Array<SortableDef<T> & { sortDescFirst?: boolean }>).map((def) => {
    if (def.sortDescFirst !== undefined) return undefined
    const value = valueOf(def)
    if (!value) return undefined
    for (let i = 0; i < Math.min(10, data.length); i++) {
      const v = value(data[i], i)
      if (v == null) continue
      return typeof v !== 'string'
    }
    return true
  })
