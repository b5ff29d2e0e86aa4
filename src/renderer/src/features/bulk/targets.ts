import type { RootState } from '../../store'
import { rowKey } from '../../store/catalog-slice'
import type { SelectableKind } from '../../store/types'
import { documentLink, isLive } from '../catalog/filter'
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
  if (kind === 'sites') {
    return s.catalog.sites.rows
      .filter((r) => keys.has(rowKey(r)))
      .map((r) => ({
        portalId: r.portalId,
        kind: 'site',
        id: r.id,
        scope: r.scope,
        title: r.title,
        on: r.published
      }))
  }
  return s.catalog.pages.rows
    .filter((r) => keys.has(rowKey(r)))
    .map((r) => ({
      portalId: r.portalId,
      kind: 'page',
      id: r.id,
      scope: r.scope,
      title: r.title,
      on: r.published,
      live: isLive(r)
    }))
}

export const portalCount = (keys: ReadonlySet<string>): number => {
  const portals = new Set<string>()
  for (const k of keys) portals.add(k.slice(0, k.lastIndexOf('|')))
  return portals.size
}
