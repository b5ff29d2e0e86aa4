import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PageRow, SiteRow } from '../../../shared/domain/catalog'
import { openDatabase, type Database } from '../db/database'
import { createAppEvents } from '../events'
import { createCatalogSyncWatcher } from './index'
import { areaOfSyncKey, createCatalogStore, type CatalogStore, type ReadBack } from './store'

const P = 'portal-1'

const site = (id: number, published: boolean, modifiedAt: string | null = null): SiteRow => ({
  portalId: P,
  id,
  title: `Site ${id}`,
  type: 'PAGE',
  scope: '',
  code: `/s${id}/`,
  published,
  publicUrl: null,
  modifiedAt
})

const page = (id: number, siteId: number, published: boolean, modifiedAt: string | null = null): PageRow => ({
  portalId: P,
  siteId,
  folderId: null,
  id,
  title: `Page ${id}`,
  code: `p${id}`,
  published,
  publicUrl: null,
  modifiedAt,
  scope: '',
  siteActive: null
})

const nothing: ReadBack = {
  sites: [],
  pages: [],
  folders: [],
  documents: [],
  allPagesOf: [],
  allFoldersOf: []
}

describe('catalog store', () => {
  let dir: string
  let db: Database
  let store: CatalogStore

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'catalog-store-'))
    db = openDatabase(dir)
    store = createCatalogStore(db)
  })
  afterEach(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('says whether a page’s site is active, and null when the site is not cached', () => {
    store.replaceSites(P, [''], [site(1, false)])
    store.replacePages(P, undefined, [page(10, 1, true), page(11, 2, true)])
    expect(store.pages([P]).map((p) => [p.id, p.published, p.siteActive])).toEqual([
      [10, true, false],
      [11, true, null]
    ])
  })

  it('flags dates that read both ways until the portal’s dates decide, then reads them all in that order', () => {
    store.replacePages(P, undefined, [page(10, 1, true, '04/05/2024 10:00:00')])
    expect(store.dayOrder(P)).toBeNull()
    expect(store.pages([P])[0]).toMatchObject({
      modifiedAt: '2024-04-05T10:00:00',
      modifiedAtAmbiguous: true
    })

    // A site written later in the same portal's format shows the day comes first.
    store.replaceSites(P, [''], [site(1, true, '25/04/2024 08:00:00')])
    expect(store.dayOrder(P)).toBe('day-first')
    const read = store.pages([P])[0]
    expect(read.modifiedAt).toBe('2024-05-04T10:00:00')
    expect(read.modifiedAtAmbiguous).toBeUndefined()
    expect(store.sites([P])[0].modifiedAt).toBe('2024-04-25T08:00:00')

    // The decision is remembered: a later listing with nothing telling keeps it.
    store.replacePages(P, undefined, [page(10, 1, true, '01/02/2024 10:00:00')])
    expect(store.pages([P])[0].modifiedAt).toBe('2024-02-01T10:00:00')

    store.forget(P)
    expect(store.dayOrder(P)).toBeNull()
  })

  it('writes a read-back row by row: only rows that differ count, unknown rows are added, gone pages leave', () => {
    store.replaceSites(P, [''], [site(1, false)])
    store.replacePages(P, undefined, [page(10, 1, false), page(11, 1, true), page(12, 1, true)])

    const first = store.applyReadBack(P, {
      ...nothing,
      sites: [site(1, true)],
      pages: [page(10, 1, true), page(11, 1, true), page(13, 1, true)],
      allPagesOf: [1]
    })
    expect([...first.areas].sort()).toEqual(['pages', 'sites'])
    expect(first.changes).toEqual([
      { kind: 'site', id: 1, title: 'Site 1', scope: '', before: false, after: true },
      { kind: 'page', id: 10, title: 'Page 10', scope: '', before: false, after: true },
      { kind: 'page', id: 13, title: 'Page 13', scope: '', before: null, after: true }
    ])
    // Page 12 was not in the site's full list: the portal no longer has it.
    expect(store.pages([P]).map((p) => [p.id, p.published, p.siteActive])).toEqual([
      [10, true, true],
      [11, true, true],
      [13, true, true]
    ])

    const again = store.applyReadBack(P, { ...nothing, sites: [site(1, true)], pages: [page(10, 1, true)] })
    expect(again).toEqual({ areas: new Set(), changes: [] })
  })

  it('keeps a document’s link as read back, and says when it changed', () => {
    store.replaceDocuments(P, [
      { portalId: P, id: 3, title: 'Invoice', number: 'INV-1', entityTypeId: 2, entityId: 5, createdAt: null }
    ])
    const doc = {
      portalId: P,
      id: 3,
      title: 'Invoice',
      number: 'INV-1',
      entityTypeId: 2,
      entityId: 5,
      createdAt: null,
      publicUrl: 'https://portal.example/~x'
    }
    const on = store.applyReadBack(P, { ...nothing, documents: [doc] })
    // The list never said whether its link was on: unknown before, not a change from "off".
    expect(on.changes).toEqual([
      { kind: 'document', id: 3, title: 'Invoice', scope: '', before: null, after: true }
    ])
    expect(store.document(P, 3)?.publicUrl).toBe('https://portal.example/~x')
    const off = store.applyReadBack(P, { ...nothing, documents: [{ ...doc, publicUrl: null }] })
    expect(off.changes).toEqual([
      { kind: 'document', id: 3, title: 'Invoice', scope: '', before: true, after: false }
    ])
    expect(store.document(P, 3)?.publicUrl).toBeNull()
  })

  it('names the area of every sync key', () => {
    expect(areaOfSyncKey('pages')).toBe('pages')
    expect(areaOfSyncKey('pages:12')).toBe('pages')
    expect(areaOfSyncKey('readback:folders')).toBe('folders')
    expect(areaOfSyncKey('something')).toBeNull()
  })

  it('tells the window once per area what another process read back, and not what this one announced', () => {
    const events = createAppEvents()
    const seen: string[] = []
    events.subscribe((channel, payload) => {
      if (channel === 'catalog:updated') seen.push(`${payload.portalId}:${payload.area}`)
    })
    const watcher = createCatalogSyncWatcher({ db, events })
    // Another process (the command line's `run`) read back pages and a site listing of one site.
    store.markReadBack(P, ['pages', 'sites'], 1000)
    store.markSynced(P, 'pages:7', 1000)
    watcher.check()
    expect(seen.sort()).toEqual([`${P}:pages`, `${P}:sites`])
    seen.length = 0
    watcher.check()
    expect(seen).toEqual([])

    // This process's own read-back is announced by itself; the watcher does not repeat it.
    store.markReadBack(P, ['folders'], 2000)
    events.emit('catalog:updated', { portalId: P, area: 'folders' })
    seen.length = 0
    watcher.check()
    expect(seen).toEqual([])
    watcher.dispose()
  })
})
