import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from 'vitest'
import { createCatalogStore } from './store'
import { cachedLandingScopes } from './scope'

const site = (id: number, scope: 'KNOWLEDGE' | 'GROUP' | '') => ({
  portalId: 'p',
  id,
  title: `s${id}`,
  type: 'PAGE' as const,
  scope,
  code: `s${id}`,
  published: true,
  publicUrl: null,
  modifiedAt: null
})

describe('cachedLandingScopes', () => {
  it("answers a site's own scope, and a page's or folder's site's scope; leaves out what is not cached", () => {
    const db = new DatabaseSync(':memory:')
    db.exec(
      'CREATE TABLE schema_migrations (area TEXT NOT NULL, version INTEGER NOT NULL, applied_at INTEGER NOT NULL, PRIMARY KEY (area, version))'
    )
    const catalog = createCatalogStore(db)
    catalog.replaceSites(
      'p',
      ['', 'KNOWLEDGE', 'GROUP'],
      [site(1, ''), site(2, 'KNOWLEDGE'), site(3, 'GROUP')]
    )
    const page = {
      portalId: 'p',
      folderId: null,
      title: 't',
      code: 'c',
      published: false,
      publicUrl: null,
      modifiedAt: null,
      siteActive: null
    }
    // Page 12's row says '' but its site is a knowledge base: the site wins. Page 40's site is not cached: its own row counts.
    catalog.replacePages('p', undefined, [
      { ...page, id: 11, siteId: 1, scope: '' },
      { ...page, id: 12, siteId: 2, scope: '' },
      { ...page, id: 40, siteId: 99, scope: 'GROUP' }
    ])
    catalog.replaceFolders('p', undefined, [
      { portalId: 'p', id: 21, siteId: 3, parentId: null, title: 'f', published: false, scope: '' }
    ])

    expect([...cachedLandingScopes(db, 'p', 'site', [1, 2, 3, 4])]).toEqual([
      [1, ''],
      [2, 'KNOWLEDGE'],
      [3, 'GROUP']
    ])
    expect([...cachedLandingScopes(db, 'p', 'page', [11, 12, 40, 13])]).toEqual([
      [11, ''],
      [12, 'KNOWLEDGE'],
      [40, 'GROUP']
    ])
    expect([...cachedLandingScopes(db, 'p', 'folder', [21, 22])]).toEqual([[21, 'GROUP']])
    expect(cachedLandingScopes(db, 'other-portal', 'page', [12]).size).toBe(0)
  })

  it('knows nothing in a database without the catalog', () => {
    expect(cachedLandingScopes(new DatabaseSync(':memory:'), 'p', 'page', [1]).size).toBe(0)
  })
})
