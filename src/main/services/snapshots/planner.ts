import type { Intent } from '../../../shared/domain/outbox'
import { localize } from '../app/language'
import { messages } from './messages'
import type { FolderState, PortalState, StateObject } from './model'
import { objectKey, objectsOf } from './model'

/** An intent with the phase it runs in: nothing of a later phase is sent while an earlier one is pending. */
export interface PlannedIntent {
  intent: Intent
  phase: number
}

export interface PortalPlan {
  portalId: string
  steps: PlannedIntent[]
  /** In the snapshot, not on the portal any more: nothing can bring them back. */
  gone: StateObject[]
  effects: EffectCounts
  /** Titles of the pages edited since their publication that the plan publishes with their edits. */
  draftTitles: string[]
}

export interface EffectCounts {
  /** Unpublish intents added for pages a site publication may publish although they were not live. */
  pagesAfterSitePublication: number
  /** Folders and sites set back after a page publication published them along with the page. */
  setBackAfterPages: number
  /** Parent folders published again after a folder unpublication took them offline. */
  parentsRepublished: number
  /** Pages live in the snapshot inside a site that is unpublished at the end (the docs' behaviour takes them offline). */
  underUnpublishedSite: number
  /** Document links switched on: the portal makes a new public address. */
  linksSwitchedOn: number
  /** Pages edited since their publication that go live with their edits (a publication cannot leave them out). */
  draftsPublished: number
  /** Sites offline in the snapshot that a page publication brings online for a moment before they go offline again. */
  sitesOnForAMoment: number
}

/**
 * What we believe an object's flag is while planning: true or false, or null when it depends on
 * which way the portal behaves (a site publication may or may not publish inactive pages).
 * An object whose belief is null always gets an explicit intent.
 */
type Belief = boolean | null

/**
 * How a portal state may differ from what it reads now before the plan runs: the maintenance end
 * is planned before the unpublication of its start has run, so it plans against what that leaves.
 */
export type Assume = (o: StateObject, now: Belief) => Belief

const label = (title: string): string => (title.length > 500 ? `${title.slice(0, 499)}…` : title)

/**
 * Plans a restore of one portal: only the objects whose flag differs from the snapshot's (or may
 * differ by the time their turn comes), ordered so the portal ends in the snapshot's state whichever
 * way it behaves (bitrix-core-business `modules/landing/lib/site.php`, `landing.php`, `mutator.php`):
 *
 * 0. document links.
 * 1. offline first: pages to unpublish, and sites to unpublish that have no page live in the
 *    snapshot. The plan limits count published sites and pages (`PUBLIC_SITE_REACHED`,
 *    `PUBLIC_PAGE_REACHED`), so nothing comes online while something else still has to go.
 * 2. online: pages to publish, each activating its folder chain and its site. A site that must come
 *    back comes back through one of its pages: a page that has to be published anyway, else a live
 *    page with no unpublished edits (its publication changes no content), else a live page with
 *    edits (they go live, and the review says so). Only a site with no page live in the snapshot is
 *    published as a site, which publishes every page not live and current, drafts included.
 * 3. pages a site publication may have published although they were not live: unpublished.
 * 4. sites offline in the snapshot with pages live in it: unpublished after those pages (a page
 *    publication activates its site). The server keeps fully published pages live under an offline
 *    site; pages with edits are published before, so that they stay live too.
 * 5.. folders, deepest first, one phase per depth: (un)publishing a folder sets its whole parent
 *    chain the same way and never touches the site, so "site offline, folder live" is reached too.
 */
export const planPortalRestore = (target: PortalState, current: PortalState, assume?: Assume): PortalPlan => {
  const portalId = target.portalId
  const nowObjects = new Map(objectsOf(current).map((o) => [objectKey(o.kind, o.id), o]))
  const belief = new Map<string, Belief>()
  const gone: StateObject[] = []
  const targetObjects = objectsOf(target).filter((o) => {
    const n = nowObjects.get(objectKey(o.kind, o.id))
    if (!n) {
      gone.push(o)
      return false
    }
    belief.set(objectKey(o.kind, o.id), assume ? assume(o, n.live) : n.live)
    return true
  })
  const present = new Set(targetObjects.map((o) => objectKey(o.kind, o.id)))
  const has = (kind: StateObject['kind'], id: number) => present.has(objectKey(kind, id))
  const get = (kind: StateObject['kind'], id: number): Belief => belief.get(objectKey(kind, id)) ?? null
  const set = (kind: StateObject['kind'], id: number, v: Belief) => {
    if (has(kind, id)) belief.set(objectKey(kind, id), v)
  }
  const edited = new Map(current.pages.map((p) => [p.id, p.edited === true]))

  const folders = new Map<number, FolderState>(
    target.folders.filter((f) => has('folder', f.id)).map((f) => [f.id, f])
  )
  // The portal's own parent links (as read now) decide what a folder intent drags along.
  const parentOf = new Map<number, number | null>(current.folders.map((f) => [f.id, f.parentId]))
  const chain = (folderId: number | null): number[] => {
    const out: number[] = []
    const seen = new Set<number>()
    for (let id = folderId; id !== null && id !== undefined && !seen.has(id); id = parentOf.get(id) ?? null) {
      seen.add(id)
      out.push(id)
    }
    return out
  }
  const depth = (folderId: number) => chain(folderId).length

  const effects: EffectCounts = {
    pagesAfterSitePublication: 0,
    setBackAfterPages: 0,
    parentsRepublished: 0,
    underUnpublishedSite: 0,
    linksSwitchedOn: 0,
    draftsPublished: 0,
    sitesOnForAMoment: 0
  }
  const draftTitles: string[] = []
  const steps: PlannedIntent[] = []
  const add = (o: StateObject, action: Intent['action'], phase: number) =>
    steps.push({
      phase,
      intent: { portalId, kind: o.kind, targetId: o.id, scope: o.scope, action, label: label(o.title) }
    })
  const draftGoesLive = (p: StateObject) => {
    effects.draftsPublished++
    draftTitles.push(p.title)
  }

  const targetSites = targetObjects.filter((o) => o.kind === 'site')
  const targetPages = targetObjects.filter((o) => o.kind === 'page')
  const pageFolder = new Map(current.pages.map((p) => [p.id, p.folderId]))
  const pagesOf = (siteId: number) => targetPages.filter((p) => p.siteId === siteId)

  // Phase 0: document links.
  for (const o of targetObjects) {
    if (o.kind !== 'document' || get('document', o.id) === o.live) continue
    add(o, o.live ? 'link-on' : 'link-off', 0)
    if (o.live) effects.linksSwitchedOn++
  }

  // Phase 1: offline first. Pages, then sites with nothing live in the snapshot.
  for (const p of targetPages) {
    if (p.live || get('page', p.id) === false) continue
    add(p, 'unpublish', 1)
    set('page', p.id, false)
  }
  const lateSites = new Set<number>()
  for (const s of targetSites) {
    if (s.live || get('site', s.id) === false) continue
    if (pagesOf(s.id).some((p) => p.live)) {
      lateSites.add(s.id)
      continue
    }
    add(s, 'unpublish', 1)
    set('site', s.id, false)
    for (const f of folders.values()) if (f.siteId === s.id) set('folder', f.id, false)
  }

  // Phase 2: online. Sites come back through a page where they can.
  const before = new Map(belief)
  const publishPage = (p: StateObject) => {
    add(p, 'publish', 2)
    if (edited.get(p.id)) draftGoesLive(p)
    set('page', p.id, true)
    for (const id of chain(pageFolder.get(p.id) ?? null)) set('folder', id, true)
    if (p.siteId !== null) set('site', p.siteId, true)
  }
  const chainLive = (p: StateObject) =>
    chain(pageFolder.get(p.id) ?? null).every((id) => folders.get(id)?.live !== false)
  const sitePublished = new Set<number>()
  for (const s of targetSites) {
    if (!s.live || get('site', s.id) === true) continue
    const live = pagesOf(s.id).filter((p) => p.live)
    const byPreference = [...live].sort((a, b) => Number(chainLive(b)) - Number(chainLive(a)))
    const carrier =
      byPreference.find((p) => get('page', p.id) !== true && !edited.get(p.id)) ??
      byPreference.find((p) => get('page', p.id) !== true) ??
      byPreference.find((p) => !edited.get(p.id)) ??
      byPreference[0]
    if (carrier) {
      publishPage(carrier)
      continue
    }
    // No page of the site is live in the snapshot: only a site publication brings it back.
    add(s, 'publish', 2)
    sitePublished.add(s.id)
    set('site', s.id, true)
    for (const p of pagesOf(s.id)) {
      if (get('page', p.id) === true && edited.get(p.id)) draftGoesLive(p)
      if (get('page', p.id) !== true) set('page', p.id, null)
    }
    for (const f of folders.values())
      if (f.siteId === s.id && get('folder', f.id) !== true) set('folder', f.id, null)
  }
  const onForAMoment = new Set<number>()
  for (const p of targetPages) {
    if (!p.live) continue
    const late = p.siteId !== null && lateSites.has(p.siteId)
    // Under a site that goes offline at the end, a page with edits is taken offline with it (the
    // server keeps only fully published pages): publishing it first keeps it live, edits included.
    if (get('page', p.id) === true && !(late && edited.get(p.id))) continue
    if (late && p.siteId !== null && before.get(objectKey('site', p.siteId)) === false)
      onForAMoment.add(p.siteId)
    if (steps.some((x) => x.phase === 2 && x.intent.kind === 'page' && x.intent.targetId === p.id)) continue
    publishPage(p)
  }

  effects.sitesOnForAMoment = onForAMoment.size

  // Phase 3: what a site publication may have published although it was not live.
  for (const p of targetPages) {
    if (p.siteId === null || !sitePublished.has(p.siteId) || p.live || get('page', p.id) === false) continue
    effects.pagesAfterSitePublication++
    add(p, 'unpublish', 3)
    set('page', p.id, false)
  }

  // Phase 4: sites offline in the snapshot whose live pages had to come first.
  const changedByPages = (kind: 'folder' | 'site', id: number, want: boolean) =>
    before.get(objectKey(kind, id)) !== get(kind, id) && get(kind, id) !== want
  for (const s of targetSites) {
    if (s.live || get('site', s.id) === false) continue
    if (changedByPages('site', s.id, s.live)) effects.setBackAfterPages++
    add(s, 'unpublish', 4)
    set('site', s.id, false)
    effects.underUnpublishedSite += pagesOf(s.id).filter((p) => p.live).length
    for (const f of folders.values()) if (f.siteId === s.id) set('folder', f.id, false)
  }

  // Phases 5..: folders, deepest first. Folders of one depth share a phase and may run in any order,
  // so a parent that siblings set different ways is left unknown (and gets its own intent).
  const byDepth = [...folders.values()].sort((a, b) => depth(b.id) - depth(a.id) || a.id - b.id)
  const maxDepth = byDepth.length > 0 ? depth(byDepth[0].id) : 0
  for (let d = maxDepth; d >= 1; d--) {
    const marks = new Map<number, Belief>()
    for (const f of byDepth.filter((x) => depth(x.id) === d)) {
      if (changedByPages('folder', f.id, f.live)) effects.setBackAfterPages++
      if (get('folder', f.id) === f.live) continue
      const o = targetObjects.find((x) => x.kind === 'folder' && x.id === f.id)
      if (!o) continue
      add(o, f.live ? 'publish' : 'unpublish', 5 + (maxDepth - d))
      set('folder', f.id, f.live)
      for (const id of chain(f.id).slice(1)) {
        if (!f.live && folders.get(id)?.live) effects.parentsRepublished++
        marks.set(id, marks.has(id) && marks.get(id) !== f.live ? null : f.live)
      }
    }
    for (const [id, v] of marks) set('folder', id, v)
  }

  steps.sort((a, b) => a.phase - b.phase)
  return { portalId, steps, gone, effects, draftTitles }
}

/** What the portal may also change along the way, in the user's language, for the review. */
export const describeEffects = (plans: readonly PortalPlan[]): string[] => {
  const sum = (k: keyof EffectCounts) => plans.reduce((n, p) => n + p.effects[k], 0)
  const out: string[] = []
  const n1 = sum('pagesAfterSitePublication')
  if (n1 > 0) out.push(localize(messages.effectSitePublication, { count: n1 }))
  const n2 = sum('setBackAfterPages')
  if (n2 > 0) out.push(localize(messages.effectPagePublication, { count: n2 }))
  const n3 = sum('parentsRepublished')
  if (n3 > 0) out.push(localize(messages.effectFolderChain, { count: n3 }))
  const n4 = sum('underUnpublishedSite')
  if (n4 > 0) out.push(localize(messages.effectSiteUnpublication, { count: n4 }))
  const n5 = sum('linksSwitchedOn')
  if (n5 > 0) out.push(localize(messages.effectNewLinks, { count: n5 }))
  const drafts = plans.flatMap((p) => p.draftTitles)
  if (drafts.length > 0)
    out.push(
      localize(messages.effectDrafts, {
        count: drafts.length,
        names:
          drafts
            .slice(0, 5)
            .map((t) => `“${t}”`)
            .join(', ') + (drafts.length > 5 ? ', …' : '')
      })
    )
  const n6 = sum('sitesOnForAMoment')
  if (n6 > 0) out.push(localize(messages.effectSiteForAMoment, { count: n6 }))
  const gone = plans.reduce((n, p) => n + p.gone.length, 0)
  if (gone > 0) out.push(localize(messages.effectGone, { count: gone }))
  return out
}
