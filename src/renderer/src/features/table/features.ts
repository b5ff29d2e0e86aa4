import {
  constructRow,
  constructSortFn,
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  type ColumnDef,
  type Row,
  type RowData,
  type TableFeature
} from '@tanstack/react-table'
import { compareText } from './collation'

/**
 * Text in the interface language's order (see collation.ts), compared as it is: the stock text
 * sort made two lower-cased copies per comparison, most of the time 20,000 rows took to sort.
 */
export const sortFn_collated = constructSortFn({
  resolveDataValue: (value: unknown) => (value == null ? '' : String(value)),
  sort: compareText
})

/**
 * Dates as main keeps them (`YYYY-MM-DDTHH:MM:SS`, see catalog/dates.ts) sort as plain text, with
 * the missing ones first.
 */
export const sortFn_date = constructSortFn({
  resolveDataValue: (value: unknown) => (value == null ? '' : String(value)),
  sort: (a: string, b: string) => (a === b ? 0 : a > b ? 1 : -1)
})

type CoreTable = Parameters<typeof constructRow>[0]
type LazyRowAt = (index: number) => Row<Features, RowData>

/** Each table's row builder, by the table instance `useTable` wraps (its copies share `_rowModels`). */
const lazyRowAt = new WeakMap<object, LazyRowAt>()

/**
 * Rows built one at a time, when a view asks for one: unsorted, the table shows its data in the
 * order given, and building TanStack's core row model for 20,000 rows (a row object, two caches
 * and an id map entry each) took most of the time it took to open the pages view. Rows are kept
 * per data array, so a row that stays in view keeps its identity and its memoized cells.
 */
const lazyRowsFeature: TableFeature = {
  initTableInstanceData: (table) => {
    const core = table as unknown as CoreTable & { options: { data: readonly RowData[] }; _rowModels: object }
    let data: readonly RowData[] | null = null
    let built = new Map<number, Row<Features, RowData>>()
    lazyRowAt.set(core._rowModels, (index) => {
      if (core.options.data !== data) {
        data = core.options.data
        built = new Map()
      }
      let row = built.get(index)
      if (!row) {
        const original = data[index]
        const id = core.options.getRowId?.(original, index) ?? String(index)
        row = constructRow(core, id, original, index, 0) as unknown as Row<Features, RowData>
        built.set(index, row)
      }
      return row
    })
  }
}

/** The row at `index` of the table's data, in data order, without building a row model. */
export const rowInDataOrder = <T extends RowData>(
  table: { _rowModels: object },
  index: number
): Row<Features, T> => lazyRowAt.get(table._rowModels)!(index) as Row<Features, T>

/**
 * Every table sorts in memory; filtering happens before the table sees the rows (memoized and
 * deferred in each view), so the table only ever processes what is shown.
 */
export const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: {
    text: sortFn_collated,
    date: sortFn_date,
    basic: sortFn_basic,
    alphanumeric: sortFn_alphanumeric
  }
})

export type Features = typeof features

// Not one of TanStack's feature slots, so not in its types; the table runs every feature it is given.
Object.assign(features, { lazyRowsFeature })

// Columns of one table carry different value types; TanStack's own examples type the array with any.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Column<T extends RowData> = ColumnDef<Features, T, any>

export const columnHelper = <T extends RowData>() => createColumnHelper<Features, T>()
