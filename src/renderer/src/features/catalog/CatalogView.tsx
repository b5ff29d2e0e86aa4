import { useCallback, useDeferredValue, useEffect, useMemo, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { useStore } from '../../store'
import { rowKey } from '../../store/catalog-slice'
import type { CatalogEntry, CatalogRowTypes } from '../../store/types'
import type { SelectableKind } from '../../store/types'
import type { ViewFilters } from '../../store/types'
import { BulkBar } from '../bulk/BulkBar'
import { prepareTextOrder } from '../table/collation'
import { DataTable } from '../table/DataTable'
import { columnHelper, type Column } from '../table/sorting'
import { FilterBar, FilterSelect } from './FilterBar'
import type { PublishedFilter } from './filter'
import { StaleNotice } from './StaleNotice'
import { useCatalog, usePortalNames, useShownPortals } from './use-catalog'

type CatalogRow = { portalId: string; id: number; title: string }

/**
 * What every catalog table starts from: its rows (cached first, then fresh), its filters from the
 * store, the portals it shows (sidebar and its own portal filter) and how many rows those have.
 */
export const useCatalogView = <K extends SelectableKind>(kind: K) => {
  const entry = useCatalog(kind) as CatalogEntry<CatalogRowTypes[K]>
  const filter = useStore((s) => s.filters[kind]) as ViewFilters[K]
  const setFilters = useStore((s) => s.setFilter)
  const setFilter = useCallback(
    (patch: Partial<ViewFilters[K]>) => setFilters(kind, patch),
    [setFilters, kind]
  )
  const names = usePortalNames()
  const portalIds = useShownPortals(filter.portal)
  // Typing stays responsive on 20,000 rows: the table filters with the deferred text.
  const text = useDeferredValue(filter.text)
  const total = useMemo(
    () => entry.rows.filter((r) => portalIds.has(r.portalId)).length,
    [entry.rows, portalIds]
  )
  // Ranked between frames, so that sorting by title or portal compares numbers (see collation.ts).
  useEffect(() => {
    void prepareTextOrder(entry.rows.map((r) => r.title))
  }, [entry.rows])
  useEffect(() => {
    void prepareTextOrder(names.values())
  }, [names])
  return { entry, filter, setFilter, names, portalIds, text, total }
}

export type CatalogViewState<K extends SelectableKind> = ReturnType<typeof useCatalogView<K>>

/** The portal column every catalog table opens with: sorted by the portal's name. */
export const portalColumn = <T extends CatalogRow>(t: TFunction, names: Map<string, string>): Column<T> =>
  columnHelper<T>().accessor((r) => names.get(r.portalId) ?? r.portalId, {
    id: 'portal',
    header: t('columns.portal'),
    sortFn: 'text'
  })

/** A plain title column; the cell itself ends long titles in an ellipsis, with no element of its own. */
export const titleColumn = <T extends CatalogRow>(t: TFunction): Column<T> =>
  columnHelper<T>().accessor((r) => r.title, { id: 'title', header: t('columns.title'), sortFn: 'text' })

/** Published or not, for the views of landing objects. */
export const StateFilter = ({
  value,
  onChange
}: {
  value: PublishedFilter
  onChange(value: PublishedFilter): void
}) => {
  const { t } = useTranslation()
  return (
    <FilterSelect<PublishedFilter>
      label={t('filters.state')}
      value={value}
      onChange={onChange}
      options={[
        { value: 'all', label: t('filters.allStates') },
        { value: 'published', label: t('filters.published') },
        { value: 'unpublished', label: t('filters.unpublished') }
      ]}
    />
  )
}

interface CatalogViewProps<K extends SelectableKind> {
  kind: K
  view: CatalogViewState<K>
  /** The filtered rows the table shows. */
  rows: CatalogRowTypes[K][]
  columns: Column<CatalogRowTypes[K]>[]
  widths: string[]
  /** The view's own filter selects, between the portal filter and the count. */
  filters?: ReactNode
  /** Above the filters (the pages view's breadcrumbs). */
  header?: ReactNode
  /** A pane beside the table: folders on its left, a document's details on its right. */
  aside?: { side: 'left' | 'right'; node: ReactNode }
  /** Defaults to refreshing this view's kind. */
  onRefresh?(): void
  onOpen?(row: CatalogRowTypes[K]): void
  onActiveChange?(row: CatalogRowTypes[K] | null): void
}

/**
 * The frame of the sites, pages and documents views: filter bar, stale notice, the selectable
 * virtualized table (with a pane beside it if the view has one), and the bulk bar.
 */
export const CatalogView = <K extends SelectableKind>(p: CatalogViewProps<K>) => {
  const { t } = useTranslation()
  const { kind, view } = p
  const { entry, filter, setFilter, portalIds, total } = view
  const selected = useStore((s) => s.selection[kind])
  const toggle = useStore((s) => s.toggleSelected)
  const range = useStore((s) => s.selectRange)
  const setMany = useStore((s) => s.setSelected)
  const loadCatalog = useStore((s) => s.loadCatalog)
  const onToggle = useCallback((k: string) => toggle(kind, k), [toggle, kind])
  const onRange = useCallback((keys: readonly string[], k: string) => range(kind, keys, k), [range, kind])
  const onSetMany = useCallback((keys: string[], on: boolean) => setMany(kind, keys, on), [setMany, kind])
  const label = t(`views.${kind}`)
  const aside = p.aside?.node

  const table = (
    <DataTable<CatalogRowTypes[K]>
      label={label}
      rows={p.rows}
      columns={p.columns}
      widths={p.widths}
      getKey={rowKey}
      selected={selected}
      onToggle={onToggle}
      onRange={onRange}
      onSetMany={onSetMany}
      onOpen={p.onOpen}
      onActiveChange={p.onActiveChange}
      loading={entry.loading}
    />
  )

  return (
    <section className="view" aria-label={label}>
      {p.header}
      <FilterBar
        text={filter.text}
        onText={(v) => setFilter({ text: v } as Partial<ViewFilters[K]>)}
        portal={filter.portal}
        onPortal={(v) => setFilter({ portal: v } as Partial<ViewFilters[K]>)}
        shown={p.rows.length}
        total={total}
        refreshing={entry.refreshing}
        onRefresh={p.onRefresh ?? (() => void loadCatalog(kind, { refresh: true }))}
      >
        {p.filters}
      </FilterBar>
      <StaleNotice entry={entry} portalIds={portalIds} />
      <div
        className={
          aside ? `table-area split${p.aside?.side === 'right' ? ' split-right' : ''}` : 'table-area'
        }
      >
        {p.aside?.side === 'left' && aside}
        {table}
        {p.aside?.side === 'right' && aside}
      </div>
      <BulkBar kind={kind} />
    </section>
  )
}
