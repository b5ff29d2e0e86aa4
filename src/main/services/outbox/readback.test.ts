import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LandingScope } from '../../../shared/domain/catalog'
import type { Intent } from '../../../shared/domain/outbox'
import { setLanguage } from '../app/language'
import { RestError } from '../bitrix/types'
import { createCatalogReadBack, createCatalogStore, type CatalogStore } from '../catalog'
import { openDatabase, type Database } from '../db/database'
import { createAppEvents } from '../events'
import { createJobChangesStore, type JobChangesStore } from './changes-store'
import { MISMATCH_CODE, createVerifier } from './readback'
import { OutboxStore } from './store'
import { fakePortal } from './testing/readback-portal'
import type { AnsweredOperation, Verify } from './verify-types'

describe('read-back verifier', () => {
  let dir: string
  let db: Database
  let catalog: CatalogStore
  let changes: JobChangesStore
  let outbox: OutboxStore
  let verify: Verify
  let updates: string[]
  let portal: ReturnType<typeof fakePortal>
  const P = 'p1'

  beforeEach(() => {
    setLanguage('en')
    dir = mkdtempSync(join(tmpdir(), 'readback-'))
    db = openDatabase(dir)
    catalog = createCatalogStore(db)
    changes = createJobChangesStore(db)
    outbox = new OutboxStore(db, Date.now)
    const events = createAppEvents()
    updates = []
    events.subscribe((channel, payload) => {
      if (channel === 'catalog:updated') updates.push(`${payload.portalId}:${payload.area}`)
    })
    verify = createVerifier({
      catalog: createCatalogReadBack({ db, events, log: () => {} }),
      changes,
      now: () => 5000,
      log: () => {}
    })
    portal = fakePortal()
  })
  afterEach(() => {
    setLanguage('en')
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** Queues a job (so the changes store can tell its targets) and answers its operations as given. */
  const answered = async (
    ops: Array<Omit<Intent, 'portalId' | 'scope'> & { scope?: LandingScope; confirmed?: boolean }>
  ): Promise<AnsweredOperation[]> => {
    const jobId = await outbox.enqueue(
      'test',
      ops.map((o) => ({
        portalId: P,
        kind: o.kind,
        targetId: o.targetId,
        action: o.action,
        scope: o.scope ?? ''
      }))
    )
    return ops.map((o, i) => ({
      id: i + 1,
      jobId,
      kind: o.kind,
      targetId: o.targetId,
      scope: o.scope ?? '',
      action: o.action,
      label: null,
      confirmed: o.confirmed ?? true,
      result: o.confirmed === false ? null : true
    }))
  }

  /** The cache as a sync of the fake portal would leave it. */
  const syncCache = () => {
    const scopes: LandingScope[] = ['', 'KNOWLEDGE', 'GROUP']
    catalog.replaceSites(
      P,
      scopes,
      portal.sites.map((s) => ({
        portalId: P,
        id: s.id,
        title: s.title,
        type: 'PAGE',
        scope: s.scope,
        code: '',
        published: s.active,
        publicUrl: null,
        modifiedAt: null
      }))
    )
    catalog.replacePages(
      P,
      undefined,
      portal.pages.map((pg) => ({
        portalId: P,
        siteId: pg.siteId,
        folderId: pg.folderId,
        id: pg.id,
        title: pg.title,
        code: '',
        published: pg.active,
        publicUrl: null,
        modifiedAt: null,
        scope: portal.sites.find((s) => s.id === pg.siteId)!.scope,
        siteActive: null
      }))
    )
    catalog.replaceFolders(
      P,
      undefined,
      portal.folders.map((f) => ({
        portalId: P,
        siteId: f.siteId,
        id: f.id,
        parentId: f.parentId,
        title: f.title,
        published: f.active,
        scope: portal.sites.find((s) => s.id === f.siteId)!.scope
      }))
    )
  }

  const cachedPage = (id: number) => catalog.pages([P]).find((p) => p.id === id)

  it('a confirmed page publication that reads back published is done, and the cache says so', async () => {
    portal.sites.push({ id: 1, scope: '', title: 'Site', active: false })
    portal.pages.push({ id: 10, siteId: 1, folderId: null, title: 'Page', active: false })
    syncCache()
    portal.pages[0].active = true
    const verdicts = await verify(
      P,
      await answered([{ kind: 'page', targetId: 10, action: 'publish' }]),
      portal.port
    )
    expect(verdicts).toEqual([{ id: 1, kind: 'done' }])
    // Live means live: the page is active, its site is not, and the row says both.
    expect(cachedPage(10)).toMatchObject({ published: true, siteActive: false })
    expect(updates.filter((u) => u === `${P}:pages`)).toHaveLength(1)
    // Reading the same state again changes nothing in the cache and announces nothing.
    updates.length = 0
    await verify(P, await answered([{ kind: 'page', targetId: 10, action: 'publish' }]), portal.port)
    expect(updates).toEqual([])
  })

  it('an empty answer that did nothing is a mismatch saying what the portal reports (docs/bitrix24.md#publication-without-right)', async () => {
    portal.sites.push({ id: 1, scope: '', title: 'Site', active: true })
    portal.pages.push({ id: 10, siteId: 1, folderId: null, title: 'Locked page', active: false })
    syncCache()
    const [verdict] = await verify(
      P,
      await answered([{ kind: 'page', targetId: 10, action: 'publish', confirmed: false }]),
      portal.port
    )
    expect(verdict).toMatchObject({
      id: 1,
      kind: 'mismatch',
      error: { code: MISMATCH_CODE, category: 'permanent' }
    })
    if (verdict.kind !== 'mismatch') throw new Error('expected a mismatch')
    expect(verdict.error.message).toContain('without confirming')
    expect(verdict.error.message).toContain('The portal reports the page as not published.')
    expect(cachedPage(10)?.published).toBe(false)

    setLanguage('ru')
    const [ru] = await verify(
      P,
      await answered([{ kind: 'page', targetId: 10, action: 'publish', confirmed: false }]),
      portal.port
    )
    expect(ru.kind === 'mismatch' && ru.error.message).toContain(
      'Портал сообщает, что страница не опубликована.'
    )
  })

  it('an unconfirmed answer is done when the read-back shows the intended state anyway', async () => {
    portal.sites.push({ id: 1, scope: '', title: 'Site', active: true })
    portal.pages.push({ id: 10, siteId: 1, folderId: null, title: 'Page', active: true })
    syncCache()
    const verdicts = await verify(
      P,
      await answered([{ kind: 'page', targetId: 10, action: 'publish', confirmed: false }]),
      portal.port
    )
    expect(verdicts).toEqual([{ id: 1, kind: 'done' }])
  })

  it('a confirmed answer the read-back contradicts is a mismatch, not done', async () => {
    portal.sites.push({ id: 1, scope: '', title: 'Site', active: true })
    portal.pages.push({ id: 10, siteId: 1, folderId: null, title: 'Page', active: true })
    syncCache()
    const [verdict] = await verify(
      P,
      await answered([{ kind: 'page', targetId: 10, action: 'unpublish' }]),
      portal.port
    )
    expect(verdict.kind).toBe('mismatch')
    expect(verdict.kind === 'mismatch' && verdict.error.message).toMatch(
      /confirmed the change, but .*The portal reports the page as published\./
    )
  })

  it('a target the portal no longer lists is a mismatch that says so', async () => {
    portal.sites.push({ id: 1, scope: '', title: 'Site', active: true })
    const [verdict] = await verify(
      P,
      await answered([{ kind: 'page', targetId: 99, action: 'publish' }]),
      portal.port
    )
    expect(verdict.kind === 'mismatch' && verdict.error.message).toBe(
      'The portal no longer lists this page, so its state could not be checked.'
    )
  })

  it('a site publication reads the site and every page and folder, and lists what changed beyond the selection', async () => {
    portal.sites.push({ id: 1, scope: '', title: 'Shop', active: false })
    portal.folders.push({ id: 5, siteId: 1, parentId: null, title: 'Folder', active: false })
    portal.pages.push(
      { id: 10, siteId: 1, folderId: null, title: 'Active page', active: true },
      { id: 11, siteId: 1, folderId: 5, title: 'Inactive page', active: false },
      { id: 12, siteId: 1, folderId: null, title: 'Still off', active: false }
    )
    syncCache()
    // What the server code does (docs/bitrix24.md#site-publication): inactive pages published too, the folder activated.
    portal.sites[0].active = true
    portal.pages[1].active = true
    portal.folders[0].active = true
    // A page the cache never knew, live now: added, and reported with its state before unknown.
    portal.pages.push({ id: 13, siteId: 1, folderId: null, title: 'New page', active: true })
    const ops = await answered([{ kind: 'site', targetId: 1, action: 'publish' }])
    const verdicts = await verify(P, ops, portal.port)
    expect(verdicts).toEqual([{ id: 1, kind: 'done' }])

    const cached = catalog.pages([P], 1)
    expect(cached.map((p) => [p.id, p.published, p.siteActive])).toEqual([
      [10, true, true],
      [11, true, true],
      [12, false, true],
      [13, true, true]
    ])
    expect(catalog.folders([P], 1)[0].published).toBe(true)
    expect(changes.forJob(ops[0].jobId)).toEqual([
      expect.objectContaining({
        kind: 'page',
        id: 11,
        title: 'Inactive page',
        before: false,
        after: true,
        at: 5000
      }),
      expect.objectContaining({ kind: 'page', id: 13, before: null, after: true }),
      expect.objectContaining({ kind: 'folder', id: 5, before: false, after: true })
    ])
    expect([...updates].sort()).toEqual([`${P}:folders`, `${P}:pages`, `${P}:sites`])
  })

  it('a site unpublication shows the pages the server left active under an inactive site', async () => {
    portal.sites.push({ id: 1, scope: '', title: 'Site', active: true })
    portal.pages.push(
      { id: 10, siteId: 1, folderId: null, title: 'Published page', active: true },
      { id: 11, siteId: 1, folderId: null, title: 'Edited page', active: true }
    )
    syncCache()
    portal.sites[0].active = false
    portal.pages[1].active = false
    const ops = await answered([{ kind: 'site', targetId: 1, action: 'unpublish' }])
    expect(await verify(P, ops, portal.port)).toEqual([{ id: 1, kind: 'done' }])
    expect(cachedPage(10)).toMatchObject({ published: true, siteActive: false })
    expect(cachedPage(11)).toMatchObject({ published: false, siteActive: false })
  })

  it('a page gone from a site whose pages were all read leaves the cache', async () => {
    portal.sites.push({ id: 1, scope: '', title: 'Site', active: true })
    portal.pages.push({ id: 10, siteId: 1, folderId: null, title: 'Page', active: true })
    syncCache()
    portal.pages.length = 0
    await verify(P, await answered([{ kind: 'site', targetId: 1, action: 'publish' }]), portal.port)
    expect(catalog.pages([P], 1)).toEqual([])
  })

  it('a folder unpublication reads the chain: parents that went offline are listed as changed', async () => {
    portal.sites.push({ id: 1, scope: '', title: 'Site', active: true })
    portal.folders.push(
      { id: 5, siteId: 1, parentId: null, title: 'Top', active: true },
      { id: 6, siteId: 1, parentId: 5, title: 'Middle', active: true },
      { id: 7, siteId: 1, parentId: 6, title: 'Leaf', active: true },
      { id: 8, siteId: 1, parentId: null, title: 'Other', active: true }
    )
    portal.pages.push({ id: 10, siteId: 1, folderId: 7, title: 'In leaf', active: true })
    syncCache()
    for (const f of portal.folders.slice(0, 3)) f.active = false
    const ops = await answered([{ kind: 'folder', targetId: 7, action: 'unpublish' }])
    expect(await verify(P, ops, portal.port)).toEqual([{ id: 1, kind: 'done' }])
    expect(catalog.folders([P], 1).map((f) => [f.id, f.published])).toEqual([
      [5, false],
      [6, false],
      [7, false],
      [8, true]
    ])
    expect(changes.forJob(ops[0].jobId).map((c) => [c.kind, c.id, c.after])).toEqual([
      ['folder', 5, false],
      ['folder', 6, false]
    ])
  })

  it('objects the job itself targets are not listed as changed beyond it', async () => {
    portal.sites.push({ id: 1, scope: '', title: 'Site', active: false })
    portal.pages.push({ id: 10, siteId: 1, folderId: null, title: 'Page', active: false })
    syncCache()
    portal.sites[0].active = true
    portal.pages[0].active = true
    const ops = await answered([
      { kind: 'site', targetId: 1, action: 'publish' },
      { kind: 'page', targetId: 10, action: 'publish' }
    ])
    expect(await verify(P, ops, portal.port)).toEqual([
      { id: 1, kind: 'done' },
      { id: 2, kind: 'done' }
    ])
    expect(changes.forJob(ops[0].jobId)).toEqual([])
  })

  it('never mixes landing scopes in one read request, and sends at most 50 commands in one', async () => {
    const kbScopes: LandingScope[] = ['', 'KNOWLEDGE', 'GROUP']
    for (let i = 0; i < 60; i++) {
      const scope = kbScopes[i % 3]
      portal.sites.push({ id: 100 + i, scope, title: `Site ${i}`, active: false })
      portal.pages.push({ id: 1000 + i, siteId: 100 + i, folderId: null, title: `Page ${i}`, active: true })
    }
    syncCache()
    const ops = await answered(
      portal.sites.map((s) => ({
        kind: 'site' as const,
        targetId: s.id,
        action: 'unpublish' as const,
        scope: s.scope
      }))
    )
    const verdicts = await verify(P, ops, portal.port)
    expect(verdicts.every((v) => v.kind === 'done')).toBe(true)
    for (const batch of portal.sent) {
      expect(batch.length).toBeLessThanOrEqual(50)
      expect(new Set(batch.map((c) => (c.params.scope as string | undefined) ?? '')).size).toBe(1)
    }
    expect(catalog.pages([P]).every((p) => p.published && p.siteActive === false)).toBe(true)
  })

  it('reads a document’s link with document.get and keeps it in the cache', async () => {
    portal.documents.set(3, 'https://portal.example/~abc')
    const verdicts = await verify(
      P,
      await answered([{ kind: 'document', targetId: 3, action: 'link-on' }]),
      portal.port
    )
    expect(verdicts).toEqual([{ id: 1, kind: 'done' }])
    expect(catalog.document(P, 3)?.publicUrl).toBe('https://portal.example/~abc')
    const [off] = await verify(
      P,
      await answered([{ kind: 'document', targetId: 3, action: 'link-off' }]),
      portal.port
    )
    expect(off.kind === 'mismatch' && off.error.message).toContain('public link as on')
  })

  it('a read the portal cannot answer now fails the verification, so the lane sends the operations again', async () => {
    portal.sites.push({ id: 1, scope: '', title: 'Site', active: true })
    portal.pages.push({ id: 10, siteId: 1, folderId: null, title: 'Page', active: false })
    syncCache()
    portal.failWith(
      new RestError({
        code: 'QUERY_LIMIT_EXCEEDED',
        message: 'Too many requests',
        category: 'limited',
        portalId: P,
        method: 'batch',
        httpStatus: 503
      })
    )
    await expect(
      verify(P, await answered([{ kind: 'page', targetId: 10, action: 'publish' }]), portal.port)
    ).rejects.toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED' })
    expect(updates).toEqual([])
  })

  it('reads read-back dates in the order the portal’s dates decide', async () => {
    portal.sites.push({ id: 1, scope: '', title: 'Site', active: true, modified: '25/12/2023 10:00:00' })
    portal.pages.push({
      id: 10,
      siteId: 1,
      folderId: null,
      title: 'Page',
      active: true,
      modified: '04/05/2024 09:30:00'
    })
    await verify(P, await answered([{ kind: 'page', targetId: 10, action: 'publish' }]), portal.port)
    expect(catalog.dayOrder(P)).toBe('day-first')
    expect(cachedPage(10)).toMatchObject({ modifiedAt: '2024-05-04T09:30:00' })
    expect(cachedPage(10)?.modifiedAtAmbiguous).toBeUndefined()
  })
})
