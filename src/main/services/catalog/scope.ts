// Lookups in the cached catalog by target id: landing scopes and titles, for labelling queued work.
import type { Database } from '../db/database'
import { landingScopeSchema, type LandingScope } from '../../../shared/domain/catalog'
import type { TargetKind } from '../../../shared/domain/outbox'

export type LandingKind = Exclude<TargetKind, 'document'>

/**
 * The landing scope each target lives in, as the cached catalog last saw it: a site's own scope, a
 * page's or folder's site's scope (falling back to the scope cached on the row when its site is not
 * cached). Targets the cache does not know are left out of the answer.
 *
 * Read-only, without migrating: a database without the catalog's tables (the outbox's alone, in its
 * tests) answers "nothing known".
 */
export const cachedLandingScopes = (
  db: Database,
  portalId: string,
  kind: LandingKind,
  targetIds: readonly number[]
): Map<number, LandingScope> => {
  const out = new Map<number, LandingScope>()
  const sql =
    kind === 'site'
      ? 'SELECT id, scope FROM catalog_sites WHERE portal_id = ? AND id = ?'
      : `SELECT t.id AS id, COALESCE(s.scope, t.scope) AS scope FROM ${kind === 'page' ? 'catalog_pages' : 'catalog_folders'} t
         LEFT JOIN catalog_sites s ON s.portal_id = t.portal_id AND s.id = t.site_id
         WHERE t.portal_id = ? AND t.id = ?`
  let stmt: ReturnType<Database['prepare']>
  try {
    stmt = db.prepare(sql)
  } catch {
    return out
  }
  for (const id of new Set(targetIds)) {
    const row = stmt.get(portalId, id) as { id: number; scope: string } | undefined
    const scope = landingScopeSchema.safeParse(row?.scope)
    if (row && scope.success) out.set(id, scope.data)
  }
  return out
}

/**
 * Scope and title of each target the cached catalog knows (documents: title only), for labelling
 * operations queued by id. Read-only like the above.
 */
export const cachedTargets = (
  db: Database,
  portalId: string,
  kind: TargetKind,
  targetIds: readonly number[]
): Map<number, { scope?: LandingScope; title: string }> => {
  const out = new Map<number, { scope?: LandingScope; title: string }>()
  const table = {
    site: 'catalog_sites',
    page: 'catalog_pages',
    folder: 'catalog_folders',
    document: 'catalog_documents'
  }[kind]
  let stmt: ReturnType<Database['prepare']>
  try {
    stmt = db.prepare(`SELECT title FROM ${table} WHERE portal_id = ? AND id = ?`)
  } catch {
    return out
  }
  const scopes = kind === 'document' ? null : cachedLandingScopes(db, portalId, kind, targetIds)
  for (const id of new Set(targetIds)) {
    const row = stmt.get(portalId, id) as { title: string } | undefined
    if (!row) continue
    const scope = scopes?.get(id)
    out.set(id, scope === undefined ? { title: row.title } : { scope, title: row.title })
  }
  return out
}
