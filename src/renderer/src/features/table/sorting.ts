/** How every table of the app sorts (text in the interface language's order, dates) and types its columns. */
import {
  constructSortFn,
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  type ColumnDef,
  type RowData
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

// Columns of one table carry different value types; TanStack's own examples type the array with any.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Column<T extends RowData> = ColumnDef<Features, T, any>

export const columnHelper = <T extends RowData>() => createColumnHelper<Features, T>()
