import { useCallback, useDeferredValue, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { PageRow } from '../../../../shared/domain/catalog'
import { useStore } from '../../store'
import { rowKey } from '../../store/catalog-slice'
import { DataTable } from '../table/DataTable'
import { columnHelper } from '../table/features'
import { BulkBar } from '../bulk/BulkBar'
import { formatDate } from '../shell/format'
import { PublishedPill, UrlCell } from './cells'
import { FilterBar, FilterSelect } from './FilterBar'
import { filterPages, type PublishedFilter } from './filter'
import { FolderTree } from './FolderTree'
import { StaleNotice } from './StaleNotice'
import { useCatalog, usePortalNames, useShownPortals } from './use-catalog'

const WIDTHS = ['minmax(110px, 0.8fr)', 'minmax(200px, 2.2fr)', 'minmax(140px, 1.2fr)', '90px', 'minmax(160px, 1.6fr)', '170px']

/** Every page of every shown portal (20,000 rows scroll fine), or one site's pages and folders. */
export const PagesView = () => {
  const { t, i18n } = useTranslation()
  const entry = useCatalog('pages')
  const sites = useCatalog('sites')
  const folders = useCatalog('folders')
  const filter = useStore((s) => s.filters.pages)
  const setFilter = useStore((s) => s.setFilter)
  const site = useStore((s) => s.site)
  const folderId = useStore((s) => s.folderId)
  const openSite = useStore((s) => s.openSite)
  const selected = useStore((s) => s.selection.pages)
  const toggle = useStore((s) => s.toggleSelected)
  const range = useStore((s) => s.selectRange)
  const setMany = useStore((s) => s.setSelected)
  const loadCatalog = useStore((s) => s.loadCatalog)
  const names = usePortalNames()
  const portalIds = useShownPortals(filter.portal)
  const text = useDeferredValue(filter.text)

  const siteTitles = useMemo(() => new Map(sites.rows.map((s) => [rowKey(s), s.title])), [sites.rows])
  const currentSite = site ? sites.rows.find((s) => s.portalId === site.portalId && s.id === site.siteId) : undefined
  const siteFolders = useMemo(
    () => (site ? folders.rows.filter((f) => f.portalId === site.portalId && f.siteId === site.siteId) : []),
    [folders.rows, site]
  )

  const rows = useMemo(
    () => filterPages(entry.rows, { portalIds, text, state: filter.state, site, folderId: site ? folderId : null }),
    [entry.rows, portalIds, text, filter.state, site, folderId]
  )
  const total = useMemo(() => entry.rows.filter((r) => portalIds.has(r.portalId)).length, [entry.rows, portalIds])

  const columns = useMemo(() => {
    const h = columnHelper<PageRow>()
    const lang = i18n.language
    const yes = t('table.yes')
    const no = t('table.no')
    return [
      h.accessor((r) => names.get(r.portalId) ?? r.portalId, { id: 'portal', header: t('columns.portal'), sortFn: 'text' }),
      h.accessor('title', { header: t('columns.title'), sortFn: 'text', cell: (c) => <span className="ellipsis">{c.getValue()}</span> }),
      h.accessor((r) => siteTitles.get(`${r.portalId}|${r.siteId}`) ?? `#${r.siteId}`, {
        id: 'site',
        header: t('columns.site'),
        sortFn: 'text',
        cell: (c) => <span className="ellipsis">{c.getValue()}</span>
      }),
      h.accessor('published', { header: t('columns.published'), sortFn: 'basic', cell: (c) => <PublishedPill on={c.getValue()} yes={yes} no={no} /> }),
      h.accessor('publicUrl', { header: t('columns.publicUrl'), sortFn: 'text', cell: (c) => <UrlCell url={c.getValue()} /> }),
      h.accessor('modifiedAt', { header: t('columns.modified'), sortFn: 'text', cell: (c) => formatDate(c.getValue(), lang) })
    ]
  }, [t, i18n.language, names, siteTitles])

  const onToggle = useCallback((k: string) => toggle('pages', k), [toggle])
  const onRange = useCallback((keys: readonly string[], k: string) => range('pages', keys, k), [range])
  const onSetMany = useCallback((keys: string[], on: boolean) => setMany('pages', keys, on), [setMany])

  return (
    <section className="view" aria-label={t('views.pages')}>
      {site && (
        <nav className="breadcrumbs" aria-label="breadcrumbs">
          <button type="button" className="link-button" onClick={() => openSite(null)}>
            {t('sites.allSites')}
          </button>
          <span aria-hidden="true"> › </span>
          <span aria-current="page">
            {names.get(site.portalId)}: {currentSite?.title ?? `#${site.siteId}`}
          </span>
        </nav>
      )}
      <FilterBar
        text={filter.text}
        onText={(v) => setFilter('pages', { text: v })}
        portal={filter.portal}
        onPortal={(v) => setFilter('pages', { portal: v })}
        shown={rows.length}
        total={total}
        refreshing={entry.refreshing}
        onRefresh={() => {
          void loadCatalog('pages', { refresh: true })
          void loadCatalog('folders', { refresh: true })
        }}
      >
        <FilterSelect<PublishedFilter>
          label={t('filters.state')}
          value={filter.state}
          onChange={(v) => setFilter('pages', { state: v })}
          options={[
            { value: 'all', label: t('filters.allStates') },
            { value: 'published', label: t('filters.published') },
            { value: 'unpublished', label: t('filters.unpublished') }
          ]}
        />
      </FilterBar>
      <StaleNotice entry={entry} portalIds={portalIds} />
      <div className={site ? 'table-area split' : 'table-area'}>
        {site && <FolderTree folders={siteFolders} />}
        <DataTable
          label={t('views.pages')}
          rows={rows}
          columns={columns}
          widths={WIDTHS}
          getKey={rowKey}
          getTitle={(r) => r.title}
          selected={selected}
          onToggle={onToggle}
          onRange={onRange}
          onSetMany={onSetMany}
          onOpen={(r) =>
            useStore
              .getState()
              .openPreview({ portalId: r.portalId, kind: 'page', id: r.id, scope: r.scope, title: r.title, publicUrl: r.publicUrl })
          }
          loading={entry.loading}
        />
      </div>
      <BulkBar kind="pages" />
    </section>
  )
}
