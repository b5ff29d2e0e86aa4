// The read-back of catalog state: after the outbox changed a portal, read the objects it touched and what changed with them.
import type {
  CatalogArea,
  DocumentRow,
  FolderRow,
  LandingScope,
  PageRow,
  SiteRow
} from '../../../shared/domain/catalog'
import type { Action, TargetKind } from '../../../shared/domain/outbox'
import type { BatchCommand, BatchItemResult } from '../bitrix/types'
import type { Database } from '../db/database'
import type { AppEvents } from '../events'
import { PAGE_SELECT, SITE_SELECT, documentFrom, folderFrom, pageFrom, siteFrom, withScope } from './fetch'
import { createCatalogStore, type CatalogStore, type StateChange } from './store'

/** Commands per read-back request: the batch limit (docs/bitrix24.md#batch). */
const MAX_BATCH = 50
/** Ids per `ID`/`FOLDER_ID` filter, so a command's query stays small. */
const IDS_PER_FILTER = 100
/** Rows per page of a site's page list (landing lists page by `limit`/`offset`, docs/bitrix24.md#landing-methods). */
const PAGE_LIMIT = 500
/** A portal that keeps answering full pages of one list forever is not worth following further. */
const MAX_ROUNDS = 50

type Raw = Record<string, unknown>
type Kind = TargetKind

/**
 * A target whose change a read-back checks, and the job that asked for it (the report of what else
 * changed names the jobs). The outbox's answered operations are such targets.
 */
export interface ReadTarget {
  jobId: number
  kind: TargetKind
  targetId: number
  action: Action
}

/** Sends one batch of read commands (one landing scope, at most 50) the way the caller paces its calls. */
export interface ReadPort {
  send(commands: BatchCommand[]): Promise<BatchItemResult[]>
}

/** One read command and what its answer means. */
interface Read {
  command: BatchCommand
  take(result: unknown): void
  /** The read failed for good (a site gone, no access): what it would have proven stays unproven. */
  lost(): void
}

/** Jobs per object id: whose operations made us read it. */
type JobsById = Map<number, Set<number>>

const addJobs = (m: JobsById, id: number, jobs: Iterable<number>): boolean => {
  const fresh = !m.has(id)
  const set = m.get(id) ?? new Set<number>()
  for (const j of jobs) set.add(j)
  m.set(id, set)
  return fresh
}

/** Everything read back for one landing scope, and for which jobs it was read. */
export interface PortalRead {
  sites: Map<number, SiteRow>
  pages: Map<number, PageRow>
  folders: Map<number, FolderRow>
  documents: Map<number, DocumentRow>
  allPagesOf: Set<number>
  allFoldersOf: Set<number>
  /** The jobs an object found changed counts against. */
  jobsOf(kind: Kind, id: number): Set<number>
  /**
   * Objects the cache had not listed that a publication in this read-back may have brought online:
   * a published page's folder chain and site, a published folder's chain, a published site's pages
   * and folders. Only these count as changed when first seen.
   */
  broughtOnline: Set<string>
}
/**
 * Reads what the targets of one landing scope touched: the targets themselves, and what the portal
 * may change along with them. The portal is the truth (docs/bitrix24.md#server-code): a site
 * publication may or may not publish inactive pages, a folder unpublication takes its parents
 * offline, a page publication may answer with nothing and do nothing; so nothing here predicts
 * another object's state.
 *
 * Reads go in batches of one landing scope each (the scope sticks inside a batch on the server,
 * docs/bitrix24.md#sticky-scope), at most 50 commands, through the caller's port.
 */
export const readPortalState = async (
  catalog: Pick<CatalogStore, 'placesOf'>,
  log: (line: string) => void,
  portalId: string,
  scope: LandingScope,
  ops: readonly ReadTarget[],
  port: ReadPort
): Promise<PortalRead> => {
  const sites = new Map<number, SiteRow>()
  const pages = new Map<number, PageRow>()
  const folders = new Map<number, FolderRow>()
  const documents = new Map<number, DocumentRow>()
  const allPagesOf = new Set<number>()
  const allFoldersOf = new Set<number>()
  // Why each thing is read: its operations' jobs, for the report of what else changed.
  const pageJobs: JobsById = new Map()
  const siteJobs: JobsById = new Map()
  const sitePagesJobs: JobsById = new Map()
  const siteFoldersJobs: JobsById = new Map()
  const folderPagesJobs: JobsById = new Map()
  const documentJobs: JobsById = new Map()

  // Only the targets' own rows: a portal's whole cache may hold tens of thousands of pages.
  const cached = catalog.placesOf(portalId, {
    pages: ops.filter((o) => o.kind === 'page').map((o) => o.targetId),
    folders: ops.filter((o) => o.kind === 'folder').map((o) => o.targetId)
  })
  const cachedPages = cached.pages
  const cachedFolders = cached.folders
  const rows = (result: unknown): Raw[] => (Array.isArray(result) ? (result as Raw[]) : [])
  let pending: Read[] = []

  const takePages = (result: unknown): number => {
    const list = rows(result)
    for (const r of list) {
      const page = pageFrom(portalId, scope, r)
      if (page) pages.set(page.id, page)
    }
    return list.length
  }

  const readSites = (ids: Iterable<number>, jobs: Iterable<number>) => {
    const fresh = [...new Set(ids)].filter((id) => addJobs(siteJobs, id, jobs))
    for (let i = 0; i < fresh.length; i += IDS_PER_FILTER) {
      pending.push({
        command: {
          method: 'landing.site.getList',
          params: withScope(scope, {
            params: { select: SITE_SELECT, filter: { ID: fresh.slice(i, i + IDS_PER_FILTER) } }
          })
        },
        take: (result) => {
          for (const r of rows(result)) {
            const site = siteFrom(portalId, scope, r)
            if (site) sites.set(site.id, site)
          }
        },
        lost: () => {}
      })
    }
  }

  /** Pages by id: a D7 ORM filter, where an array value means `IN`. */
  const readPagesById = (ids: readonly number[]) => {
    for (let i = 0; i < ids.length; i += IDS_PER_FILTER) {
      pending.push({
        command: {
          method: 'landing.landing.getList',
          params: withScope(scope, {
            params: { select: PAGE_SELECT, filter: { ID: ids.slice(i, i + IDS_PER_FILTER) } }
          })
        },
        take: (result) => void takePages(result),
        lost: () => {}
      })
    }
  }

  /** A list read page by page (a full page means there may be more); `complete`: all pages of that site. */
  const readPagesWhere = (filter: Raw, complete?: number, offset = 0) => {
    if (complete !== undefined && offset === 0) allPagesOf.add(complete)
    pending.push({
      command: {
        method: 'landing.landing.getList',
        params: withScope(scope, {
          params: { select: PAGE_SELECT, filter, order: { ID: 'ASC' }, limit: PAGE_LIMIT, offset }
        })
      },
      take: (result) => {
        if (takePages(result) === PAGE_LIMIT) readPagesWhere(filter, complete, offset + PAGE_LIMIT)
      },
      lost: () => {
        if (complete !== undefined) allPagesOf.delete(complete)
      }
    })
  }

  const readFolders = (siteId: number, jobs: Iterable<number>) => {
    if (!addJobs(siteFoldersJobs, siteId, jobs)) return
    allFoldersOf.add(siteId)
    pending.push({
      command: { method: 'landing.site.getFolders', params: withScope(scope, { siteId }) },
      take: (result) => {
        for (const f of rows(result)) {
          const folder = folderFrom(portalId, scope, siteId, f)
          if (folder) folders.set(folder.id, folder)
        }
      },
      lost: () => {
        allFoldersOf.delete(siteId)
      }
    })
  }

  const readDocument = (id: number, jobs: Iterable<number>) => {
    if (!addJobs(documentJobs, id, jobs)) return
    pending.push({
      command: { method: 'crm.documentgenerator.document.get', params: { id } },
      take: (result) => {
        const raw = (result as { document?: Raw } | null)?.document
        const doc = raw ? documentFrom(portalId, raw) : null
        if (doc) documents.set(doc.id, doc)
      },
      lost: () => {}
    })
  }

  const byKind = (kind: Kind) => ops.filter((o) => o.kind === kind)
  const pageOps = byKind('page')
  const folderOps = byKind('folder')

  // Round one: the targets themselves, and what the portal may change along with them.
  for (const op of pageOps) addJobs(pageJobs, op.targetId, [op.jobId])
  readPagesById([...pageJobs.keys()])
  for (const op of byKind('site')) {
    // docs/bitrix24.md#site-publication: whether the site's pages follow depends on the server's version; read them all.
    readSites([op.targetId], [op.jobId])
    if (addJobs(sitePagesJobs, op.targetId, [op.jobId])) readPagesWhere({ SITE_ID: op.targetId }, op.targetId)
    readFolders(op.targetId, [op.jobId])
  }
  for (const op of folderOps) addJobs(folderPagesJobs, op.targetId, [op.jobId])
  if (folderOps.length) readPagesWhere({ FOLDER_ID: [...folderPagesJobs.keys()] })
  for (const op of byKind('document')) readDocument(op.targetId, [op.jobId])

  /** What the cache or an earlier round says about where the targets live. */
  const followUp = () => {
    for (const op of pageOps) {
      const page = pages.get(op.targetId) ?? cachedPages.get(op.targetId)
      if (!page) continue
      // Live means the page and its site are active: read the site to know.
      readSites([page.siteId], [op.jobId])
      // Publishing a page publishes its folder chain and activates its site (docs/bitrix24.md#landing-methods).
      if (op.action === 'publish' && page.folderId !== null) readFolders(page.siteId, [op.jobId])
    }
    for (const op of folderOps) {
      // docs/bitrix24.md#folder-chain: the whole parent chain changes with the folder; the site's folders hold the chain.
      const siteId =
        folders.get(op.targetId)?.siteId ??
        cachedFolders.get(op.targetId)?.siteId ??
        [...pages.values()].find((p) => p.folderId === op.targetId)?.siteId
      if (siteId !== undefined) readFolders(siteId, [op.jobId])
    }
  }
  followUp()

  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_ROUNDS) {
      log(`outbox: read-back on ${portalId} stopped after ${MAX_ROUNDS} rounds`)
      for (const r of pending) r.lost()
      break
    }
    const reads = pending
    pending = []
    for (let i = 0; i < reads.length; i += MAX_BATCH) {
      const chunk = reads.slice(i, i + MAX_BATCH)
      const items: BatchItemResult[] = await port.send(chunk.map((r) => r.command))
      chunk.forEach((read, j) => {
        const item = items[j] as BatchItemResult | undefined
        if (item?.ok) return read.take(item.result)
        // A refusal of one read (a site that vanished, no access) proves nothing; anything
        // else means the portal could not answer now: the lane sends the operations again.
        if (item && item.error.category === 'permanent') return read.lost()
        throw item?.error ?? new Error(`the portal answered ${items.length} of ${chunk.length} read commands`)
      })
    }
    // What this round revealed: pages the cache did not know, the site of a folder only its pages name.
    followUp()
  }

  const broughtOnline = new Set<string>()
  const chainUp = (folderId: number | null) => {
    const seen = new Set<number>()
    for (let id = folderId; id !== null && !seen.has(id); id = folders.get(id)?.parentId ?? null) {
      seen.add(id)
      broughtOnline.add(`folder:${id}`)
    }
  }
  for (const op of ops) {
    if (op.action !== 'publish') continue
    if (op.kind === 'page') {
      const page = pages.get(op.targetId)
      if (!page) continue
      broughtOnline.add(`site:${page.siteId}`)
      chainUp(page.folderId)
    } else if (op.kind === 'folder') chainUp(op.targetId)
    else if (op.kind === 'site') {
      for (const p of pages.values()) if (p.siteId === op.targetId) broughtOnline.add(`page:${p.id}`)
      for (const f of folders.values()) if (f.siteId === op.targetId) broughtOnline.add(`folder:${f.id}`)
    }
  }

  const union = (...sets: Array<Set<number> | undefined>) => {
    const out = new Set<number>()
    for (const s of sets) for (const j of s ?? []) out.add(j)
    return out
  }
  return {
    sites,
    pages,
    folders,
    documents,
    allPagesOf,
    allFoldersOf,
    broughtOnline,
    jobsOf(kind, id) {
      switch (kind) {
        case 'site':
          return union(siteJobs.get(id))
        case 'page': {
          const page = pages.get(id)
          return union(
            pageJobs.get(id),
            page ? sitePagesJobs.get(page.siteId) : undefined,
            page?.folderId ? folderPagesJobs.get(page.folderId) : undefined
          )
        }
        case 'folder': {
          const folder = folders.get(id)
          return union(folder ? siteFoldersJobs.get(folder.siteId) : undefined)
        }
        case 'document':
          return union(documentJobs.get(id))
      }
    }
  }
}

/** The catalog's side of a read-back: read the portal's state, write it into the cache, announce it. */
export interface CatalogReadBack {
  /** Reads what the targets (all of one landing scope; documents go with `''`) touched. */
  read(
    portalId: string,
    scope: LandingScope,
    targets: readonly ReadTarget[],
    port: ReadPort
  ): Promise<PortalRead>
  /**
   * Writes what was read into the cache and marks the areas written (for other processes' windows):
   * answers those areas and every object whose published state differs from what the cache held.
   */
  write(portalId: string, read: PortalRead, at: number): { areas: Set<CatalogArea>; changes: StateChange[] }
  /** Tells the window which areas of the portal's cache the read-backs changed. */
  announce(portalId: string, areas: Iterable<CatalogArea>): void
}

export const createCatalogReadBack = (deps: {
  db: Database
  events: AppEvents
  log: (line: string) => void
}): CatalogReadBack => {
  const store = createCatalogStore(deps.db)
  return {
    read: (portalId, scope, targets, port) =>
      readPortalState(store, deps.log, portalId, scope, targets, port),
    write(portalId, read, at) {
      const written = store.applyReadBack(portalId, {
        sites: [...read.sites.values()],
        pages: [...read.pages.values()],
        folders: [...read.folders.values()],
        documents: [...read.documents.values()],
        allPagesOf: [...read.allPagesOf],
        allFoldersOf: [...read.allFoldersOf]
      })
      if (written.areas.size > 0) store.markReadBack(portalId, written.areas, at)
      return written
    },
    announce(portalId, areas) {
      for (const area of areas) deps.events.emit('catalog:updated', { portalId, area })
    }
  }
}
