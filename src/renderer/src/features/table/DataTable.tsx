import {
  memo,
  startTransition,
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent
} from 'react'
import { useTranslation } from 'react-i18next'
import { FlexRender, useTable, type Row, type RowData, type SortingState } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { features, type Column, type Features } from './sorting'
import { lazyRows } from './lazy-rows'
import { firstSortDescending, sortData } from './sort-index'

export const ROW_HEIGHT = 32

export interface DataTableProps<T extends RowData> {
  label: string
  rows: T[]
  columns: Column<T>[]
  /** CSS grid track per column, same order as `columns`. */
  widths: string[]
  getKey(row: T): string
  selected: ReadonlySet<string>
  onToggle(key: string): void
  onRange(orderedKeys: readonly string[], key: string): void
  onSetMany(keys: string[], selected: boolean): void
  onOpen?(row: T): void
  onActiveChange?(row: T | null): void
  loading?: boolean
  initialSorting?: SortingState
}

/**
 * A keyboard-first, virtualized grid: one tab stop, arrow keys move the active row, Space selects,
 * Shift extends, Enter opens. Only the rows in view are in the DOM, so 20,000 rows cost what 30 do.
 */
export const DataTable = <T extends RowData>(props: DataTableProps<T>) => {
  const { t } = useTranslation()
  const {
    rows: data,
    columns,
    getKey,
    selected,
    onToggle,
    onRange,
    onSetMany,
    onOpen,
    onActiveChange
  } = props
  const [sorting, setSorting] = useState<SortingState>(props.initialSorting ?? [])
  // A transition: a new order replaces every row in view, and rendering that can yield to frames.
  const onSortingChange = useCallback(
    (update: SortingState | ((old: SortingState) => SortingState)) =>
      startTransition(() => setSorting(update)),
    []
  )
  // Each column's first sort direction, worked out from the data (sort-index.ts) so that a click on
  // a header does not make TanStack build a row for each of 100,000 rows to find it.
  const firstDirs = firstSortDescending(data, columns).join()
  const tableColumns = useMemo(() => {
    const dirs = firstDirs.split(',')
    return columns.map((c, i) => (dirs[i] === '' ? c : { ...c, sortDescFirst: dirs[i] === 'true' }))
  }, [columns, firstDirs])
  const table = useTable({ features, columns: tableColumns, data, state: { sorting }, onSortingChange })
  // Sorted by one column, the data is put in order through numeric keys (sort-index.ts) and its
  // rows are built lazily like unsorted ones; only a sort it cannot do goes to TanStack's row model.
  const ordered = useMemo(() => sortData(data, columns, sorting), [data, columns, sorting])
  // Unsorted, the rows are the data in its order: only the rows in view are built (lazy-rows.ts).
  // Otherwise TanStack's row model has every row, as its sorting needs them all anyway.
  const sortedRows = sorting.length > 0 && !ordered ? table.getRowModel().rows : null
  const shown = ordered ?? data
  // `table` is a new object each render; the one of the render that brought new data or columns
  // builds that data's rows, so `unsorted` stays the same while only scrolling or selecting.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const unsorted = useMemo(() => lazyRows<T>(table, shown), [shown, columns])
  const rows = useMemo(
    () => (sortedRows ? { length: sortedRows.length, at: (i: number) => sortedRows[i] } : unsorted),
    [sortedRows, unsorted]
  )
  const scrollRef = useRef<HTMLDivElement>(null)
  const [active, setActive] = useState(0)
  const id = useId()
  const activeIndex = rows.length === 0 ? -1 : Math.min(active, rows.length - 1)

  // The app does not use the React Compiler; this component re-renders on every scroll by design.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12
  })

  // Each rows array's keys, made once: selecting all of 100,000 rows and counting the selected
  // ones then reuse the same strings (their hashes too) instead of building 100,000 new ones each time.
  // A new key function starts a new cache.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const keyCache = useMemo(() => new WeakMap<readonly T[], string[]>(), [getKey])
  const keysOf = useCallback(
    (list: readonly T[]): string[] => {
      let keys = keyCache.get(list)
      if (!keys) {
        keys = list.map(getKey)
        keyCache.set(list, keys)
      }
      return keys
    },
    [keyCache, getKey]
  )
  const orderedKeys = useCallback(
    () => (sortedRows ? sortedRows.map((r) => getKey(r.original)) : keysOf(shown)),
    [sortedRows, shown, getKey, keysOf]
  )

  const shownSelected = useMemo(() => {
    if (selected.size === 0) return 0
    let n = 0
    for (const k of keysOf(data)) if (selected.has(k)) n++
    return n
  }, [data, selected, keysOf])

  const moveTo = (index: number, extend: boolean) => {
    if (rows.length === 0) return
    const next = Math.max(0, Math.min(rows.length - 1, index))
    setActive(next)
    virtualizer.scrollToIndex(next, { align: 'auto' })
    onActiveChange?.(rows.at(next).original)
    if (extend) onRange(orderedKeys(), getKey(rows.at(next).original))
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1)
    const current = activeIndex < 0 ? 0 : activeIndex
    const row = activeIndex >= 0 ? rows.at(activeIndex) : undefined
    switch (e.key) {
      case 'ArrowDown':
        moveTo(current + 1, e.shiftKey)
        break
      case 'ArrowUp':
        moveTo(current - 1, e.shiftKey)
        break
      case 'PageDown':
        moveTo(current + page, e.shiftKey)
        break
      case 'PageUp':
        moveTo(current - page, e.shiftKey)
        break
      case 'Home':
        moveTo(0, e.shiftKey)
        break
      case 'End':
        moveTo(rows.length - 1, e.shiftKey)
        break
      case ' ':
        if (!row) return
        if (e.shiftKey) onRange(orderedKeys(), getKey(row.original))
        else onToggle(getKey(row.original))
        break
      case 'Enter':
        if (!row || !onOpen) return
        onOpen(row.original)
        break
      case 'a':
      case 'A':
        if (!(e.ctrlKey || e.metaKey)) return
        onSetMany(orderedKeys(), true)
        break
      default:
        return
    }
    e.preventDefault()
  }

  // Stable while only scrolling, so memoized rows that stay in view do not render again.
  const onRowClick = useCallback(
    (e: MouseEvent, index: number) => {
      const row = rows.at(index)
      setActive(index)
      onActiveChange?.(row.original)
      scrollRef.current?.focus({ preventScroll: true })
      if (e.shiftKey) onRange(orderedKeys(), getKey(row.original))
      else onToggle(getKey(row.original))
    },
    [rows, onActiveChange, onRange, orderedKeys, getKey, onToggle]
  )
  const onRowOpen = useCallback((index: number) => onOpen?.(rows.at(index).original), [rows, onOpen])

  const allShown = data.length > 0 && shownSelected === data.length
  const template = `36px ${props.widths.join(' ')}`
  const headerGroup = table.getHeaderGroups()[0]

  return (
    <div className="data-table">
      <div
        ref={scrollRef}
        className="grid-scroll"
        role="grid"
        aria-label={props.label}
        aria-multiselectable="true"
        aria-rowcount={rows.length + 1}
        aria-busy={props.loading || undefined}
        aria-activedescendant={activeIndex >= 0 ? `${id}-r${activeIndex}` : undefined}
        aria-describedby={`${id}-hint`}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div className="grid-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
          <div role="columnheader" className="cell cell-check">
            <input
              type="checkbox"
              tabIndex={-1}
              aria-label={t('columns.selectAll', { count: data.length })}
              checked={allShown}
              ref={(el) => {
                if (el) el.indeterminate = shownSelected > 0 && !allShown
              }}
              onChange={() => onSetMany(keysOf(data), !allShown)}
            />
          </div>
          {headerGroup.headers.map((header) => {
            const sorted = header.column.getIsSorted()
            return (
              <div
                key={header.id}
                role="columnheader"
                className="cell"
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
              >
                <button
                  type="button"
                  tabIndex={-1}
                  className="sort-button"
                  onClick={header.column.getToggleSortingHandler()}
                >
                  <table.FlexRender header={header} />
                  <span aria-hidden="true" className="sort-mark">
                    {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                  </span>
                </button>
              </div>
            )
          })}
        </div>
        <div className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows.at(item.index)
            const key = getKey(row.original)
            return (
              <GridRow
                key={key}
                row={row}
                index={item.index}
                start={item.start}
                domId={`${id}-r${item.index}`}
                selected={selected.has(key)}
                active={item.index === activeIndex}
                template={template}
                columns={columns}
                onClick={onRowClick}
                onOpen={onRowOpen}
              />
            )
          })}
        </div>
        {rows.length === 0 && (
          <p className="grid-empty" role="note">
            {props.loading ? t('table.loading') : t('table.empty')}
          </p>
        )}
      </div>
      <p id={`${id}-hint`} className="visually-hidden">
        {t('table.hint')}
      </p>
    </div>
  )
}

interface GridRowProps<T extends RowData> {
  row: Row<Features, T>
  index: number
  start: number
  domId: string
  selected: boolean
  active: boolean
  template: string
  /** Not rendered: a new column set (another language, new portal names) must re-render rows. */
  columns: unknown
  onClick(e: MouseEvent, index: number): void
  onOpen(index: number): void
}

const GridRowImpl = <T extends RowData>(p: GridRowProps<T>) => (
  <div
    id={p.domId}
    role="row"
    aria-rowindex={p.index + 2}
    aria-selected={p.selected}
    data-active={p.active || undefined}
    // Stripes by row index, not :nth-child: rows enter and leave the DOM in any order while
    // scrolling, and a sibling selector would restyle every row each time one does.
    className={p.index % 2 === 1 ? 'grid-row grid-row-alt' : 'grid-row'}
    style={{ gridTemplateColumns: p.template, transform: `translateY(${p.start}px)` }}
    onClick={(e) => p.onClick(e, p.index)}
    onDoubleClick={() => p.onOpen(p.index)}
  >
    {/* The row's aria-selected says it to assistive technology; the box only shows it (and a
        drawn box costs far less than an input in each of the rows a fast scroll creates). */}
    <div role="gridcell" className="cell cell-check">
      <span className="check" aria-hidden="true" />
    </div>
    {p.row.getAllCells().map((cell) => (
      <div key={cell.id} role="gridcell" className="cell">
        <FlexRender cell={cell} />
      </div>
    ))}
  </div>
)

/** One row, rendered again only when it moves, changes state or its data changes. */
const GridRow = memo(GridRowImpl) as typeof GridRowImpl
