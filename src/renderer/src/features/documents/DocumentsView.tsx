import { useCallback, useDeferredValue, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DocumentRow } from '../../../../shared/domain/catalog'
import { useStore } from '../../store'
import { rowKey } from '../../store/catalog-slice'
import { DataTable } from '../table/DataTable'
import { columnHelper } from '../table/features'
import { BulkBar } from '../bulk/BulkBar'
import { formatDate } from '../shell/format'
import { FilterBar, FilterSelect } from '../catalog/FilterBar'
import { documentLink, filterDocuments, type LinkFilter } from '../catalog/filter'
import { StaleNotice } from '../catalog/StaleNotice'
import { useCatalog, usePortalNames, useShownPortals } from '../catalog/use-catalog'
import { DocumentDetail } from './DocumentDetail'

const WIDTHS = ['minmax(110px, 0.8fr)', 'minmax(200px, 2fr)', '120px', '120px', '150px', '80px']
const ENTITY: Record<number, string> = { 1: 'Lead', 2: 'Deal', 3: 'Contact', 4: 'Company', 7: 'Quote', 31: 'Invoice' }

/** CRM documents of every shown portal, with their public links. */
export const DocumentsView = () => {
  const { t, i18n } = useTranslation()
  const entry = useCatalog('documents')
  const filter = useStore((s) => s.filters.documents)
  const setFilter = useStore((s) => s.setFilter)
  const links = useStore((s) => s.documentLinks)
  const selected = useStore((s) => s.selection.documents)
  const toggle = useStore((s) => s.toggleSelected)
  const range = useStore((s) => s.selectRange)
  const setMany = useStore((s) => s.setSelected)
  const loadCatalog = useStore((s) => s.loadCatalog)
  const names = usePortalNames()
  const portalIds = useShownPortals(filter.portal)
  const text = useDeferredValue(filter.text)
  const [active, setActive] = useState<DocumentRow | null>(null)

  const rows = useMemo(
    () => filterDocuments(entry.rows, { portalIds, text, link: filter.link, links }),
    [entry.rows, portalIds, text, filter.link, links]
  )
  const total = useMemo(() => entry.rows.filter((r) => portalIds.has(r.portalId)).length, [entry.rows, portalIds])

  const columns = useMemo(() => {
    const h = columnHelper<DocumentRow>()
    const lang = i18n.language
    return [
      h.accessor((r) => names.get(r.portalId) ?? r.portalId, { id: 'portal', header: t('columns.portal'), sortFn: 'text' }),
      h.accessor('title', { header: t('columns.title'), sortFn: 'text', cell: (c) => <span className="ellipsis">{c.getValue()}</span> }),
      h.accessor('number', { header: t('columns.number'), sortFn: 'alphanumeric' }),
      h.accessor((r) => (r.entityTypeId ? `${ENTITY[r.entityTypeId] ?? r.entityTypeId} #${r.entityId ?? ''}` : ''), {
        id: 'entity',
        header: t('columns.entity'),
        sortFn: 'text'
      }),
      h.accessor('createdAt', { header: t('columns.created'), sortFn: 'text', cell: (c) => formatDate(c.getValue(), lang) }),
      h.accessor((r) => documentLink(r, links), {
        id: 'link',
        header: t('columns.link'),
        enableSorting: false,
        cell: (c) => {
          const v = c.getValue()
          if (v === undefined) return <span className="muted">{t('documents.linkUnknown')}</span>
          return <span className={v ? 'pill pill-on' : 'pill'}>{v ? t('documents.linkOn') : t('documents.linkOff')}</span>
        }
      })
    ]
  }, [t, i18n.language, names, links])

  const onToggle = useCallback((k: string) => toggle('documents', k), [toggle])
  const onRange = useCallback((keys: readonly string[], k: string) => range('documents', keys, k), [range])
  const onSetMany = useCallback((keys: string[], on: boolean) => setMany('documents', keys, on), [setMany])

  return (
    <section className="view" aria-label={t('views.documents')}>
      <FilterBar
        text={filter.text}
        onText={(v) => setFilter('documents', { text: v })}
        portal={filter.portal}
        onPortal={(v) => setFilter('documents', { portal: v })}
        shown={rows.length}
        total={total}
        refreshing={entry.refreshing}
        onRefresh={() => void loadCatalog('documents', { refresh: true })}
      >
        <FilterSelect<LinkFilter>
          label={t('filters.link')}
          value={filter.link}
          onChange={(v) => setFilter('documents', { link: v })}
          options={[
            { value: 'all', label: t('filters.anyLink') },
            { value: 'on', label: t('documents.linkOn') },
            { value: 'off', label: t('documents.linkOff') }
          ]}
        />
      </FilterBar>
      <StaleNotice entry={entry} portalIds={portalIds} />
      <div className="table-area split split-right">
        <DataTable
          label={t('views.documents')}
          rows={rows}
          columns={columns}
          widths={WIDTHS}
          getKey={rowKey}
          getTitle={(r) => r.title}
          selected={selected}
          onToggle={onToggle}
          onRange={onRange}
          onSetMany={onSetMany}
          onOpen={setActive}
          onActiveChange={setActive}
          loading={entry.loading}
        />
        <DocumentDetail key={active ? rowKey(active) : "none"} doc={active} />
      </div>
      <BulkBar kind="documents" />
    </section>
  )
}
