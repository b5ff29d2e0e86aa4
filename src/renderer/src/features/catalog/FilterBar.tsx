import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useStore } from '../../store'

interface Props {
  text: string
  onText(text: string): void
  portal: string
  onPortal(portal: string): void
  shown: number
  total: number
  refreshing: boolean
  onRefresh(): void
  children?: ReactNode
}

/** The row of filters above every table: text, portal, the view's own selects, count, refresh. */
export const FilterBar = (p: Props) => {
  const { t } = useTranslation()
  const id = useId()
  const portals = useStore((s) => s.portals)
  return (
    <div className="filter-bar" role="search">
      <label htmlFor={`${id}-q`} className="visually-hidden">
        {t('filters.search')}
      </label>
      <input
        id={`${id}-q`}
        type="search"
        className="search"
        placeholder={t('filters.searchPlaceholder')}
        value={p.text}
        onChange={(e) => p.onText(e.target.value)}
      />
      <label htmlFor={`${id}-portal`} className="visually-hidden">
        {t('filters.portal')}
      </label>
      <select id={`${id}-portal`} value={p.portal} onChange={(e) => p.onPortal(e.target.value)}>
        <option value="all">{t('filters.allPortals')}</option>
        {portals.map((portal) => (
          <option key={portal.id} value={portal.id}>
            {portal.name}
          </option>
        ))}
      </select>
      {p.children}
      <span className="count" aria-live="polite" data-testid="row-count">
        {t('filters.shown', { shown: p.shown.toLocaleString(), total: p.total.toLocaleString() })}
      </span>
      <button type="button" onClick={p.onRefresh} disabled={p.refreshing}>
        {p.refreshing ? t('views.refreshing') : t('views.refresh')}
      </button>
    </div>
  )
}

interface SelectProps<V extends string> {
  label: string
  value: V
  options: Array<{ value: V; label: string }>
  onChange(value: V): void
}

export const FilterSelect = <V extends string>({ label, value, options, onChange }: SelectProps<V>) => {
  const id = useId()
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as V)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  )
}
