import { portalDate } from './dates'
import type {
  DocumentRow,
  FolderRow,
  LandingScope,
  PageRow,
  SiteRow,
  SiteType
} from '../../../shared/domain/catalog'
import type { PortalClient } from '../bitrix/types'
import { RestError } from '../bitrix/types'
import { fetchAllByOffset, fetchAllByStart } from './paging'

/**
 * The landing scopes a catalog covers: regular sites, knowledge bases, group knowledge bases and
 * Bitrix24 main pages (`MAINPAGE`, where the portal has them).
 */
export const CATALOG_SCOPES: LandingScope[] = ['', 'KNOWLEDGE', 'GROUP', 'MAINPAGE']

type Raw = Record<string, unknown>

const int = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN
  return Number.isFinite(n) ? n : null
}
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')
const textOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)
const yes = (v: unknown): boolean => v === 'Y' || v === true

export const withScope = (scope: LandingScope, params: Record<string, unknown>) =>
  scope ? { ...params, scope } : params

/**
 * Scopes other than the default may not exist on a portal (group knowledge bases need a plan that
 * has them); a permanent refusal there means "nothing in that scope", not a failed sync.
 */
const optionalScope = async <T>(scope: LandingScope, run: () => Promise<T[]>): Promise<T[]> => {
  try {
    return await run()
  } catch (err) {
    if (scope !== '' && err instanceof RestError && err.category === 'permanent') return []
    throw err
  }
}

/** Fields a site listing and a site read-back ask for. */
export const SITE_SELECT = ['ID', 'TITLE', 'CODE', 'TYPE', 'ACTIVE', 'DATE_MODIFY', 'PUBLIC_URL']
/** Fields a page listing and a page read-back ask for. */
export const PAGE_SELECT = ['ID', 'TITLE', 'CODE', 'SITE_ID', 'FOLDER_ID', 'ACTIVE', 'PUBLIC', 'DATE_MODIFY']

/**
 * A site row as the portal sent it. `modifiedAt` stays in the portal's own format: the catalog
 * store reads it in the day/month order it decides per portal (dates.ts).
 */
export const siteFrom = (portalId: string, scope: LandingScope, r: Raw): SiteRow | null => {
  const id = int(r.ID)
  if (id === null) return null
  return {
    portalId,
    id,
    title: text(r.TITLE),
    type: (text(r.TYPE) || 'PAGE') as SiteType,
    scope,
    code: text(r.CODE),
    published: yes(r.ACTIVE),
    publicUrl: textOrNull(r.PUBLIC_URL),
    modifiedAt: textOrNull(r.DATE_MODIFY)
  }
}

/** A page row as the portal sent it; its site's state comes from the cache when read. */
export const pageFrom = (portalId: string, scope: LandingScope, r: Raw): PageRow | null => {
  const id = int(r.ID)
  const siteId = int(r.SITE_ID)
  if (id === null || siteId === null) return null
  const folderId = int(r.FOLDER_ID)
  const row: PageRow = {
    portalId,
    siteId,
    folderId: folderId ? folderId : null,
    id,
    title: text(r.TITLE),
    code: text(r.CODE),
    published: yes(r.ACTIVE),
    publicUrl: textOrNull(r.PUBLIC_URL),
    modifiedAt: textOrNull(r.DATE_MODIFY),
    scope,
    siteActive: null
  }
  if (r.PUBLIC === 'Y' || r.PUBLIC === 'N') row.edited = r.PUBLIC === 'N'
  return row
}

/** A folder row of `landing.site.getFolders`; `siteId` when the row does not say. */
export const folderFrom = (
  portalId: string,
  scope: LandingScope,
  siteId: number,
  f: Raw
): FolderRow | null => {
  const id = int(f.ID)
  if (id === null) return null
  const parent = int(f.PARENT_ID)
  return {
    portalId,
    siteId: int(f.SITE_ID) ?? siteId,
    id,
    parentId: parent ? parent : null,
    title: text(f.TITLE),
    published: yes(f.ACTIVE),
    scope
  }
}

export const fetchSites = async (
  client: PortalClient,
  scopes: LandingScope[] = CATALOG_SCOPES
): Promise<SiteRow[]> => {
  const out: SiteRow[] = []
  for (const scope of scopes) {
    const rows = await optionalScope(scope, () =>
      fetchAllByOffset<Raw>(client, (offset, limit) => ({
        method: 'landing.site.getList',
        params: withScope(scope, {
          params: { select: SITE_SELECT, order: { ID: 'ASC' }, limit, offset }
        })
      }))
    )
    for (const r of rows) {
      const row = siteFrom(client.portalId, scope, r)
      if (row) out.push(row)
    }
  }
  return dedupe(out)
}

export const fetchPages = async (
  client: PortalClient,
  target: { scopes: LandingScope[]; siteId?: number }
): Promise<PageRow[]> => {
  const out: PageRow[] = []
  for (const scope of target.scopes) {
    const rows = await optionalScope(scope, () =>
      fetchAllByOffset<Raw>(client, (offset, limit) => ({
        method: 'landing.landing.getList',
        params: withScope(scope, {
          params: {
            select: PAGE_SELECT,
            filter: target.siteId ? { SITE_ID: target.siteId } : {},
            order: { ID: 'ASC' },
            limit,
            offset
          }
        })
      }))
    )
    for (const r of rows) {
      const row = pageFrom(client.portalId, scope, r)
      if (row) out.push(row)
    }
  }
  return target.siteId ? dedupe(out) : outsideTrash(client, dedupe(out))
}

/**
 * `landing.landing.getList` leaves out pages whose folder is in the trash only when filtered by
 * `SITE_ID` (bitrix-core-business `modules/landing/lib/publicaction/landing.php`); an unfiltered list
 * includes them. `getFolders` lists only folders outside the trash, so a page whose folder it does
 * not list is dropped here too, and a portal-wide listing shows what the per-site ones show.
 */
const outsideTrash = async (client: PortalClient, pages: PageRow[]): Promise<PageRow[]> => {
  const inFolders = pages.filter((p) => p.folderId !== null)
  if (inFolders.length === 0) return pages
  const sites = new Map(inFolders.map((p) => [p.siteId, { id: p.siteId, scope: p.scope }]))
  const listed = new Set((await fetchFolders(client, [...sites.values()])).map((f) => f.id))
  return pages.filter((p) => p.folderId === null || listed.has(p.folderId))
}

/**
 * Folders of the given sites, one getFolders command per site, up to 50 per request and never two
 * landing scopes in one request: the server keeps a command's scope for the rest of the batch
 * (docs/bitrix24.md#sticky-scope), so a regular site's getFolders after a knowledge base's would answer
 * `[]` with no error.
 */
export const fetchFolders = async (
  client: PortalClient,
  sites: Array<{ id: number; scope: LandingScope }>
): Promise<FolderRow[]> => {
  const out: FolderRow[] = []
  const byScope = new Map<LandingScope, Array<{ id: number; scope: LandingScope }>>()
  for (const s of sites) byScope.set(s.scope, [...(byScope.get(s.scope) ?? []), s])
  for (const group of byScope.values()) {
    for (let i = 0; i < group.length; i += 50) {
      const chunk = group.slice(i, i + 50)
      const results = await client.batch(
        chunk.map((s) => ({
          method: 'landing.site.getFolders',
          params: withScope(s.scope, { siteId: s.id })
        }))
      )
      results.forEach((r, j) => {
        const site = chunk[j]
        if (!r.ok) {
          // A site that vanished or is hidden from this user has no folders to show.
          if (r.error.category === 'permanent') return
          throw r.error
        }
        for (const f of Array.isArray(r.result) ? (r.result as Raw[]) : []) {
          const row = folderFrom(client.portalId, site.scope, site.id, f)
          if (row) out.push(row)
        }
      })
    }
  }
  return dedupe(out)
}

/** A document of the document generator; `publicUrl` only when the answer carries it (get, not list). */
export const documentFrom = (portalId: string, d: Raw): DocumentRow | null => {
  const id = int(d.id)
  if (id === null) return null
  const row: DocumentRow = {
    portalId,
    id,
    title: text(d.title),
    number: text(d.number),
    entityTypeId: int(d.entityTypeId),
    entityId: int(d.entityId),
    createdAt: portalDate(d.createTime)
  }
  if ('publicUrl' in d) row.publicUrl = textOrNull(d.publicUrl)
  return row
}

export const fetchDocuments = async (client: PortalClient): Promise<DocumentRow[]> => {
  const raw = await fetchAllByStart<Raw>(
    client,
    'crm.documentgenerator.document.list',
    { select: ['*'], order: { id: 'ASC' } },
    (result) => {
      const docs = (result as { documents?: unknown } | null)?.documents
      return Array.isArray(docs) ? (docs as Raw[]) : []
    }
  )
  return dedupe(raw.map((d) => documentFrom(client.portalId, d)).filter((d): d is DocumentRow => d !== null))
}

export const fetchDocument = async (client: PortalClient, id: number): Promise<DocumentRow | null> => {
  const { result } = await client.call<{ document?: Raw }>('crm.documentgenerator.document.get', { id })
  return result?.document ? documentFrom(client.portalId, result.document) : null
}

/** Rows can shift between pages while a list is read; keep one row per id. */
const dedupe = <T extends { id: number }>(rows: T[]): T[] => {
  const seen = new Map<number, T>()
  for (const r of rows) seen.set(r.id, r)
  return [...seen.values()]
}
