import { useEffect, useMemo, useState } from 'react'
import type { FolderRow, PageRow, SiteRow } from '../../../../shared/domain/catalog'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import {
  catalogFacts,
  folderChain,
  type CatalogFacts,
  type SiteListings,
  type SiteRef
} from './catalog-facts'
import type { BulkPlan } from './plan'
import { portalKey, rowKey, targetKey } from '../../store/keys'

/**
 * What else the portal may change when a plan runs, as far as the catalog tells. What it tells is
 * what the portal last reported; after the job the read-back shows what really happened. Where
 * Bitrix24 behaves one way or another (docs/bitrix24.md#site-publication), this says "may".
 */
export interface SideEffects {
  /** Unpublished folders the portal publishes along: chains of published pages and folders (docs/bitrix24.md#landing-methods), folders of published sites. */
  foldersPublished: number
  /** Unpublished sites the portal makes active (publishing pages, docs/bitrix24.md#landing-methods). */
  sitesPublished: SiteRow[]
  /** Sites whose folders are not loaded, so some of their folders may be published along too. */
  foldersUnknownSites: number
  /** Sites being published. */
  sitesPublishing: number
  /**
   * Inactive pages of the sites being published, which current server code publishes too and the
   * docs say stay unpublished (docs/bitrix24.md#site-publication); null when some site's pages are not loaded.
   */
  inactivePages: number | null
  /** Sites being unpublished. */
  sitesUnpublished: number
  /** Published pages of the sites being unpublished; null when some site's pages are not loaded. */
  pagesOffline: number | null
  /** Published folders deactivated along (unpublishing sites); null when some site's folders are not loaded. */
  foldersOffline: number | null
  /** Folders being unpublished. */
  foldersUnpublished: number
  /** Published parent folders the portal takes offline with an unpublished folder (docs/bitrix24.md#folder-chain: always). */
  parentsOffline: number
  /** Some unpublished folder's chain of parents is not loaded, so `parentsOffline` may miss some. */
  parentsUnknown: boolean
  /**
   * Live pages edited since their publication (PUBLIC=N) that go live with their edits: a site
   * publication publishes every page not live and current, drafts included, and a page publication
   * publishes the page's edits (bitrix-core-business `modules/landing/lib/site.php`).
   */
  draftsPublished: PageRow[]
}

const folderKey = rowKey

export const sideEffects = (plan: Pick<BulkPlan, 'intents'>, facts: CatalogFacts): SideEffects => {
  const direct = new Set(plan.intents.map((i) => targetKey(i.kind, i.portalId, i.targetId)))
  const notChosen = (f: FolderRow) => !direct.has(targetKey('folder', f.portalId, f.id))
  const foldersOn = new Set<string>()
  const sitesOn = new Map<string, SiteRow>()
  const unknownSites = new Set<string>()
  const parentsOff = new Set<string>()
  const out: SideEffects = {
    foldersPublished: 0,
    sitesPublished: [],
    foldersUnknownSites: 0,
    sitesPublishing: 0,
    inactivePages: 0,
    sitesUnpublished: 0,
    pagesOffline: 0,
    foldersOffline: 0,
    foldersUnpublished: 0,
    parentsOffline: 0,
    parentsUnknown: false,
    draftsPublished: []
  }
  const drafts = new Map<string, PageRow>()
  const draft = (p: PageRow) => {
    if (p.published && p.edited === true) drafts.set(rowKey(p), p)
  }
  const add = (total: number | null, n: number | undefined) =>
    total === null || n === undefined ? null : total + n
  /** A chain the portal publishes along: its unpublished folders, or its site when a link is missing. */
  const publishChain = (portalId: string, siteId: number, folderId: number | null) => {
    const chain = folderChain(facts, portalId, folderId)
    for (const f of chain.folders) if (!f.published && notChosen(f)) foldersOn.add(folderKey(f))
    if (!chain.complete) unknownSites.add(portalKey(portalId, siteId))
  }

  for (const { portalId, kind, targetId, action } of plan.intents) {
    if (action === 'publish') {
      if (kind === 'page') {
        const page = facts.page(portalId, targetId)
        if (!page) continue
        draft(page)
        const site = facts.site(portalId, page.siteId)
        if (site && !site.published) sitesOn.set(portalKey(portalId, site.id), site)
        publishChain(portalId, page.siteId, page.folderId)
      } else if (kind === 'folder') {
        const folder = facts.folder(portalId, targetId)
        if (folder) publishChain(portalId, folder.siteId, folder.parentId)
      } else if (kind === 'site') {
        out.sitesPublishing++
        const folders = facts.siteFolders(portalId, targetId)
        if (folders === undefined) unknownSites.add(portalKey(portalId, targetId))
        else for (const f of folders) if (!f.published && notChosen(f)) foldersOn.add(folderKey(f))
        const pages = facts.sitePages(portalId, targetId)
        out.inactivePages = add(out.inactivePages, pages?.filter((p) => !p.published).length)
        for (const p of pages ?? []) draft(p)
      }
    } else if (action === 'unpublish') {
      if (kind === 'site') {
        out.sitesUnpublished++
        const pages = facts.sitePages(portalId, targetId)
        const folders = facts.siteFolders(portalId, targetId)
        out.pagesOffline = add(out.pagesOffline, pages?.filter((p) => p.published).length)
        out.foldersOffline = add(out.foldersOffline, folders?.filter((f) => f.published).length)
      } else if (kind === 'folder') {
        out.foldersUnpublished++
        const folder = facts.folder(portalId, targetId)
        const chain = folder
          ? folderChain(facts, portalId, folder.parentId)
          : { folders: [], complete: false }
        for (const f of chain.folders) if (f.published && notChosen(f)) parentsOff.add(folderKey(f))
        if (!chain.complete) out.parentsUnknown = true
      }
    }
  }
  out.foldersPublished = foldersOn.size
  out.sitesPublished = [...sitesOn.values()]
  out.foldersUnknownSites = unknownSites.size
  out.parentsOffline = parentsOff.size
  out.draftsPublished = [...drafts.values()]
  return out
}

/** Sites whose pages or folders the review needs and the store has not loaded. */
export const missingListings = (
  plan: Pick<BulkPlan, 'intents'>,
  facts: CatalogFacts
): { pages: SiteRef[]; folders: SiteRef[] } => {
  const pages = new Map<string, SiteRef>()
  const folders = new Map<string, SiteRef>()
  const needFolders = (portalId: string, siteId: number) =>
    folders.set(portalKey(portalId, siteId), { portalId, siteId })
  for (const { portalId, kind, targetId, action } of plan.intents) {
    if (kind === 'site') {
      if (facts.siteFolders(portalId, targetId) === undefined) needFolders(portalId, targetId)
      if (facts.sitePages(portalId, targetId) === undefined)
        pages.set(portalKey(portalId, targetId), { portalId, siteId: targetId })
    } else if (kind === 'page' && action === 'publish') {
      const page = facts.page(portalId, targetId)
      if (page && !folderChain(facts, portalId, page.folderId).complete) needFolders(portalId, page.siteId)
    } else if (kind === 'folder') {
      const folder = facts.folder(portalId, targetId)
      if (folder && !folderChain(facts, portalId, folder.parentId).complete)
        needFolders(portalId, folder.siteId)
    }
  }
  return { pages: [...pages.values()], folders: [...folders.values()] }
}

/** At most this many single-site listings are asked of the local cache for one review. */
export const MAX_SITE_LOOKUPS = 20

const refsKey = (refs: SiteRef[]) => refs.map((r) => portalKey(r.portalId, r.siteId)).join(',')

/**
 * The side effects of a plan. What the store has not loaded is asked of the local catalog cache
 * (`catalog:pages` / `catalog:folders` for one site, no portal call), for a few sites at most;
 * what is still unknown then is said to be unknown.
 */
export const useSideEffects = (plan: BulkPlan): { effects: SideEffects; pending: boolean } => {
  const sites = useStore((s) => s.catalog.sites)
  const pages = useStore((s) => s.catalog.pages)
  const folders = useStore((s) => s.catalog.folders)
  const base = useMemo(() => catalogFacts({ sites, pages, folders }), [sites, pages, folders])
  const missing = useMemo(() => missingListings(plan, base), [plan, base])
  const wanted = useMemo(
    () => ({
      pages: missing.pages.slice(0, MAX_SITE_LOOKUPS),
      folders: missing.folders.slice(0, MAX_SITE_LOOKUPS)
    }),
    [missing]
  )
  const wantedKey = `${refsKey(wanted.pages)};${refsKey(wanted.folders)}`
  const [found, setFound] = useState<{ key: string; listings: SiteListings } | null>(null)

  useEffect(() => {
    if (wantedKey === ';') return
    let live = true
    const ask = async <T>(
      refs: SiteRef[],
      read: (ref: SiteRef) => Promise<{ rows: T[]; syncedAt: Record<string, number | null> }>
    ) => {
      const out = new Map<string, T[]>()
      await Promise.all(
        refs.map(async (ref) => {
          try {
            const answer = await read(ref)
            // Rows of a site never synced are not known: an empty answer would read as "none".
            if (answer.rows.length > 0 || answer.syncedAt[ref.portalId] != null)
              out.set(portalKey(ref.portalId, ref.siteId), answer.rows)
          } catch {
            // Not known, then; the review says so.
          }
        })
      )
      return out
    }
    void Promise.all([
      ask<PageRow>(wanted.pages, (r) => call('catalog:pages', { portalIds: [r.portalId], siteId: r.siteId })),
      ask<FolderRow>(wanted.folders, (r) =>
        call('catalog:folders', { portalIds: [r.portalId], siteId: r.siteId })
      )
    ]).then(([p, f]) => {
      if (live) setFound({ key: wantedKey, listings: { pages: p, folders: f } })
    })
    return () => {
      live = false
    }
    // `wanted` changes whenever `wantedKey` does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wantedKey])

  const listings = found?.key === wantedKey ? found.listings : undefined
  const effects = useMemo(
    () => sideEffects(plan, listings ? catalogFacts({ sites, pages, folders }, listings) : base),
    [plan, base, listings, sites, pages, folders]
  )
  return { effects, pending: wantedKey !== ';' && !listings }
}
