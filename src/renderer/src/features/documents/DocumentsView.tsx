import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DocumentRow } from '../../../../shared/domain/catalog'
import { useStore } from '../../store'
import { rowKey } from '../../store/catalog-slice'
import { columnHelper } from '../table/sorting'
import { formatDate } from '../shell/format'
import { CatalogView, portalColumn, titleColumn, useCatalogView } from '../catalog/CatalogView'
import { FilterSelect } from '../catalog/FilterBar'
import { documentLink, filterDocuments, type LinkFilter } from '../catalog/filter'
import { DocumentDetail } from './DocumentDetail'

// The link state comes right after the title: it is what this view is for, and stays in sight when the detail pane narrows the table.
const WIDTHS = ['minmax(110px, 0.8fr)', 'minmax(200px, 2fr)', '110px', '120px', '120px', '150px']
const ENTITY: Record<number, string> = {
  1: 'Lead',
  2: 'Deal',
  3: 'Contact',
  4: 'Company',
  7: 'Quote',
  31: 'Invoice'
}

/** CRM documents of every shown portal, with their public links. */
export const DocumentsView = () => {
  const { t, i18n } = useTranslation()
  const view = useCatalogView('documents')
  const { entry, filter, setFilter, names, portalIds, text } = view
  const links = useStore((s) => s.documentLinks)
  const [active, setActive] = useState<DocumentRow | null>(null)

  const rows = useMemo(
    () => filterDocuments(entry.rows, { portalIds, text, link: filter.link, links }),
    [entry.rows, portalIds, text, filter.link, links]
  )

  const columns = useMemo(() => {
    const h = columnHelper<DocumentRow>()
    const lang = i18n.language
    return [
      portalColumn<DocumentRow>(t, names),
      titleColumn<DocumentRow>(t),
      h.accessor((r) => documentLink(r, links), {
        id: 'link',
        header: t('columns.link'),
        enableSorting: false,
        cell: (c) => {
          const v = c.getValue()
          if (v === undefined) return <span className="muted">{t('documents.linkUnknown')}</span>
          return (
            <span className={v ? 'pill pill-on' : 'pill'}>
              {v ? t('documents.linkOn') : t('documents.linkOff')}
            </span>
          )
        }
      }),
      h.accessor('number', { header: t('columns.number'), sortFn: 'alphanumeric' }),
      h.accessor(
        (r) => (r.entityTypeId ? `${ENTITY[r.entityTypeId] ?? r.entityTypeId} #${r.entityId ?? ''}` : ''),
        {
          id: 'entity',
          header: t('columns.entity'),
          sortFn: 'text'
        }
      ),
      h.accessor('createdAt', {
        header: t('columns.created'),
        sortFn: 'date',
        cell: (c) => formatDate(c.getValue(), lang)
      })
    ]
  }, [t, i18n.language, names, links])

  return (
    <CatalogView
      kind="documents"
      view={view}
      rows={rows}
      columns={columns}
      widths={WIDTHS}
      filters={
        <FilterSelect<LinkFilter>
          label={t('filters.link')}
          value={filter.link}
          onChange={(v) => setFilter({ link: v })}
          options={[
            { value: 'all', label: t('filters.anyLink') },
            { value: 'on', label: t('documents.linkOn') },
            { value: 'off', label: t('documents.linkOff') }
          ]}
        />
      }
      onOpen={setActive}
      onActiveChange={setActive}
      aside={{ side: 'right', node: <DocumentDetail key={active ? rowKey(active) : 'none'} doc={active} /> }}
    />
  )
}
