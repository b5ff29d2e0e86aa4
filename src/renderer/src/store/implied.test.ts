import { waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FolderRow, PageRow, SiteRow } from '../../../shared/domain/catalog'
import type { Intent, OperationView } from '../../../shared/domain/outbox'
import { installFakeApi } from '../test/fake-api'
import { cached, counts, job, page, resetStore, site } from '../test/fixtures'
import { SYNC_GRACE_MS } from './catalog-slice'
import { useStore } from './index'
import { createOutcomeTracker } from './outcomes'

const folder = (portalId: string, id: number, over: Partial<FolderRow> = {}): FolderRow => ({
  portalId,
  siteId: 1,
  id,
  parentId: null,
  title: `Folder ${id}`,
  published: false,
  scope: '',
  ...over
})

let nextId = 1
const done = (
  intent: Pick<Intent, 'portalId' | 'kind' | 'targetId' | 'action'>,
  updatedAt = 1_000
): OperationView => ({
  id: nextId++,
  jobId: 1,
  scope: '',
  state: 'done',
  attempts: 1,
  error: null,
  updatedAt,
  ...intent
})

const s = () => useStore.getState()
const published = <T extends SiteRow | PageRow | FolderRow>(rows: T[]) =>
  Object.fromEntries(rows.map((r) => [`${r.portalId}|${r.id}`, r.published]))

/** Portal a: site 1 (unpublished) with folders 10 > 11 and pages in them; site 2 (published) with a folder and pages. */
beforeEach(() => {
  resetStore()
  s().setCatalog('sites', cached([site('a', 1), site('a', 2, { published: true })], { syncedAt: { a: 100 } }))
  s().setCatalog(
    'folders',
    cached(
      [folder('a', 10), folder('a', 11, { parentId: 10 }), folder('a', 20, { siteId: 2, published: true })],
      { syncedAt: { a: 100 } }
    )
  )
  s().setCatalog(
    'pages',
    cached(
      [
        page('a', 1, { folderId: 11 }),
        page('a', 2, { folderId: 10 }),
        page('a', 3, { siteId: 2, published: true }),
        page('a', 4, { siteId: 2, folderId: 20, published: true }),
        page('a', 5, { siteId: 2 })
      ],
      { syncedAt: { a: 100 } }
    )
  )
})

describe('finished operations with what the portal changed along', () => {
  it('a published page publishes its folder chain and makes its site active', () => {
    const refresh = s().applyOutcomes([done({ portalId: 'a', kind: 'page', targetId: 1, action: 'publish' })])
    expect(published(s().catalog.pages.rows)['a|1']).toBe(true)
    expect(published(s().catalog.folders.rows)).toEqual({ 'a|10': true, 'a|11': true, 'a|20': true })
    expect(published(s().catalog.sites.rows)).toEqual({ 'a|1': true, 'a|2': true })
    // Read back afterwards: the portal's sites, and the folders of that site.
    expect([...refresh.sites]).toEqual(['a'])
    expect([...refresh.folders.keys()]).toEqual(['a|1'])
    expect(refresh.pages.size).toBe(0)
  })

  it('an unpublished site takes its pages offline and deactivates its folders', () => {
    const refresh = s().applyOutcomes([
      done({ portalId: 'a', kind: 'site', targetId: 2, action: 'unpublish' })
    ])
    expect(published(s().catalog.sites.rows)['a|2']).toBe(false)
    expect(published(s().catalog.pages.rows)).toEqual({
      'a|1': false,
      'a|2': false,
      'a|3': false,
      'a|4': false,
      'a|5': false
    })
    expect(published(s().catalog.folders.rows)['a|20']).toBe(false)
    expect([...refresh.pages.keys()]).toEqual(['a|2'])
    expect([...refresh.folders.keys()]).toEqual(['a|2'])
  })

  it('a published site activates its folders and leaves its unpublished pages alone', () => {
    s().applyOutcomes([done({ portalId: 'a', kind: 'site', targetId: 1, action: 'publish' })])
    expect(published(s().catalog.folders.rows)).toMatchObject({ 'a|10': true, 'a|11': true })
    expect(published(s().catalog.pages.rows)).toMatchObject({ 'a|1': false, 'a|2': false })
  })

  it('failed operations and unpublished pages change nothing else', () => {
    const before = s().catalog
    const refresh = s().applyOutcomes([
      { ...done({ portalId: 'a', kind: 'page', targetId: 2, action: 'publish' }), state: 'failed' },
      done({ portalId: 'a', kind: 'page', targetId: 3, action: 'unpublish' })
    ])
    expect(s().catalog.folders).toBe(before.folders)
    expect(s().catalog.sites).toBe(before.sites)
    expect(refresh.sites.size + refresh.folders.size + refresh.pages.size).toBe(0)
  })

  it('outcomes hold over an older cached listing, and give way to a sync well after them', () => {
    s().applyOutcomes([done({ portalId: 'a', kind: 'page', targetId: 1, action: 'publish' }, 1_000)])
    // The cache, read again (say after another portal synced), still has the state before the job.
    s().setCatalog(
      'sites',
      cached([site('a', 1), site('a', 2, { published: true })], { syncedAt: { a: 100 } })
    )
    expect(published(s().catalog.sites.rows)['a|1']).toBe(true)
    // A sync ending well after the operation is the truth, even if someone changed it back since.
    s().setCatalog(
      'sites',
      cached([site('a', 1), site('a', 2, { published: true })], { syncedAt: { a: 1_000 + SYNC_GRACE_MS } })
    )
    expect(published(s().catalog.sites.rows)['a|1']).toBe(false)
    expect(s().outcomes.sites).toEqual({})
  })

  it('reads back just the affected listings from the portals and puts them in place', async () => {
    const api = installFakeApi({
      'catalog:sites': () =>
        cached([site('a', 1, { published: true, title: 'Renamed' }), site('a', 2, { published: true })], {
          syncedAt: { a: 5_000 }
        }),
      'catalog:folders': () =>
        cached([folder('a', 10, { published: true }), folder('a', 11, { parentId: 10, published: true })], {
          syncedAt: { a: 5_000 }
        })
    })
    s().setCatalog(
      'sites',
      cached([...s().catalog.sites.rows, site('b', 9)], { syncedAt: { a: 100, b: 100 } })
    )
    const refresh = s().applyOutcomes([done({ portalId: 'a', kind: 'page', targetId: 1, action: 'publish' })])
    await s().refreshImplied(refresh)
    expect(api.callsTo('catalog:sites')).toEqual([{ portalIds: ['a'], refresh: true }])
    expect(api.callsTo('catalog:folders')).toEqual([{ portalIds: ['a'], siteId: 1, refresh: true }])
    expect(api.callsTo('catalog:pages')).toEqual([])
    expect(s().catalog.sites.rows.map((r) => `${r.portalId}|${r.id}:${r.title}`)).toEqual([
      'a|1:Renamed',
      'a|2:Site 2',
      'b|9:Site 9'
    ])
    expect(s().catalog.sites.syncedAt).toEqual({ a: 5_000, b: 100 })
    // The other site's folder is untouched; the job's outcomes gave way to what the portal said.
    expect(published(s().catalog.folders.rows)).toEqual({ 'a|10': true, 'a|11': true, 'a|20': true })
    expect(s().outcomes.folders).toEqual({})
    expect(s().outcomes.sites).toEqual({})
  })

  it('keeps what the job implied when the portal cannot be read back', async () => {
    installFakeApi({
      'catalog:sites': () =>
        cached([site('a', 1), site('a', 2, { published: true })], {
          syncedAt: { a: 100 },
          stale: { a: { code: 'NET', message: 'down' } }
        })
    })
    const refresh = s().applyOutcomes([done({ portalId: 'a', kind: 'page', targetId: 1, action: 'publish' })])
    await s().refreshImplied(refresh)
    expect(published(s().catalog.sites.rows)['a|1']).toBe(true)
  })
})

describe('outcome tracker', () => {
  const trackers: Array<ReturnType<typeof createOutcomeTracker>> = []
  afterEach(() => trackers.splice(0).forEach((t) => t.dispose()))

  it('applies a new job as it completes, then reads back what it changed along once it is over', async () => {
    const ops = [done({ portalId: 'a', kind: 'page', targetId: 1, action: 'publish' })]
    const api = installFakeApi({
      'outbox:operations': () => ops,
      'catalog:sites': () =>
        cached([site('a', 1, { published: true }), site('a', 2, { published: true })], {
          syncedAt: { a: 5_000 }
        }),
      'catalog:folders': () =>
        cached([folder('a', 10, { published: true }), folder('a', 11, { parentId: 10, published: true })], {
          syncedAt: { a: 5_000 }
        })
    })
    const tracker = createOutcomeTracker()
    trackers.push(tracker)
    // At start-up there is no job; one is queued, and finishes in one go.
    tracker.observe({ lanes: [], jobs: [] })
    tracker.observe({ lanes: [], jobs: [job(3, { total: 1, counts: counts({ queued: 1 }) })] })
    tracker.observe({
      lanes: [],
      jobs: [job(3, { total: 1, counts: counts({ done: 1 }), state: 'finished', finishedAt: 9 })]
    })
    await waitFor(() => expect(api.callsTo('outbox:operations')).toEqual([{ jobId: 3, states: ['done'] }]), {
      timeout: 3_000
    })
    await waitFor(() => expect(api.callsTo('catalog:folders')).toHaveLength(1))
    expect(api.callsTo('catalog:sites')).toEqual([{ portalIds: ['a'], refresh: true }])
    expect(published(s().catalog.sites.rows)['a|1']).toBe(true)
    expect(published(s().catalog.pages.rows)['a|1']).toBe(true)
  })

  it('does not replay jobs that were already there at start-up', async () => {
    const api = installFakeApi({ 'outbox:operations': () => [] })
    const tracker = createOutcomeTracker()
    trackers.push(tracker)
    tracker.observe({
      lanes: [],
      jobs: [job(4, { counts: counts({ done: 10 }), state: 'finished', finishedAt: 9 })]
    })
    tracker.observe({
      lanes: [],
      jobs: [job(4, { counts: counts({ done: 10 }), state: 'finished', finishedAt: 9 })]
    })
    await new Promise((r) => setTimeout(r, 900))
    expect(api.callsTo('outbox:operations')).toEqual([])
  })
})
