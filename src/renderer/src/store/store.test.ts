import { beforeEach, describe, expect, it } from 'vitest'
import { useStore } from './index'
import { visiblePortalIds } from './portals-slice'
import { cached, doc, page, portal, resetStore, site } from '../test/fixtures'
import { installFakeApi } from '../test/fake-api'

beforeEach(() => resetStore())

describe('selection slice', () => {
  it('toggles, selects shift ranges in table order from the anchor, and clears', () => {
    const s = () => useStore.getState()
    const order = ['a|1', 'a|2', 'b|7', 'b|3', 'a|9']
    s().toggleSelected('pages', 'a|2')
    s().selectRange('pages', order, 'a|9')
    expect([...s().selection.pages].sort()).toEqual(['a|2', 'a|9', 'b|3', 'b|7'])
    s().toggleSelected('pages', 'b|7')
    expect(s().selection.pages.has('b|7')).toBe(false)
    s().setSelected('pages', order, true)
    expect(s().selection.pages.size).toBe(5)
    expect(s().selection.sites.size).toBe(0)
    s().clearSelection('pages')
    expect(s().selection.pages.size).toBe(0)
  })

  it('a range with no anchor selects just the clicked row', () => {
    useStore.getState().selectRange('sites', ['x|1', 'x|2'], 'x|2')
    expect([...useStore.getState().selection.sites]).toEqual(['x|2'])
  })
})

describe('portals slice', () => {
  it('shows all portals by default, follows sidebar ticks, and narrows by every chosen tag', () => {
    const s = () => useStore.getState()
    s().setPortals([portal('a', { tags: ['eu', 'shop'] }), portal('b', { tags: ['eu'] }), portal('c')])
    expect(visiblePortalIds(s())).toEqual(['a', 'b', 'c'])
    s().togglePortalFilter('c')
    expect(visiblePortalIds(s())).toEqual(['a', 'b'])
    s().toggleTag('shop')
    expect(visiblePortalIds(s())).toEqual(['a'])
    s().toggleTag('shop')
    s().togglePortalFilter('c')
    expect(s().portalFilter).toBeNull()
  })

  it('forgets filtered portals that were removed', () => {
    const s = () => useStore.getState()
    s().setPortals([portal('a'), portal('b')])
    s().showOnlyPortal('b')
    s().setPortals([portal('a')])
    expect(visiblePortalIds(s())).toEqual([])
    expect(s().portalFilter).toEqual([])
  })
})

describe('catalog slice', () => {
  it('loads a kind from main and records its age and staleness', async () => {
    const api = installFakeApi({
      'catalog:sites': () =>
        cached([site('a', 1)], { syncedAt: { a: 5 }, stale: { a: { code: 'NET', message: 'down' } } })
    })
    await useStore.getState().loadCatalog('sites', { refresh: true })
    const entry = useStore.getState().catalog.sites
    expect(entry.rows).toHaveLength(1)
    expect(entry.stale.a.message).toBe('down')
    expect(entry.loadedAt).not.toBeNull()
    expect(api.callsTo('catalog:sites')).toEqual([{ refresh: true }])
  })

  it('keeps the rows it had and reports the error when a load fails', async () => {
    installFakeApi({ 'catalog:pages': () => cached([page('a', 1)]) })
    await useStore.getState().loadCatalog('pages')
    installFakeApi({})
    await useStore.getState().loadCatalog('pages')
    expect(useStore.getState().catalog.pages.rows).toHaveLength(1)
    expect(useStore.getState().catalog.pages.error).toMatch(/not faked/)
  })

  it('shows what main reports: a reload replaces the rows, nothing is kept from before', async () => {
    let rows = [page('a', 1), page('a', 2, { published: true })]
    installFakeApi({ 'catalog:pages': () => cached(rows, { syncedAt: { a: 1 } }) })
    await useStore.getState().loadCatalog('pages')
    rows = [page('a', 1), page('a', 2, { published: false })]
    await useStore.getState().loadCatalog('pages')
    expect(useStore.getState().catalog.pages.rows.map((r) => r.published)).toEqual([false, false])
  })

  it('takes document links main knows from a documents listing, over links it learned before', async () => {
    const s = () => useStore.getState()
    installFakeApi({
      'catalog:document': () => doc('a', 1, { publicUrl: 'https://a.example.com/pub/1' }),
      'catalog:documents': () =>
        cached([doc('a', 1, { publicUrl: null }), doc('a', 2)], { syncedAt: { a: 1 } })
    })
    await s().loadDocument('a', 1)
    expect(s().documentLinks['a|1']).toBe('https://a.example.com/pub/1')
    // The read-back after a link-off updated main's cache, and `catalog:updated` reloads it.
    await s().loadCatalog('documents')
    expect(s().documentLinks['a|1']).toBeNull()
    // A row whose link main does not know leaves the window's knowledge alone.
    expect('a|2' in s().documentLinks).toBe(false)
  })
})
