import { useEffect, useMemo, useState } from 'react'
import type { FolderRow, PageRow, SiteRow } from '../../../../shared/domain/catalog'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import {
  catalogFacts,
  impliedBy,
  siteKey,
  type CatalogFacts,
  type SiteListings,
  type SiteRef
} from '../../store/implied'
import type { BulkPlan } from './plan'

/** What else the portal changes when a plan runs, as far as the catalog tells. */
export interface SideEffects {
  /** Unpublished folders the portal publishes along (publishing pages, folders or sites). */
  foldersPublished: number
  /** Unpublished sites the portal makes active (publishing pages). */
  sitesPublished: SiteRow[]
  /** Sites whose folders are not loaded, so some of their folders may be published along too. */
  foldersUnknownSites: number
  /** Unpublished pages that stay so (publishing sites); null when some site's pages are not loaded. */
  pagesStay: number | null
  /** Sites being unpublished. */
  sitesUnpublished: number
  /** Published pages taken offline along (unpublishing sites); null when some site's pages are not loaded. */
  pagesOffline: number | null
  /** Published folders deactivated along (unpublishing sites); null when some site's folders are not loaded. */
  foldersOffline: number | null
}

export const sideEffects = (plan: Pick<BulkPlan, 'intents'>, facts: CatalogFacts): SideEffects => {
  const direct = new Set(plan.intents.map((i) => `${i.kind}|${i.portalId}|${i.targetId}`))
  const foldersOn = new Set<string>()
  const sitesOn = new Map<string, SiteRow>()
  const unknownSites = new Set<string>()
  let pagesStay: number | null = 0
  let sitesOff = 0
  let pagesOff: number | null = 0
  let foldersOff: number | null = 0
  for (const intent of plan.intents) {
    const implied = impliedBy(intent, facts)
    if (implied.on) {
      for (const f of implied.folders) {
        // A folder chosen itself is not a side effect of publishing another one.
        if (!direct.has(`folder|${f.portalId}|${f.id}`)) foldersOn.add(`${f.portalId}|${f.id}`)
      }
      for (const s of implied.sites) sitesOn.set(`${s.portalId}|${s.id}`, s)
      if (implied.foldersUnknown && implied.site)
        unknownSites.add(siteKey(implied.site.portalId, implied.site.siteId))
      if (intent.kind === 'site') {
        const pages = facts.sitePages(intent.portalId, intent.targetId)
        pagesStay =
          pages === undefined || pagesStay === null
            ? null
            : pagesStay + pages.filter((p) => !p.published).length
      }
    } else if (intent.kind === 'site') {
      sitesOff++
      pagesOff = implied.pagesUnknown || pagesOff === null ? null : pagesOff + implied.pages.length
      foldersOff = implied.foldersUnknown || foldersOff === null ? null : foldersOff + implied.folders.length
    }
  }
  return {
    foldersPublished: foldersOn.size,
    sitesPublished: [...sitesOn.values()],
    foldersUnknownSites: unknownSites.size,
    pagesStay,
    sitesUnpublished: sitesOff,
    pagesOffline: pagesOff,
    foldersOffline: foldersOff
  }
}

/** Sites whose pages or folders the review needs and the store has not loaded. */
export const missingListings = (
  plan: Pick<BulkPlan, 'intents'>,
  facts: CatalogFacts
): { pages: SiteRef[]; folders: SiteRef[] } => {
  const pages = new Map<string, SiteRef>()
  const folders = new Map<string, SiteRef>()
  for (const intent of plan.intents) {
    const implied = impliedBy(intent, facts)
    const site = implied.site
    if (!site) continue
    const key = siteKey(site.portalId, site.siteId)
    if (implied.foldersUnknown) folders.set(key, site)
    if (
      implied.pagesUnknown ||
      (intent.kind === 'site' && facts.sitePages(site.portalId, site.siteId) === undefined)
    ) {
      pages.set(key, site)
    }
  }
  return { pages: [...pages.values()], folders: [...folders.values()] }
}

/** At most this many single-site listings are asked of the local cache for one review. */
export const MAX_SITE_LOOKUPS = 20

const refsKey = (refs: SiteRef[]) => refs.map((r) => siteKey(r.portalId, r.siteId)).join(',')

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
              out.set(siteKey(ref.portalId, ref.siteId), answer.rows)
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
