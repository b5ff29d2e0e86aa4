// The watch service over a fake catalog: baseline, differences, the app's own work left out, accept; and the outbox's touched targets.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Cached, PageRow, SiteRow } from '../../../shared/domain/catalog'
import { migrate, openDatabase, type Database } from '../db/database'
import { AppError } from '../errors'
import { outboxMigrations } from '../outbox/schema'
import { touchedKey, touchedTargets } from '../outbox/touched'
import { createWatchService, type WatchService } from './index'

const P = 'p1'
const site = (id: number, published: boolean, title = `Site ${id}`): SiteRow => ({
  portalId: P,
  id,
  title,
  type: 'PAGE',
  scope: '',
  code: `s${id}`,
  published,
  publicUrl: null,
  modifiedAt: null
})
const page = (id: number, published: boolean, title = `Page ${id}`): PageRow => ({
  portalId: P,
  siteId: 1,
  folderId: null,
  id,
  title,
  code: `p${id}`,
  published,
  publicUrl: null,
  modifiedAt: null,
  scope: '',
  siteActive: true
})

/** A catalog whose cache and portal are two lists; a refresh copies the portal into the cache. */
const fakeCatalog = () => {
  const state = {
    cache: { sites: [] as SiteRow[], pages: [] as PageRow[] },
    portal: { sites: [] as SiteRow[], pages: [] as PageRow[] },
    syncedAt: null as number | null,
    failing: false
  }
  const answer = <T>(area: 'sites' | 'pages', refresh: boolean): Promise<Cached<T>> => {
    if (refresh && !state.failing) {
      state.cache[area] = [...state.portal[area]] as never
      state.syncedAt = 1000
    }
    const stale: Cached<T>['stale'] = {}
    if (refresh && state.failing) stale[P] = { code: 'PORTAL_UNREACHABLE', message: 'down' }
    return Promise.resolve({ rows: state.cache[area] as T[], syncedAt: { [P]: state.syncedAt }, stale })
  }
  return {
    state,
    catalog: {
      sites: (q: { refresh: boolean }) => answer<SiteRow>('sites', q.refresh),
      pages: (q: { refresh: boolean }) => answer<PageRow>('pages', q.refresh)
    }
  }
}

describe('watch service', () => {
  let dir: string
  let db: Database
  let watch: WatchService
  let fake: ReturnType<typeof fakeCatalog>
  let own: Set<string>
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'b24desk-watch-'))
    db = openDatabase(dir)
    fake = fakeCatalog()
    own = new Set()
    watch = createWatchService({
      db,
      now: () => 5000,
      catalog: fake.catalog,
      portals: { has: (id) => id === P, ids: () => [P] },
      touched: () => own
    })
  })
  afterEach(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('notes a portal first, then records what others changed and leaves out what the app did', async () => {
    fake.state.portal = { sites: [site(1, true)], pages: [page(10, true), page(11, false), page(12, true)] }
    const first = await watch.watchOnce(P)
    expect(first).toMatchObject({ baseline: true, changes: [] })
    expect(watch.lastPass(P)).toBe(5000)

    fake.state.portal = {
      sites: [site(1, false)],
      pages: [page(10, false), page(11, true), page(13, true, 'New')]
    }
    own = new Set([touchedKey('page', 11)])
    const pass = await watch.watchOnce(P)
    expect(pass.baseline).toBe(false)
    expect(pass.ownChanges).toBe(1)
    const brief = pass.changes.map((c) => [c.kind, c.targetId, c.field, c.before, c.after])
    expect(brief).toEqual([
      ['site', 1, 'published', true, false],
      ['page', 10, 'published', true, false],
      ['page', 13, 'present', null, true],
      ['page', 12, 'present', true, null]
    ])
    expect(watch.changes({ portalId: P, states: ['new'] })).toHaveLength(4)
    expect(watch.changes({ since: 6000 })).toEqual([])
  })

  it('accepts a new change once; an unknown id is an error', async () => {
    fake.state.portal = { sites: [site(1, true)], pages: [page(10, true)] }
    await watch.watchOnce(P)
    fake.state.portal.pages = [page(10, true, 'Renamed')]
    const [change] = (await watch.watchOnce(P)).changes
    expect(change).toMatchObject({ field: 'title', before: 'Page 10', after: 'Renamed', state: 'new' })
    expect(watch.accept(change.id)).toMatchObject({ state: 'accepted', decidedAt: 5000 })
    expect(watch.changes({ states: ['new'] })).toEqual([])
    expect(() => watch.accept(change.id)).toThrow(/no longer new/)
    expect(() => watch.accept(999)).toThrow(AppError)
  })

  it('puts a published state back through one job; anything else is refused before queueing', async () => {
    const queued: unknown[] = []
    watch = createWatchService({
      db,
      now: () => 7000,
      catalog: fake.catalog,
      portals: { has: (id) => id === P, ids: () => [P] },
      touched: () => own,
      enqueue: (spec) => {
        queued.push(spec)
        return Promise.resolve({ id: 42 })
      }
    })
    fake.state.portal = { sites: [site(1, true)], pages: [page(10, true), page(11, true)] }
    await watch.watchOnce(P)
    fake.state.portal.pages = [page(10, false), page(11, true, 'Renamed')]
    const [off, renamed] = (await watch.watchOnce(P)).changes
    await expect(watch.putBack([off.id, renamed.id])).rejects.toThrow(/cannot be put back yet/)
    expect(queued).toEqual([])
    const done = await watch.putBack([off.id])
    expect(done.jobId).toBe(42)
    expect(done.changes[0]).toMatchObject({ state: 'put-back', jobId: 42, decidedAt: 7000 })
    expect(queued).toMatchObject([
      { intents: [{ portalId: P, kind: 'page', targetId: 10, action: 'publish', label: 'Page 10' }] }
    ])
    await expect(watch.putBack([off.id])).rejects.toThrow(/no longer new/)
  })

  it('a portal that cannot be read is an error and nothing is recorded', async () => {
    fake.state.portal = { sites: [site(1, true)], pages: [] }
    await watch.watchOnce(P)
    fake.state.failing = true
    fake.state.portal.sites = [site(1, false)]
    await expect(watch.watchOnce(P)).rejects.toThrow(/could not read the portal: down/)
    expect(watch.changes()).toEqual([])
    await expect(watch.watchOnce('other')).rejects.toThrow(AppError)
  })

  it('the outbox names the targets of unfinished jobs and of recent work', () => {
    migrate(db, 'outbox', outboxMigrations)
    const job = (id: number, finishedAt: number | null) =>
      db
        .prepare('INSERT INTO outbox_jobs (id, title, created_at, finished_at, total) VALUES (?, ?, 0, ?, 1)')
        .run(id, `job ${id}`, finishedAt)
    const op = (jobId: number, kind: string, target: number, updatedAt: number) =>
      db
        .prepare(
          `INSERT INTO outbox_operations (job_id, portal_id, kind, target_id, scope, action, state, created_at, updated_at)
           VALUES (?, ?, ?, ?, '', 'publish', 'done', 0, ?)`
        )
        .run(jobId, P, kind, target, updatedAt)
    job(1, null)
    op(1, 'page', 1, 10)
    job(2, 100)
    op(2, 'page', 2, 100)
    job(3, 2000)
    op(3, 'site', 3, 2000)
    db.prepare(
      `INSERT INTO outbox_job_changes (job_id, portal_id, kind, target_id, title, scope, before, after, at)
       VALUES (3, ?, 'page', 4, 'p', '', 0, 1, 2000)`
    ).run(P)
    expect([...touchedTargets(db, P, 1000)].sort()).toEqual(['page:1', 'page:4', 'site:3'])
    expect(touchedTargets(db, 'elsewhere', 0).size).toBe(0)
  })
})
