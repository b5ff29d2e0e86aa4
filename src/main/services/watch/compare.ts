// What differs between the sites and pages the cache held and what the portal shows now (pure).
import type { LandingScope, PageRow, SiteRow } from '../../../shared/domain/catalog'
import type { NewChange } from './store'
import type { WatchedKind } from './types'

interface Watched {
  id: number
  title: string
  scope: LandingScope
  published: boolean
}

const diffRows = (
  kind: WatchedKind,
  portalId: string,
  before: readonly Watched[],
  after: readonly Watched[],
  seenAt: number
): NewChange[] => {
  const out: NewChange[] = []
  const base = (row: Watched) => ({ portalId, kind, targetId: row.id, scope: row.scope, seenAt })
  const was = new Map(before.map((r) => [r.id, r]))
  const now = new Map(after.map((r) => [r.id, r]))
  for (const row of after) {
    const old = was.get(row.id)
    if (!old) {
      out.push({ ...base(row), title: row.title, field: 'present', before: null, after: row.published })
      continue
    }
    if (old.title !== row.title)
      out.push({ ...base(row), title: row.title, field: 'title', before: old.title, after: row.title })
    if (old.published !== row.published)
      out.push({
        ...base(row),
        title: row.title,
        field: 'published',
        before: old.published,
        after: row.published
      })
  }
  for (const old of before) {
    if (!now.has(old.id))
      out.push({ ...base(old), title: old.title, field: 'present', before: old.published, after: null })
  }
  return out
}

/**
 * Every difference of a portal's sites and pages: a published state or a title changed, an object
 * that appeared (before null) or is gone (after null). A page counts as published by its own flag,
 * as the catalog lists it; its site's state is the site's change.
 */
export const differences = (
  portalId: string,
  before: { sites: readonly SiteRow[]; pages: readonly PageRow[] },
  after: { sites: readonly SiteRow[]; pages: readonly PageRow[] },
  seenAt: number
): NewChange[] => [
  ...diffRows('site', portalId, before.sites, after.sites, seenAt),
  ...diffRows('page', portalId, before.pages, after.pages, seenAt)
]
