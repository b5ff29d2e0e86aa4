import type { RootState } from '../../store'
import { rowKey } from '../../store/catalog-slice'
import type { SelectableKind } from '../../store/selection-slice'
import { documentLink } from '../catalog/filter'
import type { Target } from './plan'

/** The selected rows of a view as bulk targets, with the state each is in now. */
export const selectedTargets = (s: RootState, kind: SelectableKind): Target[] => {
  const keys = s.selection[kind]
  if (keys.size === 0) return []
  if (kind === 'documents') {
    return s.catalog.documents.rows
      .filter((r) => keys.has(rowKey(r)))
      .map((r) => {
        const link = documentLink(r, s.documentLinks)
        return {
          portalId: r.portalId,
          kind: 'document',
          id: r.id,
          scope: '',
          title: r.title,
          on: link === undefined ? undefined : link !== null
        }
      })
  }
  const rows = kind === 'sites' ? s.catalog.sites.rows : s.catalog.pages.rows
  return rows
    .filter((r) => keys.has(rowKey(r)))
    .map((r) => ({
      portalId: r.portalId,
      kind: kind === 'sites' ? 'site' : 'page',
      id: r.id,
      scope: r.scope,
      title: r.title,
      on: r.published
    }))
}

export const portalCount = (keys: ReadonlySet<string>): number => {
  const portals = new Set<string>()
  for (const k of keys) portals.add(k.slice(0, k.lastIndexOf('|')))
  return portals.size
}
