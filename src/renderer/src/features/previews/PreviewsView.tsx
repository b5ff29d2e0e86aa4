import { useDeferredValue, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useStore } from '../../store'
import { rowKey } from '../../store/catalog-slice'
import type { PreviewTarget } from '../../store/types'
import { filterPages } from '../catalog/filter'
import { useCatalog, useShownPortals } from '../catalog/use-catalog'
import { PreviewCard } from './PreviewCard'
import { targetKey } from '../../store/keys'

const PAGE = 60

/** The selected sites and pages as a gallery; with nothing selected, the pages the filter shows. */
export const PreviewsView = () => {
  const { t } = useTranslation()
  const sites = useCatalog('sites')
  const pages = useCatalog('pages')
  const selectedSites = useStore((s) => s.selection.sites)
  const selectedPages = useStore((s) => s.selection.pages)
  const pageFilter = useStore((s) => s.filters.pages)
  const site = useStore((s) => s.site)
  const folderId = useStore((s) => s.folderId)
  const portalIds = useShownPortals(pageFilter.portal)
  const text = useDeferredValue(pageFilter.text)
  const [limit, setLimit] = useState(PAGE)

  const targets = useMemo((): PreviewTarget[] => {
    if (selectedSites.size > 0 || selectedPages.size > 0) {
      return [
        ...sites.rows
          .filter((r) => selectedSites.has(rowKey(r)))
          .map((r) => ({
            portalId: r.portalId,
            kind: 'site' as const,
            id: r.id,
            scope: r.scope,
            title: r.title,
            publicUrl: r.publicUrl
          })),
        ...pages.rows
          .filter((r) => selectedPages.has(rowKey(r)))
          .map((r) => ({
            portalId: r.portalId,
            kind: 'page' as const,
            id: r.id,
            scope: r.scope,
            title: r.title,
            publicUrl: r.publicUrl
          }))
      ]
    }
    return filterPages(pages.rows, {
      portalIds,
      text,
      state: pageFilter.state,
      site,
      folderId: site ? folderId : null
    }).map((r) => ({
      portalId: r.portalId,
      kind: 'page' as const,
      id: r.id,
      scope: r.scope,
      title: r.title,
      publicUrl: r.publicUrl
    }))
  }, [
    sites.rows,
    pages.rows,
    selectedSites,
    selectedPages,
    portalIds,
    text,
    pageFilter.state,
    site,
    folderId
  ])

  const shown = targets.slice(0, limit)
  return (
    <section className="view previews" aria-label={t('views.previews')}>
      <p className="muted">{t('previews.intro')}</p>
      {targets.length === 0 ? (
        <p className="grid-empty">{t('previews.empty')}</p>
      ) : (
        <>
          <p className="muted small">{t('previews.count', { shown: shown.length, count: targets.length })}</p>
          <ul className="gallery" aria-label={t('views.previews')}>
            {shown.map((target) => (
              <PreviewCard key={targetKey(target.kind, target.portalId, target.id)} target={target} />
            ))}
          </ul>
          {targets.length > limit && (
            <button type="button" className="more" onClick={() => setLimit((l) => l + PAGE)}>
              {t('previews.more')}
            </button>
          )}
        </>
      )}
    </section>
  )
}
