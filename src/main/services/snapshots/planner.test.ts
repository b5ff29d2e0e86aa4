import { describe, expect, it } from 'vitest'
import type { Intent } from '../../../shared/domain/outbox'
import type { PortalState } from './model'
import { describeEffects, planPortalRestore } from './planner'

type Behaviour = 'server' | 'docs'

/**
 * A portal as docs/bitrix24.md#site-publication, #folder-chain, #publication-without-right describes it, under either site-publication behaviour: what each
 * intent does to the object and to others. The planner must not rely on one behaviour; the tests
 * run its plans through both.
 */
const apply = (s: PortalState, intents: readonly Intent[], behaviour: Behaviour): PortalState => {
  const st = structuredClone(s)
  const folder = new Map(st.folders.map((f) => [f.id, f]))
  const chain = (id: number | null) => {
    const out = []
    for (
      let f = id === null ? undefined : folder.get(id);
      f;
      f = f.parentId === null ? undefined : folder.get(f.parentId)
    )
      out.push(f)
    return out
  }
  for (const i of intents) {
    if (i.kind === 'document') {
      const d = st.documents?.find((x) => x.id === i.targetId)
      if (d) d.live = i.action === 'link-on'
    } else if (i.kind === 'site') {
      const site = st.sites.find((x) => x.id === i.targetId)
      if (!site) continue
      const mark = i.action === 'publish'
      for (const p of st.pages.filter((x) => x.siteId === site.id)) {
        // Server code skips fully published pages either way; docs: publication leaves inactive ones, unpublication takes all.
        if (mark) p.live = behaviour === 'server' ? true : p.live
        else p.live = behaviour === 'server' ? p.live : false
      }
      for (const f of st.folders.filter((x) => x.siteId === site.id)) f.live = mark
      site.live = mark
    } else if (i.kind === 'page') {
      const p = st.pages.find((x) => x.id === i.targetId)
      if (!p) continue
      p.live = i.action === 'publish'
      if (p.live) {
        for (const f of chain(p.folderId)) f.live = true
        const site = st.sites.find((x) => x.id === p.siteId)
        if (site) site.live = true
      }
    } else {
      for (const f of chain(i.targetId)) f.live = i.action === 'publish'
    }
  }
  return st
}

/** Runs the plan phase by phase; within a phase in any order (several batches may be in flight). */
const run = (
  s: PortalState,
  steps: ReturnType<typeof planPortalRestore>['steps'],
  b: Behaviour,
  shuffle: () => number
) => {
  let st = s
  const phases = [...new Set(steps.map((x) => x.phase))].sort((a, c) => a - c)
  for (const ph of phases) {
    const these = steps.filter((x) => x.phase === ph).map((x) => x.intent)
    these.sort(() => shuffle() - 0.5)
    st = apply(st, these, b)
  }
  return st
}

const prng = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff
  return seed / 0x7fffffff
}

/** A random portal: a few sites, nested folders, pages in them, documents. */
const randomPortal = (rnd: () => number): PortalState => {
  const s: PortalState = { portalId: 'p', sites: [], folders: [], pages: [], documents: [] }
  let fid = 1
  let pid = 1
  for (let site = 1; site <= 3; site++) {
    s.sites.push({ id: site, title: `S${site}`, scope: site === 3 ? 'KNOWLEDGE' : '', live: rnd() < 0.5 })
    const mine: number[] = []
    for (let k = 0; k < 4; k++) {
      const parent = mine.length > 0 && rnd() < 0.6 ? mine[Math.floor(rnd() * mine.length)] : null
      s.folders.push({
        id: fid,
        siteId: site,
        parentId: parent,
        title: `F${fid}`,
        scope: '',
        live: rnd() < 0.5
      })
      mine.push(fid++)
    }
    for (let k = 0; k < 6; k++) {
      const folderId = rnd() < 0.6 ? mine[Math.floor(rnd() * mine.length)] : null
      s.pages.push({ id: pid, siteId: site, folderId, title: `P${pid++}`, scope: '', live: rnd() < 0.5 })
    }
  }
  for (let d = 1; d <= 3; d++) s.documents?.push({ id: d, title: `D${d}`, live: rnd() < 0.5 })
  return s
}

const flags = (s: PortalState) => ({
  sites: Object.fromEntries(s.sites.map((x) => [x.id, x.live])),
  folders: Object.fromEntries(s.folders.map((x) => [x.id, x.live])),
  pages: Object.fromEntries(s.pages.map((x) => [x.id, x.live])),
  documents: Object.fromEntries((s.documents ?? []).map((x) => [x.id, x.live]))
})

/**
 * A site that is not live in the snapshot but must be unpublished after its live pages (a page
 * publication activates it) takes its pages offline under the docs behaviour. Nothing can put those
 * back without publishing the site again: the one honest outcome is to say so.
 */
const unreachable = (
  target: PortalState,
  steps: ReturnType<typeof planPortalRestore>['steps'],
  b: Behaviour
) => {
  const sitesDown = new Set(
    steps
      .filter((x) => x.intent.kind === 'site' && x.intent.action === 'unpublish')
      .map((x) => x.intent.targetId)
  )
  return {
    // Folders are published after the site goes offline ("site offline, folder live" is reachable).
    folders: [] as number[],
    pages: b === 'docs' ? target.pages.filter((p) => sitesDown.has(p.siteId) && p.live).map((p) => p.id) : []
  }
}

describe('restore planner', () => {
  for (const behaviour of ['server', 'docs'] as const) {
    it(`puts 300 random portals back in the snapshot's state under the ${behaviour} behaviour, whatever order a phase runs in`, () => {
      const rnd = prng(behaviour === 'server' ? 7 : 11)
      let checked = 0
      for (let n = 0; n < 300; n++) {
        const target = randomPortal(rnd)
        // The portal drifts: random intents of every kind, applied under the same behaviour.
        const drift: Intent[] = []
        for (let k = 0; k < 8; k++) {
          const pick = rnd()
          const kind = pick < 0.2 ? 'site' : pick < 0.6 ? 'page' : pick < 0.85 ? 'folder' : 'document'
          const pool =
            kind === 'site'
              ? target.sites
              : kind === 'page'
                ? target.pages
                : kind === 'folder'
                  ? target.folders
                  : (target.documents ?? [])
          const o = pool[Math.floor(rnd() * pool.length)]
          const on = rnd() < 0.5
          drift.push({
            portalId: 'p',
            kind,
            targetId: o.id,
            scope: '',
            action: kind === 'document' ? (on ? 'link-on' : 'link-off') : on ? 'publish' : 'unpublish'
          })
        }
        const current = apply(target, drift, behaviour)
        const plan = planPortalRestore(target, current)
        const after = run(current, plan.steps, behaviour, rnd)
        const expected = flags(target)
        const got = flags(after)
        const skip = unreachable(target, plan.steps, behaviour)
        for (const id of skip.folders) got.folders[id] = expected.folders[id]
        for (const id of skip.pages) got.pages[id] = expected.pages[id]
        expect(
          got,
          `portal ${n}, plan ${JSON.stringify(plan.steps.map((x) => [x.phase, x.intent.kind, x.intent.targetId, x.intent.action]))}`
        ).toEqual(expected)
        checked++
      }
      expect(checked).toBe(300)
    })
  }

  it('plans nothing for a portal that matches, and only the differences otherwise', () => {
    const target = randomPortal(prng(3))
    expect(planPortalRestore(target, structuredClone(target)).steps).toEqual([])
    const current = structuredClone(target)
    const doc = current.documents?.[0]
    if (doc) doc.live = !doc.live
    const plan = planPortalRestore(target, current)
    expect(plan.steps.map((s) => [s.intent.kind, s.intent.targetId])).toEqual([['document', doc?.id]])
  })

  it('takes offline before it brings online, and brings a site back through a page rather than a site publication', () => {
    const target: PortalState = {
      portalId: 'p',
      sites: [
        { id: 1, title: 'Up', scope: '', live: true },
        { id: 2, title: 'Down', scope: 'KNOWLEDGE', live: false }
      ],
      folders: [
        { id: 10, siteId: 1, parentId: null, title: 'Top', scope: '', live: true },
        { id: 11, siteId: 1, parentId: 10, title: 'Inner', scope: '', live: false }
      ],
      pages: [
        { id: 100, siteId: 1, folderId: 11, title: 'Draft', scope: '', live: false },
        { id: 101, siteId: 1, folderId: 10, title: 'Live', scope: '', live: true }
      ],
      documents: null
    }
    const current = structuredClone(target)
    current.sites[0].live = false
    current.sites[1].live = true
    current.folders.forEach((f) => (f.live = false))
    current.pages.forEach((p) => (p.live = false))
    const plan = planPortalRestore(target, current)
    const order = plan.steps.map((s) => `${s.phase}:${s.intent.kind}:${s.intent.targetId}:${s.intent.action}`)
    // No site publication: it would publish page 100 too. Page 101 brings its folder and site back.
    expect(order).toEqual(['1:site:2:unpublish', '2:page:101:publish'])
    expect(plan.steps[0].intent.scope).toBe('KNOWLEDGE')
  })

  it('on a one-site plan, unpublishes the live site before it publishes the snapshot’s one', () => {
    const target: PortalState = {
      portalId: 'p',
      sites: [
        { id: 1, title: 'A', scope: '', live: true },
        { id: 2, title: 'B', scope: '', live: false }
      ],
      folders: [],
      pages: [
        { id: 10, siteId: 1, folderId: null, title: 'A home', scope: '', live: true },
        { id: 20, siteId: 2, folderId: null, title: 'B home', scope: '', live: false }
      ],
      documents: null
    }
    const current = structuredClone(target)
    current.sites[0].live = false
    current.sites[1].live = true
    current.pages[0].live = true
    current.pages[1].live = true
    const plan = planPortalRestore(target, current)
    // One published site at most on the way: B goes offline (phase 1) before A comes back (phase 2).
    const live = (st: PortalState) => st.sites.filter((x) => x.live).length
    let st = current
    for (const ph of [...new Set(plan.steps.map((x) => x.phase))].sort((a, b) => a - b)) {
      st = apply(
        st,
        plan.steps.filter((x) => x.phase === ph).map((x) => x.intent),
        'server'
      )
      expect(live(st)).toBeLessThanOrEqual(1)
    }
    expect(flags(st)).toEqual(flags(target))
    expect(
      plan.steps.map((s) => `${s.phase}:${s.intent.kind}:${s.intent.targetId}:${s.intent.action}`)
    ).toEqual(['1:page:20:unpublish', '1:site:2:unpublish', '2:page:10:publish'])
  })

  it('keeps drafts drafts: a site comes back through a live page without edits, and the review names any draft it cannot avoid', () => {
    const target: PortalState = {
      portalId: 'p',
      sites: [{ id: 1, title: 'Shop', scope: '', live: true }],
      folders: [],
      pages: [
        { id: 10, siteId: 1, folderId: null, title: 'Edited', scope: '', live: true },
        { id: 11, siteId: 1, folderId: null, title: 'Clean', scope: '', live: true }
      ],
      documents: null
    }
    const current = structuredClone(target)
    current.sites[0].live = false
    current.pages[0].edited = true
    const plan = planPortalRestore(target, current)
    expect(plan.steps.map((s) => `${s.intent.kind}:${s.intent.targetId}:${s.intent.action}`)).toEqual([
      'page:11:publish'
    ])
    expect(plan.draftTitles).toEqual([])
    // Only edited pages left: one of them goes live with its edits, and the review says which.
    current.pages[1].edited = true
    const forced = planPortalRestore(target, current)
    expect(forced.steps.map((s) => `${s.intent.kind}:${s.intent.action}`)).toEqual(['page:publish'])
    expect(describeEffects([forced])).toContain(
      '1 page edited since its publication goes live with its edits: “Edited”.'
    )
  })

  it('reaches “site offline, folder live”: the site goes offline first, the folder is published after', () => {
    const target: PortalState = {
      portalId: 'p',
      sites: [{ id: 1, title: 'Shop', scope: '', live: false }],
      folders: [{ id: 10, siteId: 1, parentId: null, title: 'Folder', scope: '', live: true }],
      pages: [],
      documents: null
    }
    const current = structuredClone(target)
    current.sites[0].live = true
    current.folders[0].live = false
    const plan = planPortalRestore(target, current)
    expect(plan.steps.map((s) => `${s.phase}:${s.intent.kind}:${s.intent.action}`)).toEqual([
      '1:site:unpublish',
      '5:folder:publish'
    ])
    for (const b of ['server', 'docs'] as const)
      expect(flags(run(current, plan.steps, b, prng(1)))).toEqual(flags(target))
  })

  it('counts what is gone from the portal and plans nothing for it', () => {
    const target = randomPortal(prng(5))
    const current = structuredClone(target)
    current.pages = current.pages.slice(1)
    const plan = planPortalRestore(target, current)
    expect(plan.gone.map((o) => `${o.kind}:${o.id}`)).toEqual([`page:${target.pages[0].id}`])
    expect(plan.steps.some((s) => s.intent.kind === 'page' && s.intent.targetId === target.pages[0].id)).toBe(
      false
    )
    expect(describeEffects([plan]).at(-1)).toMatch(/1 object of the snapshot is no longer on the portal/)
  })
})
