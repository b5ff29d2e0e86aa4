import type {
  CatalogArea,
  DocumentRow,
  FolderRow,
  LandingScope,
  PageRow,
  SiteRow
} from '../../../shared/domain/catalog'
import type { TargetKind } from '../../../shared/domain/outbox'
import { localize, type Localized } from '../app/language'
import type { BatchCommand, BatchItemResult } from '../bitrix/types'
import { createCatalogStore, type CatalogStore, type ReadBack, type StateChange } from '../catalog/store'
import type { Database } from '../db/database'
import {
  PAGE_SELECT,
  SITE_SELECT,
  documentFrom,
  folderFrom,
  pageFrom,
  siteFrom,
  withScope
} from '../catalog/fetch'
import type { AppEvents } from '../events'
import { createJobChangesStore, type JobChangesStore, type ObservedChange } from './changes-store'
import type { AnsweredOperation, OperationError, ReadbackPort, Verdict, Verify } from './verify-types'

/** Commands per read-back request: the batch limit (docs/bitrix24.md#batch). */
const MAX_BATCH = 50
/** Ids per `ID`/`FOLDER_ID` filter, so a command's query stays small. */
const IDS_PER_FILTER = 100
/** Rows per page of a site's page list (landing lists page by `limit`/`offset`, docs/bitrix24.md#landing-methods). */
const PAGE_LIMIT = 500
/** A portal that keeps answering full pages of one list forever is not worth following further. */
const MAX_ROUNDS = 50

export const MISMATCH_CODE = 'PORTAL_REPORTS_OTHERWISE'

type Raw = Record<string, unknown>
type Kind = TargetKind

/** What the portal reports, per kind and state; Russian needs the noun's gender, so whole sentences. */
const reports: Record<Kind, Record<'on' | 'off', Localized>> = {
  page: {
    on: {
      en: 'The portal reports the page as published.',
      ru: 'Портал сообщает, что страница опубликована.'
    },
    off: {
      en: 'The portal reports the page as not published.',
      ru: 'Портал сообщает, что страница не опубликована.'
    }
  },
  site: {
    on: { en: 'The portal reports the site as published.', ru: 'Портал сообщает, что сайт опубликован.' },
    off: {
      en: 'The portal reports the site as not published.',
      ru: 'Портал сообщает, что сайт не опубликован.'
    }
  },
  folder: {
    on: { en: 'The portal reports the folder as published.', ru: 'Портал сообщает, что папка опубликована.' },
    off: {
      en: 'The portal reports the folder as not published.',
      ru: 'Портал сообщает, что папка не опубликована.'
    }
  },
  document: {
    on: {
      en: 'The portal reports the document’s public link as on.',
      ru: 'Портал сообщает, что публичная ссылка документа включена.'
    },
    off: {
      en: 'The portal reports the document’s public link as off.',
      ru: 'Портал сообщает, что публичная ссылка документа выключена.'
    }
  }
}

const notListed: Record<Kind, Localized> = {
  page: {
    en: 'The portal no longer lists this page, so its state could not be checked.',
    ru: 'Портал больше не показывает эту страницу, поэтому её состояние проверить не удалось.'
  },
  site: {
    en: 'The portal no longer lists this site, so its state could not be checked.',
    ru: 'Портал больше не показывает этот сайт, поэтому его состояние проверить не удалось.'
  },
  folder: {
    en: 'The portal no longer lists this folder, so its state could not be checked.',
    ru: 'Портал больше не показывает эту папку, поэтому её состояние проверить не удалось.'
  },
  document: {
    en: 'The portal no longer finds this document, so its link could not be checked.',
    ru: 'Портал больше не находит этот документ, поэтому его ссылку проверить не удалось.'
  }
}

const prefix = {
  unconfirmed: {
    en: 'The portal answered without confirming the change. ',
    ru: 'Портал ответил, не подтвердив изменение. '
  },
  /** docs/bitrix24.md#publication-without-right: a page publication comes back empty when the account may not publish that page. */
  unconfirmedPage: {
    en: 'The portal answered without confirming the change (usually: the account may not publish this page). ',
    ru: 'Портал ответил, не подтвердив изменение (обычно это значит, что у учётной записи нет права публиковать эту страницу). '
  },
  confirmed: {
    en: 'The portal confirmed the change, but reading it back shows otherwise. ',
    ru: 'Портал подтвердил изменение, но повторное чтение показывает иное. '
  }
} satisfies Record<string, Localized>

const both = (f: (l: 'en' | 'ru') => string): Localized => ({ en: f('en'), ru: f('ru') })

/**
 * Every text a mismatch can carry, in both languages: the command line says a stored one again in
 * the reader's language (whichever process wrote it).
 */
export const mismatchTexts = (): Localized[] => [
  ...Object.values(notListed),
  ...Object.values(prefix).flatMap((head) =>
    Object.values(reports).flatMap((r) => [r.on, r.off].map((t) => both((l) => head[l] + t[l])))
  )
]

/** The error a mismatch carries: what the portal was asked, and what it reports now. */
export const mismatchError = (op: AnsweredOperation, state: boolean | null): OperationError => {
  let text: Localized
  if (state === null) text = notListed[op.kind]
  else {
    const head = op.confirmed
      ? prefix.confirmed
      : op.kind === 'page' && op.action === 'publish'
        ? prefix.unconfirmedPage
        : prefix.unconfirmed
    text = both((l) => head[l] + reports[op.kind][state ? 'on' : 'off'][l])
  }
  return { code: MISMATCH_CODE, message: localize(text), category: 'permanent' }
}

/** What a site's read-back shows, after a site command the portal refused (the walk may have got far). */
const siteNow = (live: boolean | null, pagesLive: number | null): Localized => {
  if (live === null) return notListed.site
  const site = reports.site[live ? 'on' : 'off']
  if (pagesLive === null) return site
  return both((l) =>
    l === 'en'
      ? `${site.en} ${pagesLive === 1 ? '1 of its pages is' : `${pagesLive} of its pages are`} published.`
      : `${site.ru} Опубликовано его страниц: ${pagesLive}.`
  )
}

/**
 * The error a refused operation keeps, with what the portal shows now: a site publication that stops
 * at a page error (`PUBLIC_PAGE_REACHED`, ...) has already activated the site and published the pages
 * before it (bitrix-core-business `modules/landing/lib/site.php` `Site::publication`).
 */
export const failedError = (
  op: AnsweredOperation & { error: OperationError },
  now: Localized
): OperationError => ({
  ...op.error,
  message: localize(both((l) => `${op.error.message} ${l === 'en' ? 'Now:' : 'Сейчас:'} ${now[l]}`))
})

const intended = (op: AnsweredOperation): boolean => op.action === 'publish' || op.action === 'link-on'

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
interface ScopeRead {
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

export interface VerifierDeps {
  catalog: CatalogStore
  changes: JobChangesStore
  events: AppEvents
  now: () => number
  log: (line: string) => void
}

/**
 * The outbox's read-back: after a portal answered a batch of operations, read what they touched,
 * write what was read into the catalog cache, and say per operation whether the portal shows the
 * intended state. The portal is the truth (docs/bitrix24.md#server-code): a site publication may or may not
 * publish inactive pages, a folder unpublication takes its parents offline, a page publication may
 * answer with nothing and do nothing. So nothing here predicts another object's state; what the
 * window shows afterwards is what the portal reported.
 *
 * Reads go in batches of one landing scope each (the scope sticks inside a batch on the server,
 * docs/bitrix24.md#sticky-scope), at most 50 commands, through the lane's port, so they are paced and counted like any call.
 */
export const createVerifier = (deps: VerifierDeps): Verify => {
  const { catalog } = deps

  const readScope = async (
    portalId: string,
    scope: LandingScope,
    ops: readonly AnsweredOperation[],
    port: ReadbackPort
  ): Promise<ScopeRead> => {
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
      if (addJobs(sitePagesJobs, op.targetId, [op.jobId]))
        readPagesWhere({ SITE_ID: op.targetId }, op.targetId)
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
        deps.log(`outbox: read-back on ${portalId} stopped after ${MAX_ROUNDS} rounds`)
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
          throw (
            item?.error ?? new Error(`the portal answered ${items.length} of ${chunk.length} read commands`)
          )
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

  const verdictFor = (op: AnsweredOperation, read: ScopeRead): Verdict => {
    let state: boolean | null
    switch (op.kind) {
      case 'page':
        // The intent on a page is its own ACTIVE flag; whether its site is live is shown, not judged.
        state = read.pages.get(op.targetId)?.published ?? null
        break
      case 'site':
        state = read.sites.get(op.targetId)?.published ?? null
        break
      case 'folder':
        state = read.folders.get(op.targetId)?.published ?? null
        break
      case 'document': {
        const doc = read.documents.get(op.targetId)
        state = doc ? !!doc.publicUrl : null
        break
      }
    }
    if (op.error) {
      let now: Localized
      if (op.kind === 'site') {
        const pagesLive = read.allPagesOf.has(op.targetId)
          ? [...read.pages.values()].filter((p) => p.siteId === op.targetId && p.published).length
          : null
        now = siteNow(state, pagesLive)
      } else now = state === null ? notListed[op.kind] : reports[op.kind][state ? 'on' : 'off']
      return { id: op.id, kind: 'failed', error: failedError({ ...op, error: op.error }, now) }
    }
    // An answer without a confirmation (docs/bitrix24.md#publication-without-right: `result: null`) is not done by itself; but every
    // intent is an absolute state, so when the read-back shows that state, the intent holds and
    // the operation is done all the same.
    if (state === intended(op)) return { id: op.id, kind: 'done' }
    return { id: op.id, kind: 'mismatch', error: mismatchError(op, state) }
  }

  /**
   * Changes to objects no operation of any job in this read-back asked for (a folder another job
   * unpublished is that job's own change, not a side effect of this one). Objects the cache had not
   * listed count when they are live now and a publication here may have brought them online (a
   * folder chain a page publication activated); their state before is unknown.
   */
  const beyondSelection = (
    portalId: string,
    found: readonly StateChange[],
    read: ScopeRead,
    touched: ReadonlySet<string>
  ): ObservedChange[] => {
    const out: ObservedChange[] = []
    for (const c of found) {
      if (c.before === null && !(c.after && read.broughtOnline.has(`${c.kind}:${c.id}`))) continue
      if (touched.has(`${c.kind}:${c.id}`)) continue
      for (const jobId of read.jobsOf(c.kind, c.id)) {
        if (deps.changes.isTarget(jobId, portalId, c.kind, c.id)) continue
        out.push({ jobId, portalId, ...c })
      }
    }
    return out
  }

  return async (portalId, answered, port, inFlight) => {
    if (answered.length === 0) return []
    const scopes = new Map<LandingScope, AnsweredOperation[]>()
    for (const op of answered) {
      // Documents have no landing scope; their reads join the default scope's batches.
      const scope = op.kind === 'document' ? '' : op.scope
      scopes.set(scope, [...(scopes.get(scope) ?? []), op])
    }
    const verdicts: Verdict[] = []
    const updated = new Set<CatalogArea>()
    const touched = new Set([...(inFlight ?? []), ...answered.map((op) => `${op.kind}:${op.targetId}`)])
    for (const [scope, ops] of scopes) {
      const read = await readScope(portalId, scope, ops, port)
      const readBack: ReadBack = {
        sites: [...read.sites.values()],
        pages: [...read.pages.values()],
        folders: [...read.folders.values()],
        documents: [...read.documents.values()],
        allPagesOf: [...read.allPagesOf],
        allFoldersOf: [...read.allFoldersOf]
      }
      const { areas, changes } = catalog.applyReadBack(portalId, readBack)
      const at = deps.now()
      try {
        deps.changes.record(beyondSelection(portalId, changes, read, touched), at)
      } catch (err) {
        // The list of side effects is a report; losing it must not undo what the portal did.
        deps.log(
          `outbox: could not record what else changed on ${portalId}: ${err instanceof Error ? err.message : String(err)}`
        )
      }
      if (areas.size > 0) catalog.markReadBack(portalId, areas, at)
      for (const a of areas) updated.add(a)
      for (const op of ops) verdicts.push(verdictFor(op, read))
    }
    for (const area of updated) deps.events.emit('catalog:updated', { portalId, area })
    return verdicts
  }
}

/** The verifier over one data folder's database, as the app wires it (compose, the benchmark). */
export const verifierFor = (
  db: Database,
  events: AppEvents,
  now: () => number,
  log: (line: string) => void = () => {}
): Verify =>
  createVerifier({ catalog: createCatalogStore(db), changes: createJobChangesStore(db), events, now, log })
