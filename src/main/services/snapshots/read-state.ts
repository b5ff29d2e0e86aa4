import type { Cached, DocumentRow, FolderRow, PageRow, SiteRow } from '../../../shared/domain/catalog'
import type { PortalClient } from '../bitrix/types'
import type { CatalogService } from '../catalog'
import { AppError } from '../errors'
import { localize } from '../app/language'
import { messages } from './messages'
import type { DocumentState, PortalState } from './model'

/** The catalog's listings (its service methods): with `refresh`, every listing a snapshot needs, fresh from the portal. */
export type CatalogReader = Pick<CatalogService, 'sites' | 'pages' | 'folders' | 'documents'>

export interface ReadDeps {
  catalog: CatalogReader
  clientFor(portalId: string): Promise<PortalClient>
  portalName(portalId: string): string
  log(line: string): void
}

/** With more chosen sites than this, one listing of the whole portal is cheaper than one per site. */
const PER_SITE_LISTINGS = 5
/** Codes with which a portal says documents are not ours to read: no `crm` scope, no module, no right. */
const DOCUMENTS_UNAVAILABLE = new Set(['insufficient_scope', 'ERROR_METHOD_NOT_FOUND', ''])

const fresh = <T>(portalId: string, name: string, answer: Cached<T>): T[] => {
  const failed = answer.stale[portalId]
  if (failed) {
    throw new AppError(
      'SNAPSHOT_READ_FAILED',
      localize(messages.readFailed, { portal: name, reason: failed.message }),
      { category: 'transient', details: { portalId, code: failed.code } }
    )
  }
  return answer.rows
}

/**
 * Document public links: the list carries none, so each document is read with
 * `crm.documentgenerator.document.get`, 50 to a batch request.
 */
const documentLinks = async (client: PortalClient, docs: DocumentRow[]): Promise<DocumentState[]> => {
  const out: DocumentState[] = []
  for (let i = 0; i < docs.length; i += 50) {
    const chunk = docs.slice(i, i + 50)
    const results = await client.batch(
      chunk.map((d) => ({ method: 'crm.documentgenerator.document.get', params: { id: d.id } }))
    )
    results.forEach((r, j) => {
      const d = chunk[j]
      if (!r.ok) {
        // Deleted between the list and the read: it is simply not there any more.
        if (r.error.category === 'permanent') return
        throw r.error
      }
      const doc = (r.result as { document?: { publicUrl?: unknown } } | null)?.document
      if (!doc) return
      out.push({ id: d.id, title: d.title, live: typeof doc.publicUrl === 'string' && doc.publicUrl !== '' })
    })
  }
  return out
}

/**
 * Reads what is live on one portal now, from fresh listings (the catalog's refresh paths, which also
 * bring the cache up to date). `siteIds` narrows it to those sites and their pages and folders;
 * `documents` adds CRM document links (whole portals only). A listing that fails fails the read:
 * a snapshot or a comparison made of stale rows would say something the portal never said.
 */
export const readPortalState = async (
  d: ReadDeps,
  portalId: string,
  opts: { siteIds: number[] | null; documents: boolean }
): Promise<PortalState> => {
  const name = d.portalName(portalId)
  const one = [portalId]
  const sites: SiteRow[] = fresh(portalId, name, await d.catalog.sites({ portalIds: one, refresh: true }))
  const chosen = opts.siteIds ? new Set(opts.siteIds) : null
  let pages: PageRow[]
  let folders: FolderRow[]
  if (chosen && chosen.size <= PER_SITE_LISTINGS) {
    pages = []
    folders = []
    for (const siteId of chosen) {
      if (!sites.some((s) => s.id === siteId)) continue
      const [p, f] = await Promise.all([
        d.catalog.pages({ portalIds: one, refresh: true, siteId }),
        d.catalog.folders({ portalIds: one, refresh: true, siteId })
      ])
      pages.push(...fresh(portalId, name, p).filter((r) => r.siteId === siteId))
      folders.push(...fresh(portalId, name, f).filter((r) => r.siteId === siteId))
    }
  } else {
    const [p, f] = await Promise.all([
      d.catalog.pages({ portalIds: one, refresh: true }),
      d.catalog.folders({ portalIds: one, refresh: true })
    ])
    pages = fresh(portalId, name, p)
    folders = fresh(portalId, name, f)
  }
  const inChosen = (siteId: number) => chosen === null || chosen.has(siteId)
  const siteScope = new Map(sites.map((s) => [s.id, s.scope]))

  let documents: DocumentState[] | null = null
  if (opts.documents && chosen === null) {
    const answer = await d.catalog.documents({ portalIds: one, refresh: true })
    const failed = answer.stale[portalId]
    if (failed && DOCUMENTS_UNAVAILABLE.has(failed.code)) {
      d.log(`snapshots: ${portalId}: documents not recorded (${failed.code}): ${failed.message}`)
    } else {
      const rows = fresh(portalId, name, answer)
      documents = await documentLinks(await d.clientFor(portalId), rows)
    }
  }

  return {
    portalId,
    sites: sites
      .filter((s) => inChosen(s.id))
      .map((s) => ({ id: s.id, title: s.title, scope: s.scope, live: s.published })),
    folders: folders
      .filter((f) => inChosen(f.siteId))
      .map((f) => ({
        id: f.id,
        siteId: f.siteId,
        parentId: f.parentId,
        title: f.title,
        scope: siteScope.get(f.siteId) ?? f.scope,
        live: f.published
      })),
    pages: pages
      .filter((p) => inChosen(p.siteId))
      .map((p) => ({
        id: p.id,
        siteId: p.siteId,
        folderId: p.folderId,
        title: p.title,
        scope: siteScope.get(p.siteId) ?? p.scope,
        live: p.published,
        ...(p.edited === undefined ? {} : { edited: p.edited })
      })),
    documents
  }
}
