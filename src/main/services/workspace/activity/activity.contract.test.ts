import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type pg from 'pg'
import { openDatabase, type Database } from '../../db/database'
import { addGroup, addMember } from '../admin'
import { migrateWorkspace } from '../migrate'
import { pgUnavailableReason, startPgCluster, type PgCluster } from '../testing/pg-cluster'
import { asSuperuser, connectAs, createTeamDatabase } from '../testing/team'
import { createPgActivityLog } from './pg'
import { createSqliteActivityLog } from './sqlite'
import type { ActivityLog } from './types'

/** Two people writing to one log, as each engine has them: OS users locally, login roles in a team. */
interface Fixture {
  a: ActivityLog
  b: ActivityLog
  actorA: string
  actorB: string
  /** Tries to change an entry behind the repository's back, in the engine's own SQL. */
  tamper(sql: 'update' | 'delete'): Promise<unknown>
}

interface Engine {
  name: string
  skip: string | null
  start(): Promise<void>
  stop(): Promise<void>
  /** A fresh, empty log for one test. */
  fresh(): Promise<Fixture>
  release(): Promise<void>
}

const sqliteEngine = (): Engine => {
  let dir = ''
  let db: Database | null = null
  return {
    name: 'SQLite (local workspace)',
    skip: null,
    async start() {},
    async stop() {},
    async fresh() {
      dir = mkdtempSync(join(tmpdir(), 'b24desk-activity-'))
      db = openDatabase(dir)
      const d = db
      return {
        a: createSqliteActivityLog(d, { actor: 'anna', workstation: 'ws-a' }),
        b: createSqliteActivityLog(d, { actor: 'boris', workstation: 'ws-b' }),
        actorA: 'anna',
        actorB: 'boris',
        tamper: async (kind) =>
          d.exec(kind === 'update' ? "UPDATE activity SET summary = 'x'" : 'DELETE FROM activity')
      }
    },
    async release() {
      db?.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

const pgEngine = (): Engine => {
  let cluster: PgCluster | null = null
  let n = 0
  let open: pg.Client[] = []
  let strategy = ''
  return {
    name: 'PostgreSQL (team workspace)',
    skip: pgUnavailableReason(),
    async start() {
      cluster = await startPgCluster()
      await createTeamDatabase(cluster, 'template_ws', 'team_owner')
      await asSuperuser(cluster, 'postgres', 'CREATE ROLE anna LOGIN', 'CREATE ROLE boris LOGIN')
      const owner = await connectAs(cluster, 'team_owner', 'template_ws')
      try {
        const v = await owner.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")
        strategy = Number(v.rows[0].v) >= 150000 ? 'STRATEGY file_copy' : ''
        await migrateWorkspace(owner)
        const ctx = { client: owner, where: 'template_ws' }
        await addGroup(ctx, 'Team')
        await addMember(ctx, 'anna', 'Team', false)
        await addMember(ctx, 'boris', 'Team', false)
        await owner.query(`INSERT INTO b24desk.portals (id, name, host, auth_kind, created_at, updated_at, group_id)
          SELECT p, p, p || '.example', 'webhook', 0, 0, (SELECT id FROM b24desk.groups) FROM unnest(ARRAY['p1','p2']) p`)
      } finally {
        await owner.end()
      }
    },
    async stop() {
      await cluster?.stop()
    },
    async fresh() {
      const c = cluster as PgCluster
      const db = `ws_${++n}`
      // FILE_COPY (PostgreSQL 15+) copies the small template at once instead of through the WAL.
      await asSuperuser(
        c,
        'postgres',
        `CREATE DATABASE ${db} TEMPLATE template_ws OWNER team_owner ${strategy}`
      )
      const anna = await connectAs(c, 'anna', db)
      const boris = await connectAs(c, 'boris', db)
      open = [anna, boris]
      return {
        a: createPgActivityLog(anna, { workstation: 'ws-a' }),
        b: createPgActivityLog(boris, { workstation: 'ws-b' }),
        actorA: 'anna',
        actorB: 'boris',
        tamper: (kind) =>
          anna.query(
            kind === 'update' ? "UPDATE b24desk.activity SET summary = 'x'" : 'DELETE FROM b24desk.activity'
          )
      }
    },
    async release() {
      for (const c of open) await c.end().catch(() => {})
      open = []
    }
  }
}

/**
 * The activity log's contract: what the window, the command line and the export rely on, whichever
 * engine holds the log. Every test gets a fresh, empty log.
 */
for (const engine of [sqliteEngine(), pgEngine()]) {
  if (engine.skip) console.warn(`activity log contract on ${engine.name} skipped: ${engine.skip}`)
  describe.skipIf(engine.skip !== null)(`activity log contract: ${engine.name}`, () => {
    let f: Fixture
    beforeAll(() => engine.start())
    afterAll(() => engine.stop())
    beforeEach(async () => {
      f = await engine.fresh()
    })
    afterEach(() => engine.release())

    it('keeps what was appended, by whom and where, and answers it back', async () => {
      const e = await f.a.append({
        at: 1_700_000_000_000,
        portalId: 'p1',
        portalName: 'Север',
        objectKind: 'job',
        objectId: '42',
        action: 'job.enqueue',
        summary: 'Снять с публикации 12 страниц',
        details: { pages: 12, titles: ['Акция', 'Prices'] }
      })
      expect(e).toMatchObject({
        at: 1_700_000_000_000,
        actor: f.actorA,
        workstation: 'ws-a',
        portalId: 'p1',
        portalName: 'Север',
        objectKind: 'job',
        objectId: '42',
        action: 'job.enqueue',
        summary: 'Снять с публикации 12 страниц',
        details: { pages: 12, titles: ['Акция', 'Prices'] }
      })
      expect(e.id).toBeGreaterThan(0)
      expect(await f.b.search()).toEqual([e])
    })

    it('an entry without a time gets the current one; without a portal it is still kept', async () => {
      const before = Date.now()
      const e = await f.a.append({ action: 'workspace.connect' })
      expect(e.at).toBeGreaterThanOrEqual(before)
      expect(e.at).toBeLessThanOrEqual(Date.now())
      expect(e).toMatchObject({ portalId: null, objectKind: null, summary: '', details: null })
    })

    it('searches by portal, actor, object and time, newest first', async () => {
      await f.a.append({ at: 1000, portalId: 'p1', objectKind: 'job', objectId: '1', action: 'job.enqueue' })
      await f.b.append({
        at: 2000,
        portalId: 'p2',
        objectKind: 'snapshot',
        objectId: '7',
        action: 'snapshot.take'
      })
      await f.a.append({ at: 3000, portalId: 'p2', objectKind: 'job', objectId: '2', action: 'job.enqueue' })
      await f.b.append({
        at: 4000,
        portalId: 'p1',
        objectKind: 'snapshot',
        objectId: '7',
        action: 'snapshot.restore'
      })
      const at = async (q: Parameters<ActivityLog['search']>[0]) => (await f.a.search(q)).map((e) => e.at)
      expect(await at({})).toEqual([4000, 3000, 2000, 1000])
      expect(await at({ portalId: 'p1' })).toEqual([4000, 1000])
      expect(await at({ actor: f.actorB })).toEqual([4000, 2000])
      expect(await at({ objectKind: 'snapshot', objectId: '7' })).toEqual([4000, 2000])
      expect(await at({ objectKind: 'job' })).toEqual([3000, 1000])
      expect(await at({ since: 2000, until: 4000 })).toEqual([3000, 2000])
      expect(await at({ portalId: 'p2', actor: f.actorA, since: 1 })).toEqual([3000])
      expect(await at({ portalId: 'nowhere' })).toEqual([])
      expect(await at({ limit: 2 })).toEqual([4000, 3000])
    })

    it('entries at the same moment keep the order they were written in', async () => {
      const first = await f.a.append({ at: 5000, action: 'maintenance.start', portalId: 'p1' })
      const second = await f.b.append({ at: 5000, action: 'maintenance.end', portalId: 'p1' })
      expect((await f.a.search()).map((e) => e.id)).toEqual([second.id, first.id])
    })

    it('exports JSON that reads back as the entries', async () => {
      await f.a.append({ at: 1000, portalId: 'p1', action: 'portal.change', details: { field: 'notes' } })
      await f.b.append({ at: 2000, portalId: 'p2', action: 'credentials.change' })
      const doc = JSON.parse(await f.a.exportEntries({ portalId: 'p1' }, 'json')) as unknown[]
      expect(doc).toEqual([
        expect.objectContaining({
          at: 1000,
          atIso: '1970-01-01T00:00:01.000Z',
          actor: f.actorA,
          action: 'portal.change',
          details: { field: 'notes' }
        })
      ])
    })

    it('exports CSV a spreadsheet opens safely: quoted where needed, no formulas', async () => {
      await f.a.append({ at: 1000, portalId: 'p1', action: 'job.enqueue', summary: 'Pages "A", B\nand C' })
      await f.a.append({ at: 2000, portalId: 'p1', action: 'job.enqueue', summary: '=HYPERLINK("x")' })
      const csv = await f.a.exportEntries({}, 'csv')
      const lines = csv.split('\r\n')
      expect(lines[0]).toBe(
        'id,at,actor,workstation,portal_id,portal_name,object_kind,object_id,action,summary,details'
      )
      expect(csv).toContain(
        `1970-01-01T00:00:02.000Z,${f.actorA},ws-a,p1,,,,job.enqueue,"'=HYPERLINK(""x"")",`
      )
      expect(csv).toContain('"Pages ""A"", B\nand C"')
      expect(csv.endsWith('\r\n')).toBe(true)
    })

    it('exports every matching entry, beyond the search page', async () => {
      for (let i = 0; i < 3; i++) await f.a.append({ at: i, action: 'job.enqueue' })
      expect(JSON.parse(await f.a.exportEntries({}, 'json'))).toHaveLength(3)
      expect(JSON.parse(await f.a.exportEntries({ limit: 1 }, 'json'))).toHaveLength(1)
    })

    it('refuses to change or remove an entry, even in plain SQL', async () => {
      await f.a.append({ at: 1000, portalId: 'p1', action: 'job.enqueue', summary: 'kept' })
      await expect(f.tamper('update')).rejects.toThrow(/append-only|permission denied/)
      await expect(f.tamper('delete')).rejects.toThrow(/append-only|permission denied/)
      expect((await f.a.search()).map((e) => e.summary)).toEqual(['kept'])
    })
  })
}
