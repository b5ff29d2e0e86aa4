import { useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { PageRow } from '../../../../shared/domain/catalog'
import { useStore } from '../../store'
import { rowKey } from '../../store/catalog-slice'
import { prepareTextOrder } from '../table/collation'
import { columnHelper } from '../table/sorting'
import { targetKey } from '../../store/outbox-slice'
import { DateCell, StateCell, stateLabels } from './cells'
import { CatalogView, portalColumn, StateFilter, titleColumn, useCatalogView } from './CatalogView'
import { filterPages, preparePageFilter } from './filter'
import { FolderTree } from './FolderTree'
import { RowLinkCell } from './links'
import { useCatalog } from './use-catalog'
import { portalKey } from '../../store/keys'

const WIDTHS = [
  'minmax(110px, 0.8fr)',
  'minmax(200px, 2.2fr)',
  'minmax(140px, 1.2fr)',
  '120px',
  'minmax(160px, 1.6fr)',
  '170px'
]

/** Every page of every shown portal (20,000 rows scroll fine), or one site's pages and folders. */
export const PagesView = () => {
  const { t, i18n } = useTranslation()
  const view = useCatalogView('pages')
  const { entry, filter, setFilter, names, portalIds, text } = view
  const sites = useCatalog('sites')
  const folders = useCatalog('folders')
  const site = useStore((s) => s.site)
  const folderId = useStore((s) => s.folderId)
  const openSite = useStore((s) => s.openSite)
  const loadCatalog = useStore((s) => s.loadCatalog)

  const siteTitles = useMemo(() => new Map(sites.rows.map((s) => [rowKey(s), s.title])), [sites.rows])
  useEffect(() => {
    void prepareTextOrder(siteTitles.values())
  }, [siteTitles])
  const currentSite = site
    ? sites.rows.find((s) => s.portalId === site.portalId && s.id === site.siteId)
    : undefined
  const siteFolders = useMemo(
    () => (site ? folders.rows.filter((f) => f.portalId === site.portalId && f.siteId === site.siteId) : []),
    [folders.rows, site]
  )

  // The filter's lower-cased texts are made between frames, before anyone types.
  useEffect(() => {
    void preparePageFilter(entry.rows)
  }, [entry.rows])

  const rows = useMemo(
    () =>
      filterPages(entry.rows, {
        portalIds,
        text,
        state: filter.state,
        site,
        folderId: site ? folderId : null
      }),
    [entry.rows, portalIds, text, filter.state, site, folderId]
  )

  const columns = useMemo(() => {
    const h = columnHelper<PageRow>()
    const lang = i18n.language
    const labels = stateLabels(t)
    const dateLabels = { short: t('rowState.dateAmbiguous'), hint: t('rowState.dateAmbiguousHint') }
    const linkLabels = { open: t('previews.openBrowser'), copy: t('links.copy'), pending: t('links.pending') }
    return [
      portalColumn<PageRow>(t, names),
      titleColumn<PageRow>(t),
      h.accessor((r) => siteTitles.get(portalKey(r.portalId, r.siteId)) ?? `#${r.siteId}`, {
        id: 'site',
        header: t('columns.site'),
        sortFn: 'text'
      }),
      // Live pages first when sorted descending, then pages active under an unpublished site.
      h.accessor((r) => (r.published ? (r.siteActive === false ? 1 : 2) : 0), {
        id: 'published',
        header: t('columns.published'),
        sortFn: 'basic',
        cell: (c) => {
          const r = c.row.original
          return (
            <StateCell
              on={r.published}
              siteActive={r.siteActive}
              target={targetKey('page', r.portalId, r.id)}
              labels={labels}
            />
          )
        }
      }),
      // PUBLIC=N on a live page: edits wait for the next publication (a site publication publishes them).
      h.accessor((r) => (r.published && r.edited === true ? 1 : 0), {
        id: 'edited',
        header: t('columns.edited'),
        sortFn: 'basic',
        cell: (c) =>
          c.getValue() === 1 ? (
            <span className="row-edited" data-testid="page-edited" title={t('rowState.editedHint')}>
              {t('rowState.edited')}
            </span>
          ) : null
      }),
      // Page rows carry no address: it is asked for when Open or Copy is used.
      h.display({
        id: 'publicUrl',
        header: t('columns.publicUrl'),
        cell: (c) => {
          const r = c.row.original
          return (
            <RowLinkCell
              target={{ portalId: r.portalId, kind: 'page', id: r.id, scope: r.scope }}
              labels={linkLabels}
            />
          )
        }
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
  }, [t, i18n.language, names, siteTitles])

  return (
    <CatalogView
      kind="pages"
      view={view}
      rows={rows}
      columns={columns}
      widths={WIDTHS}
      header={
        site && (
          <nav className="breadcrumbs" aria-label="breadcrumbs">
            <button type="button" className="link-button" onClick={() => openSite(null)}>
              {t('sites.allSites')}
            </button>
            <span aria-hidden="true"> › </span>
            <span aria-current="page">
              {names.get(site.portalId)}: {currentSite?.title ?? `#${site.siteId}`}
            </span>
          </nav>
        )
      }
      filters={<StateFilter value={filter.state} onChange={(v) => setFilter({ state: v })} />}
      onRefresh={() => {
        void loadCatalog('pages', { refresh: true })
        void loadCatalog('folders', { refresh: true })
      }}
      aside={site ? { side: 'left', node: <FolderTree folders={siteFolders} /> } : undefined}
      onOpen={(r) =>
        useStore.getState().openPreview({
          portalId: r.portalId,
          kind: 'page',
          id: r.id,
          scope: r.scope,
          title: r.title,
          publicUrl: r.publicUrl
        })
      }
    />
  )
}
