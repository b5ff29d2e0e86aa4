import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_text,
  tableFeatures,
  type ColumnDef,
  type RowData
} from '@tanstack/react-table'

/**
 * Every table sorts in memory; filtering happens before the table sees the rows (memoized and
 * deferred in each view), so the table only ever processes what is shown.
 */
export const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { text: sortFn_text, basic: sortFn_basic, alphanumeric: sortFn_alphanumeric }
})

export type Features = typeof features

// Columns of one table carry different value types; TanStack's own examples type the array with any.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Column<T extends RowData> = ColumnDef<Features, T, any>

export const columnHelper = <T extends RowData>() => createColumnHelper<Features, T>()
