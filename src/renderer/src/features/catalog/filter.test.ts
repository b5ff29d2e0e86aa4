import { describe, expect, it } from 'vitest'
import { filterDocuments, filterPages, filterSites, preparePageFilter } from './filter'
import { doc, page, site } from '../../test/fixtures'

describe('catalog filters', () => {
  const portals = new Set(['a', 'b'])

  it('filters sites by portal, type, state and text (title, code or URL, any case)', () => {
    const rows = [
      site('a', 1, { title: 'Spring Sale', published: true }),
      site('b', 2, { title: 'Весенняя распродажа', type: 'STORE' }),
      site('c', 3, { title: 'Spring elsewhere' }),
      site('a', 4, {
        title: 'KB',
        type: 'KNOWLEDGE',
        scope: 'KNOWLEDGE',
        publicUrl: 'https://x.test/kb-spring'
      })
    ]
    const f = { portalIds: portals, text: '', type: 'all' as const, state: 'all' as const }
    expect(filterSites(rows, { ...f, text: 'SPRING' }).map((r) => r.id)).toEqual([1, 4])
    expect(filterSites(rows, { ...f, text: 'весен' }).map((r) => r.id)).toEqual([2])
    expect(filterSites(rows, { ...f, type: 'KNOWLEDGE' }).map((r) => r.id)).toEqual([4])
    expect(filterSites(rows, { ...f, state: 'published' }).map((r) => r.id)).toEqual([1])
  })

  it('narrows pages to a site and a folder or the pages outside folders', () => {
    const rows = [
      page('a', 1, { siteId: 5 }),
      page('a', 2, { siteId: 5, folderId: 9 }),
      page('a', 3, { siteId: 6 }),
      page('b', 4, { siteId: 5 })
    ]
    const f = {
      portalIds: portals,
      text: '',
      state: 'all' as const,
      site: { portalId: 'a', siteId: 5 },
      folderId: null
    }
    expect(filterPages(rows, f).map((r) => r.id)).toEqual([1, 2])
    expect(filterPages(rows, { ...f, folderId: 9 }).map((r) => r.id)).toEqual([2])
    expect(filterPages(rows, { ...f, folderId: 'root' }).map((r) => r.id)).toEqual([1])
  })

  it('filters documents by the link state learned so far', () => {
    const rows = [doc('a', 1), doc('a', 2), doc('b', 3, { publicUrl: null })]
    const links = { 'a|1': 'https://x/1' }
    const f = { portalIds: portals, text: '', links }
    expect(filterDocuments(rows, { ...f, link: 'on' }).map((r) => r.id)).toEqual([1])
    expect(filterDocuments(rows, { ...f, link: 'off' }).map((r) => r.id)).toEqual([3])
    expect(filterDocuments(rows, { ...f, link: 'all', text: 'inv-2' }).map((r) => r.id)).toEqual([2])
  })

  it('filters 20,000 rows quickly once haystacks are built', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) =>
      page(i % 2 ? 'a' : 'b', i + 1, { title: `Promo ${i}` })
    )
    const f = { portalIds: portals, text: 'promo 1999', state: 'all' as const, site: null, folderId: null }
    filterPages(rows, f)
    const start = performance.now()
    const out = filterPages(rows, { ...f, text: 'promo 19999' })
    expect(out).toHaveLength(1)
    expect(performance.now() - start).toBeLessThan(50)
  })

  it('narrows from the last result while typing, and widens again when text is removed', () => {
    const rows = Array.from({ length: 300 }, (_, i) =>
      page(i % 2 ? 'a' : 'b', i + 1, { title: `Promo ${i}` })
    )
    const f = { portalIds: portals, text: '', state: 'all' as const, site: null, folderId: null }
    const ids = (text: string, extra: Partial<typeof f> = {}) =>
      filterPages(rows, { ...f, ...extra, text }).map((r) => r.id)
    const expected = (needle: string) =>
      rows.filter((r) => r.title.toLowerCase().includes(needle)).map((r) => r.id)
    for (const text of ['p', 'promo 1', 'promo 12', 'promo 1', 'promo 29', ''])
      expect(ids(text)).toEqual(expected(text.trim().toLowerCase()))
    expect(ids('promo 12', { portalIds: new Set(['a']) })).toEqual(
      rows.filter((r) => r.portalId === 'a' && r.title.includes('Promo 12')).map((r) => r.id)
    )
  })

  it('prepares the haystacks between frames, then filters with them', async () => {
    const rows = Array.from({ length: 1_000 }, (_, i) => page('a', i + 1, { title: `Promo ${i}` }))
    await preparePageFilter(rows)
    const f = { portalIds: portals, text: 'PROMO 99', state: 'all' as const, site: null, folderId: null }
    expect(filterPages(rows, f).map((r) => r.id)).toEqual([
      100, 991, 992, 993, 994, 995, 996, 997, 998, 999, 1000
    ])
  })
})
