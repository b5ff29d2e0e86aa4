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
}

export interface EffectCounts {
  /** Unpublish intents added for pages a site publication may publish although they were not live. */
  pagesAfterSitePublication: number
  /** Folders and sites set back after a page publication published them along with the page. */
  setBackAfterPages: number
  /** Parent folders published again after a folder unpublication took them offline. */
  parentsRepublished: number
  /** Pages and folders live in the snapshot inside a site that is unpublished at the end. */
  underUnpublishedSite: number
  /** Document links switched on: the portal makes a new public address. */
  linksSwitchedOn: number
}

/**
 * What we believe an object's flag is while planning: true or false, or null when it depends on
 * which way the portal behaves (docs/bitrix24.md#site-publication: a site publication may or may not publish inactive pages).
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
 * way it behaves (docs/bitrix24.md#site-publication, #folder-chain, #publication-without-right):
 *
 * 0. document links, and sites to publish. A site publication may also publish the site's inactive
 *    pages (server code) or leave them (docs); its folders follow the site.
 * 1. pages. Publishing a page also publishes its folder chain and activates its site; so pages of a
 *    site just published that were not live get an explicit unpublish here.
 * 2.. folders, deepest first, one phase per depth: (un)publishing a folder sets its whole parent
 *    chain the same way, and nothing later touches a deeper folder, so each folder ends as its own
 *    intent set it.
 * last: sites to unpublish (also those a page publication activated). A site unpublication may take
 *    its pages and folders offline, which nothing after it can undo without publishing the site again;
 *    such objects are counted so the review can say so.
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
    linksSwitchedOn: 0
  }
  const steps: PlannedIntent[] = []
  const add = (o: StateObject, action: Intent['action'], phase: number) =>
    steps.push({
      phase,
      intent: { portalId, kind: o.kind, targetId: o.id, scope: o.scope, action, label: label(o.title) }
    })

  const targetSites = targetObjects.filter((o) => o.kind === 'site')
  const targetPages = targetObjects.filter((o) => o.kind === 'page')
  const pageSite = new Map(target.pages.map((p) => [p.id, p.siteId]))
  const pageFolder = new Map(current.pages.map((p) => [p.id, p.folderId]))

  // Phase 0: document links, site publications.
  for (const o of targetObjects) {
    if (o.kind !== 'document' || get('document', o.id) === o.live) continue
    add(o, o.live ? 'link-on' : 'link-off', 0)
    if (o.live) effects.linksSwitchedOn++
  }
  const published = new Set<number>()
  for (const s of targetSites) {
    if (!s.live || get('site', s.id) === true) continue
    add(s, 'publish', 0)
    published.add(s.id)
    set('site', s.id, true)
  }
  if (published.size > 0) {
    for (const p of target.pages) {
      if (!published.has(p.siteId) || get('page', p.id) === true) continue
      if (!p.live && has('page', p.id)) effects.pagesAfterSitePublication++
      set('page', p.id, null)
    }
    for (const f of folders.values())
      if (published.has(f.siteId) && get('folder', f.id) !== true) set('folder', f.id, null)
  }

  // Phase 1: pages.
  const before = new Map(belief)
  for (const p of targetPages) {
    if (get('page', p.id) === p.live) continue
    add(p, p.live ? 'publish' : 'unpublish', 1)
    set('page', p.id, p.live)
    if (!p.live) continue
    for (const id of chain(pageFolder.get(p.id) ?? null)) set('folder', id, true)
    const siteId = pageSite.get(p.id)
    if (siteId !== undefined) set('site', siteId, true)
  }
  const changedByPages = (kind: 'folder' | 'site', id: number, want: boolean) =>
    before.get(objectKey(kind, id)) !== get(kind, id) && get(kind, id) !== want

  // Phases 2..: folders, deepest first. Folders of one depth share a phase and may run in any order,
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
      add(o, f.live ? 'publish' : 'unpublish', 2 + (maxDepth - d))
      set('folder', f.id, f.live)
      for (const id of chain(f.id).slice(1)) {
        if (!f.live && folders.get(id)?.live) effects.parentsRepublished++
        marks.set(id, marks.has(id) && marks.get(id) !== f.live ? null : f.live)
      }
    }
    for (const [id, v] of marks) set('folder', id, v)
  }

  // Last phase: site unpublications.
  const last = 2 + maxDepth
  for (const s of targetSites) {
    if (s.live || get('site', s.id) === false) continue
    if (changedByPages('site', s.id, s.live)) effects.setBackAfterPages++
    add(s, 'unpublish', last)
    effects.underUnpublishedSite +=
      target.pages.filter((p) => p.siteId === s.id && p.live && has('page', p.id)).length +
      target.folders.filter((f) => f.siteId === s.id && f.live && has('folder', f.id)).length
  }

  steps.sort((a, b) => a.phase - b.phase)
  return { portalId, steps, gone, effects }
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
  const gone = plans.reduce((n, p) => n + p.gone.length, 0)
  if (gone > 0) out.push(localize(messages.effectGone, { count: gone }))
  return out
}
