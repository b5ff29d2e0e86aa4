import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SiteRef } from '../../../../shared/domain/snapshot'
import { useStore } from '../../store'
import { portalKey } from '../../store/keys'

/** Whole portals, or chosen sites of them. */
export interface Scope {
  portalIds: string[]
  /** null = whole portals. */
  siteIds: SiteRef[] | null
}

export const siteKey = (r: SiteRef) => portalKey(r.portalId, r.siteId)

/** What a request takes: the portals of the chosen sites, or the chosen portals. */
export const scopeRequest = (scope: Scope): { portalIds: string[]; siteIds?: SiteRef[] } =>
  scope.siteIds === null
    ? { portalIds: scope.portalIds }
    : { portalIds: [...new Set(scope.siteIds.map((r) => r.portalId))], siteIds: scope.siteIds }

export const scopeValid = (scope: Scope) =>
  scope.siteIds === null ? scope.portalIds.length > 0 : scope.siteIds.length > 0

/** The scope a dialog opens with: sites selected in the Sites view if any, else the portals shown. */
export const initialScope = (selectedSites: ReadonlySet<string>, shownPortals: string[]): Scope => {
  const siteIds = [...selectedSites].map((key) => {
    const at = key.lastIndexOf('|')
    return { portalId: key.slice(0, at), siteId: Number(key.slice(at + 1)) }
  })
  const valid = siteIds.filter((r) => Number.isInteger(r.siteId) && r.siteId > 0)
  return valid.length > 0
    ? { portalIds: [...new Set(valid.map((r) => r.portalId))], siteIds: valid }
    : { portalIds: shownPortals, siteIds: null }
}

const SITES_SHOWN = 200

interface Props {
  value: Scope
  onChange(scope: Scope): void
}

/**
 * Chooses what a snapshot or a maintenance window covers: portals (ticked), and optionally only
 * some of their sites, listed from the cached catalog and narrowed by a filter.
 */
export const ScopePicker = ({ value, onChange }: Props) => {
  const { t } = useTranslation()
  const portals = useStore((s) => s.portals)
  const sites = useStore((s) => s.catalog.sites)
  const loadCatalog = useStore((s) => s.loadCatalog)
  const radio = useId()
  const [filter, setFilter] = useState('')
  // The cached listing is enough to choose from; opening a dialog must not start a portal sync.
  useEffect(() => {
    if (sites.loadedAt === null && !sites.loading) void loadCatalog('sites')
  }, [sites.loadedAt, sites.loading, loadCatalog])
  const mode = value.siteIds === null ? 'portals' : 'sites'
  const chosen = useMemo(() => new Set((value.siteIds ?? []).map(siteKey)), [value.siteIds])
  const portalSet = new Set(value.portalIds)
  const names = new Map(portals.map((p) => [p.id, p.name]))

  const candidates = useMemo(() => {
    const text = filter.trim().toLocaleLowerCase()
    const of = new Set(value.portalIds)
    return sites.rows
      .filter((r) => of.has(r.portalId) || chosen.has(siteKey({ portalId: r.portalId, siteId: r.id })))
      .filter((r) => !text || r.title.toLocaleLowerCase().includes(text) || String(r.id) === text)
  }, [sites.rows, value.portalIds, chosen, filter])

  const togglePortal = (id: string) => {
    const portalIds = portalSet.has(id) ? value.portalIds.filter((p) => p !== id) : [...value.portalIds, id]
    // Sites of a portal no longer chosen go with it.
    const siteIds =
      value.siteIds === null ? null : value.siteIds.filter((r) => portalIds.includes(r.portalId))
    onChange({ portalIds, siteIds })
  }

  const toggleSite = (ref: SiteRef) => {
    const current = value.siteIds ?? []
    const key = siteKey(ref)
    const siteIds = chosen.has(key) ? current.filter((r) => siteKey(r) !== key) : [...current, ref]
    onChange({ portalIds: value.portalIds, siteIds })
  }

  return (
    <div className="scope-picker">
      <fieldset className="scope-portals">
        <legend>{t('snapshots.scope.portals')}</legend>
        {portals.map((p) => (
          <label key={p.id}>
            <input type="checkbox" checked={portalSet.has(p.id)} onChange={() => togglePortal(p.id)} />
            {p.name}
          </label>
        ))}
      </fieldset>
      <fieldset className="segmented">
        <legend>{t('snapshots.scope.what')}</legend>
        <label>
          <input
            type="radio"
            name={radio}
            checked={mode === 'portals'}
            onChange={() => onChange({ portalIds: value.portalIds, siteIds: null })}
          />
          {t('snapshots.scope.wholePortals')}
        </label>
        <label>
          <input
            type="radio"
            name={radio}
            checked={mode === 'sites'}
            onChange={() => onChange({ portalIds: value.portalIds, siteIds: [] })}
          />
          {t('snapshots.scope.chosenSites')}
        </label>
      </fieldset>
      {mode === 'sites' && (
        <div className="scope-sites">
          <input
            type="search"
            aria-label={t('snapshots.scope.filterSites')}
            placeholder={t('snapshots.scope.filterSites')}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <span className="hint" data-testid="sites-chosen">
            {t('snapshots.scope.sitesChosen', { count: chosen.size })}
          </span>
          {sites.loading && sites.rows.length === 0 ? (
            <p className="muted">{t('table.loading')}</p>
          ) : candidates.length === 0 ? (
            <p className="muted">{t('snapshots.scope.noSites')}</p>
          ) : (
            <ul className="scope-site-list" aria-label={t('snapshots.scope.sites')}>
              {candidates.slice(0, SITES_SHOWN).map((r) => {
                const ref = { portalId: r.portalId, siteId: r.id }
                return (
                  <li key={siteKey(ref)}>
                    <label>
                      <input
                        type="checkbox"
                        checked={chosen.has(siteKey(ref))}
                        onChange={() => toggleSite(ref)}
                      />
                      {r.title}{' '}
                      <span className="muted">
                        {names.get(r.portalId) ?? r.portalId} · #{r.id} ·{' '}
                        {r.published ? t('filters.published') : t('filters.unpublished')}
                      </span>
                    </label>
                  </li>
                )
              })}
            </ul>
          )}
          {candidates.length > SITES_SHOWN && (
            <p className="hint">{t('snapshots.scope.narrow', { count: candidates.length - SITES_SHOWN })}</p>
          )}
        </div>
      )}
    </div>
  )
}
