// How catalog rows become SQL: the tables' columns, each row's values and the statements built from them.
import type { FolderRow, PageRow, SiteRow } from '../../../shared/domain/catalog'

export type SqlValue = string | number | null

export const b = (v: boolean) => (v ? 1 : 0)
export const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ')

/** SQLite caps bound parameters; long id lists go in slices. */
export const slices = <T>(items: readonly T[], size = 400): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

export const SITE_COLUMNS = [
  'portal_id',
  'id',
  'scope',
  'title',
  'type',
  'code',
  'published',
  'public_url',
  'modified_at'
]
export const PAGE_COLUMNS = [
  'portal_id',
  'id',
  'site_id',
  'folder_id',
  'scope',
  'title',
  'code',
  'published',
  'public_url',
  'modified_at',
  'edited'
]
export const FOLDER_COLUMNS = ['portal_id', 'id', 'site_id', 'parent_id', 'scope', 'title', 'published']
export const DOCUMENT_COLUMNS = [
  'portal_id',
  'id',
  'title',
  'number',
  'entity_type_id',
  'entity_id',
  'created_at',
  'public_url_known',
  'public_url'
]

export const siteValues = (portalId: string, r: SiteRow): SqlValue[] => [
  portalId,
  r.id,
  r.scope,
  r.title,
  r.type,
  r.code,
  b(r.published),
  r.publicUrl,
  r.modifiedAt
]
export const pageValues = (portalId: string, r: PageRow): SqlValue[] => [
  portalId,
  r.id,
  r.siteId,
  r.folderId,
  r.scope,
  r.title,
  r.code,
  b(r.published),
  r.publicUrl,
  r.modifiedAt,
  r.edited === undefined ? null : b(r.edited)
]
export const folderValues = (portalId: string, r: FolderRow): SqlValue[] => [
  portalId,
  r.id,
  r.siteId,
  r.parentId,
  r.scope,
  r.title,
  b(r.published)
]

/**
 * An upsert that touches a row only when something in it differs, so `changes` says whether the
 * cache changed and an unchanged read-back announces nothing.
 */
export const upsertSql = (table: string, columns: readonly string[]): string => {
  const rest = columns.filter((c) => c !== 'portal_id' && c !== 'id')
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})
    ON CONFLICT (portal_id, id) DO UPDATE SET ${rest.map((c) => `${c} = excluded.${c}`).join(', ')}
    WHERE ${rest.map((c) => `${table}.${c} IS NOT excluded.${c}`).join(' OR ')}`
}
