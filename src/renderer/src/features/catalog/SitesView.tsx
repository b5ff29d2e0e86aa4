import { useCallback, useDeferredValue, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { SiteRow } from '../../../../shared/domain/catalog'
import { useStore } from '../../store'
import { rowKey } from '../../store/catalog-slice'
import { DataTable } from '../table/DataTable'
import { columnHelper } from '../table/features'
import { BulkBar } from '../bulk/BulkBar'
import { formatDate } from '../shell/format'
import { PublishedPill, UrlCell } from './cells'
import { FilterBar, FilterSelect } from './FilterBar'
import { filterSites, type PublishedFilter } from './filter'
import { StaleNotice } from './StaleNotice'
import { useCatalog, usePortalNames, useShownPortals } from './use-catalog'

const SITE_TYPES = ['PAGE', 'STORE', 'SMN', 'KNOWLEDGE', 'GROUP', 'MAINPAGE'] as const
const WIDTHS = ['minmax(110px, 0.8fr)', 'minmax(180px, 2fr)', '130px', '100px', '90px', 'minmax(160px, 1.6fr)', '170px']

/** Sites and knowledge bases of every shown portal in one table; Enter drills into a site. */
export const SitesView = () => {
  const { t, i18n } = useTranslation()
  const entry = useCatalog('sites')
  const filter = useStore((s) => s.filters.sites)
  const setFilter = useStore((s) => s.setFilter)
  const selected = useStore((s) => s.selection.sites)
  const toggle = useStore((s) => s.toggleSelected)
  const range = useStore((s) => s.selectRange)
  const setMany = useStore((s) => s.setSelected)
  const openSite = useStore((s) => s.openSite)
  const loadCatalog = useStore((s) => s.loadCatalog)
  const names = usePortalNames()
  const portalIds = useShownPortals(filter.portal)
  const text = useDeferredValue(filter.text)

  const rows = useMemo(
    () =>
      filterSites(entry.rows, {
        portalIds,
        text,
        type: filter.type as SiteRow['type'] | 'all',
        state: filter.state
      }),
    [entry.rows, portalIds, text, filter.type, filter.state]
  )
  const total = useMemo(() => entry.rows.filter((r) => portalIds.has(r.portalId)).length, [entry.rows, portalIds])

  const columns = useMemo(() => {
    const h = columnHelper<SiteRow>()
    const lang = i18n.language
    const yes = t('table.yes')
    const no = t('table.no')
    return [
      h.accessor((r) => names.get(r.portalId) ?? r.portalId, { id: 'portal', header: t('columns.portal'), sortFn: 'text' }),
      h.accessor('title', {
        header: t('columns.title'),
        sortFn: 'text',
        cell: (c) => (
          <span className="title-cell">
            <span className="ellipsis">{c.getValue()}</span>
            <button
              type="button"
              tabIndex={-1}
              className="open-button"
              aria-label={t('sites.open', { title: c.getValue() })}
              onClick={(e) => {
                e.stopPropagation()
                openSite({ portalId: c.row.original.portalId, siteId: c.row.original.id })
              }}
            >
              ›
            </button>
          </span>
        )
      }),
      h.accessor('type', { header: t('columns.type'), sortFn: 'text', cell: (c) => t(`types.${c.getValue()}`) }),
      h.accessor('scope', { header: t('columns.scope'), sortFn: 'text', cell: (c) => t(`scopes.${c.getValue() || 'none'}`) }),
      h.accessor('published', { header: t('columns.published'), sortFn: 'basic', cell: (c) => <PublishedPill on={c.getValue()} yes={yes} no={no} /> }),
      h.accessor('publicUrl', { header: t('columns.publicUrl'), sortFn: 'text', cell: (c) => <UrlCell url={c.getValue()} /> }),
      h.accessor('modifiedAt', { header: t('columns.modified'), sortFn: 'text', cell: (c) => formatDate(c.getValue(), lang) })
    ]
  }, [t, i18n.language, names, openSite])

  const onToggle = useCallback((k: string) => toggle('sites', k), [toggle])
  const onRange = useCallback((keys: readonly string[], k: string) => range('sites', keys, k), [range])
  const onSetMany = useCallback((keys: string[], on: boolean) => setMany('sites', keys, on), [setMany])

  return (
    <section className="view" aria-label={t('views.sites')}>
      <FilterBar
        text={filter.text}
        onText={(v) => setFilter('sites', { text: v })}
        portal={filter.portal}
        onPortal={(v) => setFilter('sites', { portal: v })}
        shown={rows.length}
        total={total}
        refreshing={entry.refreshing}
        onRefresh={() => void loadCatalog('sites', { refresh: true })}
      >
        <FilterSelect
          label={t('filters.type')}
          value={filter.type}
          onChange={(v) => setFilter('sites', { type: v })}
          options={[{ value: 'all', label: t('filters.allTypes') }, ...SITE_TYPES.map((v) => ({ value: v, label: t(`types.${v}`) }))]}
        />
        <FilterSelect<PublishedFilter>
          label={t('filters.state')}
          value={filter.state}
          onChange={(v) => setFilter('sites', { state: v })}
          options={[
            { value: 'all', label: t('filters.allStates') },
            { value: 'published', label: t('filters.published') },
            { value: 'unpublished', label: t('filters.unpublished') }
          ]}
        />
      </FilterBar>
      <StaleNotice entry={entry} portalIds={portalIds} />
      <DataTable
        label={t('views.sites')}
        rows={rows}
        columns={columns}
        widths={WIDTHS}
        getKey={rowKey}
        getTitle={(r) => r.title}
        selected={selected}
        onToggle={onToggle}
        onRange={onRange}
        onSetMany={onSetMany}
        onOpen={(r) => openSite({ portalId: r.portalId, siteId: r.id })}
        loading={entry.loading}
      />
      <BulkBar kind="sites" />
    </section>
  )
}
