import type { DocumentRow, PageRow, SiteRow } from '../../../../shared/domain/catalog'
import { rowKey } from '../../store/keys'

export type PublishedFilter = 'all' | 'published' | 'unpublished'

export interface CommonFilter {
  /** Portals shown (sidebar ticks and the view's portal filter together). */
  portalIds: ReadonlySet<string>
  text: string
}

// Lower-cased haystacks are computed once per row object: typing a filter over 20,000 rows then
// costs one `includes` per row and no allocation.
const haystacks = new WeakMap<object, string>()
const haystack = (row: object, parts: () => Array<string | null | undefined>): string => {
  let h = haystacks.get(row)
  if (h === undefined) {
    h = parts().filter(Boolean).join('\u0001').toLocaleLowerCase()
    haystacks.set(row, h)
  }
  return h
}

const matchesText = (needle: string, row: object, parts: () => Array<string | null | undefined>) =>
  needle === '' || haystack(row, parts).includes(needle)

const matchesState = (state: PublishedFilter, published: boolean) =>
  state === 'all' || (state === 'published') === published

export const normalizeNeedle = (text: string) => text.trim().toLocaleLowerCase()

export interface SiteFilter extends CommonFilter {
  type: SiteRow['type'] | 'all'
  state: PublishedFilter
}

export const filterSites = (rows: readonly SiteRow[], f: SiteFilter): SiteRow[] => {
  const needle = normalizeNeedle(f.text)
  return rows.filter(
    (r) =>
      f.portalIds.has(r.portalId) &&
      (f.type === 'all' || r.type === f.type) &&
      matchesState(f.state, r.published) &&
      matchesText(needle, r, () => [r.title, r.code, r.publicUrl])
  )
}

export interface PageFilter extends CommonFilter {
  state: PublishedFilter
  site: { portalId: string; siteId: number } | null
  /** Within a site: a folder id, 'root' for pages outside folders, or null for all. */
  folderId: number | 'root' | null
}

/**
 * Whether visitors can see a page: the page and its site are both active (docs/bitrix24.md#site-publication).
 * A site not known yet (null) does not hide the page's own state.
 */
export const isLive = (r: Pick<PageRow, 'published' | 'siteActive'>): boolean =>
  r.published && r.siteActive !== false

const pageText = (r: PageRow) => [r.title, r.code, r.publicUrl]

/** Each pages array's haystacks by index, so a keystroke reads an array instead of a WeakMap per row. */
const pageHaystacks = new WeakMap<readonly PageRow[], string[]>()
const haystacksOf = (rows: readonly PageRow[]): string[] => {
  let h = pageHaystacks.get(rows)
  if (!h) {
    h = rows.map((r) => haystack(r, () => pageText(r)))
    pageHaystacks.set(rows, h)
  }
  return h
}

/** Waits for the page to be idle (a plain timer where there is no idle callback). */
const idle = (): Promise<() => number> =>
  new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback((d) => resolve(() => d.timeRemaining()), { timeout: 1_000 })
    else
      setTimeout(() => {
        const start = performance.now()
        resolve(() => 4 - (performance.now() - start))
      }, 0)
  })

/**
 * Builds a pages array's haystacks in the page's idle time, a few milliseconds at a time, so the
 * first letter typed into the filter does not lower-case 100,000 titles at once. A filter typed
 * before it is done builds the rest itself.
 */
export const preparePageFilter = async (rows: readonly PageRow[]): Promise<void> => {
  if (pageHaystacks.has(rows)) return
  const h = new Array<string>(rows.length)
  let remaining = await idle()
  for (let i = 0; i < rows.length; i++) {
    if ((i & 255) === 0 && remaining() <= 1) {
      remaining = await idle()
      if (pageHaystacks.has(rows)) return
    }
    const r = rows[i]
    h[i] = haystack(r, () => pageText(r))
  }
  pageHaystacks.set(rows, h)
}

/** The last pages filter and the indices it kept: typing one more letter only looks at those. */
let lastPages: { rows: readonly PageRow[]; f: PageFilter; needle: string; kept: number[] } | null = null

const sameExceptText = (a: PageFilter, b: PageFilter) =>
  a.portalIds === b.portalIds &&
  a.state === b.state &&
  a.folderId === b.folderId &&
  (a.site === b.site ||
    (a.site !== null &&
      b.site !== null &&
      a.site.portalId === b.site.portalId &&
      a.site.siteId === b.site.siteId))

export const filterPages = (rows: readonly PageRow[], f: PageFilter): PageRow[] => {
  const needle = normalizeNeedle(f.text)
  const last = lastPages
  // A longer needle that starts with the last one matches a subset of what that one kept.
  const narrowing =
    last !== null && last.rows === rows && sameExceptText(last.f, f) && needle.startsWith(last.needle)
  const hay = needle === '' ? null : haystacksOf(rows)
  const kept: number[] = []
  const out: PageRow[] = []
  const visit = (i: number) => {
    const r = rows[i]
    if (
      f.portalIds.has(r.portalId) &&
      (f.site === null || (r.portalId === f.site.portalId && r.siteId === f.site.siteId)) &&
      (f.folderId === null || (f.folderId === 'root' ? r.folderId === null : r.folderId === f.folderId)) &&
      matchesState(f.state, isLive(r)) &&
      (hay === null || hay[i].includes(needle))
    ) {
      kept.push(i)
      out.push(r)
    }
  }
  if (narrowing) for (const i of last.kept) visit(i)
  else for (let i = 0; i < rows.length; i++) visit(i)
  lastPages = { rows, f, needle, kept }
  return out
}

export type LinkFilter = 'all' | 'on' | 'off'

export interface DocumentFilter extends CommonFilter {
  link: LinkFilter
  links: Readonly<Record<string, string | null>>
}

export const documentLink = (row: DocumentRow, links: Readonly<Record<string, string | null>>) => {
  const known = links[rowKey(row)]
  return known !== undefined ? known : row.publicUrl
}

export const filterDocuments = (rows: readonly DocumentRow[], f: DocumentFilter): DocumentRow[] => {
  const needle = normalizeNeedle(f.text)
  return rows.filter((r) => {
    if (!f.portalIds.has(r.portalId)) return false
    if (f.link !== 'all') {
      const link = documentLink(r, f.links)
      if (link === undefined || (f.link === 'on') !== (link !== null)) return false
    }
    return matchesText(needle, r, () => [r.title, r.number])
  })
}
