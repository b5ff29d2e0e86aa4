import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { SiteRow } from '../../../../shared/domain/catalog'
import { useStore } from '../../store'
import { columnHelper } from '../table/sorting'
import { targetKey } from '../../store/outbox-slice'
import { DateCell, StateCell, stateLabels, UrlCell } from './cells'
import { CatalogView, portalColumn, StateFilter, useCatalogView } from './CatalogView'
import { FilterSelect } from './FilterBar'
import { filterSites } from './filter'

const SITE_TYPES = ['PAGE', 'STORE', 'SMN', 'KNOWLEDGE', 'GROUP', 'MAINPAGE'] as const
const WIDTHS = [
  'minmax(110px, 0.8fr)',
  'minmax(180px, 2fr)',
  '150px',
  '100px',
  '120px',
  'minmax(160px, 1.6fr)',
  '170px'
]

/** Sites and knowledge bases of every shown portal in one table; Enter drills into a site. */
export const SitesView = () => {
  const { t, i18n } = useTranslation()
  const view = useCatalogView('sites')
  const { entry, filter, setFilter, names, portalIds, text } = view
  const openSite = useStore((s) => s.openSite)

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

  const columns = useMemo(() => {
    const h = columnHelper<SiteRow>()
    const lang = i18n.language
    const labels = stateLabels(t)
    const dateLabels = { short: t('rowState.dateAmbiguous'), hint: t('rowState.dateAmbiguousHint') }
    return [
      portalColumn<SiteRow>(t, names),
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
      h.accessor('type', {
        header: t('columns.type'),
        sortFn: 'text',
        cell: (c) => t(`types.${c.getValue()}`)
      }),
      h.accessor('scope', {
        header: t('columns.scope'),
        sortFn: 'text',
        cell: (c) => t(`scopes.${c.getValue() || 'none'}`)
      }),
      h.accessor('published', {
        header: t('columns.published'),
        sortFn: 'basic',
        cell: (c) => (
          <StateCell
            on={c.getValue()}
            target={targetKey('site', c.row.original.portalId, c.row.original.id)}
            labels={labels}
          />
        )
      }),
      h.accessor('publicUrl', {
        header: t('columns.publicUrl'),
        sortFn: 'text',
        cell: (c) => <UrlCell url={c.getValue()} />
      }),
      h.accessor('modifiedAt', {
        header: t('columns.modified'),
        sortFn: 'date',
        cell: (c) => (
          <DateCell
            iso={c.getValue()}
            ambiguous={c.row.original.modifiedAtAmbiguous}
            language={lang}
            labels={dateLabels}
          />
        )
      })
    ]
  }, [t, i18n.language, names, openSite])

  return (
    <CatalogView
      kind="sites"
      view={view}
      rows={rows}
      columns={columns}
      widths={WIDTHS}
      onOpen={(r) => openSite({ portalId: r.portalId, siteId: r.id })}
      filters={
        <>
          <FilterSelect
            label={t('filters.type')}
            value={filter.type}
            onChange={(v) => setFilter({ type: v })}
            options={[
              { value: 'all', label: t('filters.allTypes') },
              ...SITE_TYPES.map((v) => ({ value: v, label: t(`types.${v}`) }))
            ]}
          />
          <StateFilter value={filter.state} onChange={(v) => setFilter({ state: v })} />
        </>
      }
    />
  )
}
