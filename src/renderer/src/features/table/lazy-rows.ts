import { constructRow, type Row, type RowData } from '@tanstack/react-table'
import type { Features } from './sorting'

/** What a grid needs of its rows: how many, and the one at an index. */
export interface RowSource<T extends RowData> {
  length: number
  at(index: number): Row<Features, T>
}

type TableForRows = Parameters<typeof constructRow>[0]

/**
 * Rows built one at a time, when the grid asks for one: unsorted, a table shows its data in the
 * order given, and building TanStack's core row model for 20,000 rows (a row object, two caches and
 * an id map entry each) took most of the time it took to open the pages view. Uses only TanStack's
 * public `constructRow`. Made anew for each data array and column set, so a row that stays in view
 * keeps its identity (and its memoized cells) while only scrolling, and never outlives the columns
 * it was built with.
 */
export const lazyRows = <T extends RowData>(
  table: { options: { getRowId?: (original: T, index: number) => string } },
  data: readonly T[]
): RowSource<T> => {
  const built = new Map<number, Row<Features, T>>()
  return {
    length: data.length,
    at(index) {
      let row = built.get(index)
      if (!row) {
        const original = data[index]
        const id = table.options.getRowId?.(original, index) ?? String(index)
        row = constructRow(table as unknown as TableForRows, id, original, index, 0) as unknown as Row<
          Features,
          T
        >
        built.set(index, row)
      }
      return row
    }
  }
}
