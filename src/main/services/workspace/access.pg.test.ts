import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type pg from 'pg'
import { addGroup, addMember, readStatus } from './admin'
import { LATEST_SCHEMA_VERSION, migrateWorkspace, schemaVersion, WORKSPACE_MIGRATIONS } from './migrate'
import { pgUnavailableReason, startPgCluster, type PgCluster } from './testing/pg-cluster'
import { asSuperuser, connectAs, createTeamDatabase } from './testing/team'

const skip = pgUnavailableReason()
if (skip) console.warn(`workspace access tests skipped: ${skip}`)

/**
 * Plain SQL as each role against a real PostgreSQL (issue 21, "Done when"): the database itself
 * keeps a member of G1 away from G2's portals, a read-only member from changing anything, and
 * everybody from rewriting the activity log.
 */
describe.skipIf(skip !== null)('team workspace access, enforced by PostgreSQL', () => {
  let cluster: PgCluster
  let owner: pg.Client
  const clients: pg.Client[] = []
  const as = async (user: string): Promise<pg.Client> => {
    const c = await connectAs(cluster, user, 'team')
    clients.push(c)
    return c
  }
  let job1 = 0
  let job2 = 0

  beforeAll(async () => {
    cluster = await startPgCluster()
    await createTeamDatabase(cluster, 'team', 'team_owner')
    await asSuperuser(
      cluster,
      'postgres',
      'CREATE ROLE alice LOGIN',
      'CREATE ROLE bob LOGIN',
      'CREATE ROLE carol LOGIN',
      // dave belongs to G1 through a team role, not by name
      'CREATE ROLE north_team NOLOGIN',
      'CREATE ROLE dave LOGIN IN ROLE north_team'
    )
    owner = await as('team_owner')
    await migrateWorkspace(owner)
    const ctx = { client: owner, where: 'team' }
    await addGroup(ctx, 'G1')
    await addGroup(ctx, 'G2')
    await addMember(ctx, 'alice', 'G1', false)
    await addMember(ctx, 'bob', 'G2', false)
    await addMember(ctx, 'carol', 'g1', true)
    await addMember(ctx, 'north_team', 'G1', false)
    await owner.query(`INSERT INTO b24desk.portals (id, name, host, auth_kind, created_at, updated_at, group_id)
      VALUES ('p1', 'North', 'north.bitrix24.ru', 'webhook', 0, 0, (SELECT id FROM b24desk.groups WHERE name = 'G1')),
             ('p2', 'South', 'south.bitrix24.ru', 'webhook', 0, 0, (SELECT id FROM b24desk.groups WHERE name = 'G2'))`)
    const insertJob = async (title: string, portal: string): Promise<number> => {
      const j = await owner.query<{ id: string }>(
        `INSERT INTO b24desk.jobs (title, created_at, total) VALUES ($1, 0, 1) RETURNING id`,
        [title]
      )
      await owner.query(
        `INSERT INTO b24desk.operations (job_id, portal_id, kind, target_id, scope, action, state, created_at, updated_at)
         VALUES ($1, $2, 'landing', 7, '', 'publish', 'queued', 0, 0)`,
        [j.rows[0].id, portal]
      )
      return Number(j.rows[0].id)
    }
    job1 = await insertJob('Publish North', 'p1')
    job2 = await insertJob('Publish South', 'p2')
    await owner.query(`INSERT INTO b24desk.activity (at, portal_id, action, summary)
      VALUES (1, 'p1', 'job.enqueue', 'north'), (2, 'p2', 'job.enqueue', 'south')`)
  })

  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => {})
    await cluster?.stop()
  })

  it('migrating again applies nothing', async () => {
    const again = await migrateWorkspace(owner)
    expect(again).toMatchObject({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION, applied: [] })
  })

  it('two inits at once: one creates the schema, the other waits and finds nothing to do', async () => {
    await asSuperuser(cluster, 'postgres', 'CREATE DATABASE race OWNER team_owner')
    const [a, b] = [
      await connectAs(cluster, 'team_owner', 'race'),
      await connectAs(cluster, 'team_owner', 'race')
    ]
    clients.push(a, b)
    const results = await Promise.all([migrateWorkspace(a), migrateWorkspace(b)])
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, WORKSPACE_MIGRATIONS.length])
    expect(await schemaVersion(a)).toBe(LATEST_SCHEMA_VERSION)
  })

  it('a migration that fails leaves the schema as it was: all of it applies, or none', async () => {
    const broken = [
      ...WORKSPACE_MIGRATIONS,
      { version: 90, name: 'fine', sql: 'CREATE TABLE b24desk.added_by_90 (id int)' },
      { version: 91, name: 'broken', sql: 'SELECT 1 / 0' }
    ]
    await expect(migrateWorkspace(owner, broken)).rejects.toThrow(/division by zero/)
    expect(await schemaVersion(owner)).toBe(LATEST_SCHEMA_VERSION)
    const t = await owner.query("SELECT to_regclass('b24desk.added_by_90') AS t")
    expect(t.rows[0].t).toBeNull()
  })

  it("a member of G1 cannot read a G2 portal's jobs, operations or activity", async () => {
    const alice = await as('alice')
    const jobs = await alice.query<{ id: string }>('SELECT id FROM b24desk.jobs ORDER BY id')
    expect(jobs.rows.map((r) => Number(r.id))).toEqual([job1])
    expect((await alice.query('SELECT * FROM b24desk.jobs WHERE id = $1', [job2])).rowCount).toBe(0)
    expect((await alice.query("SELECT * FROM b24desk.operations WHERE portal_id = 'p2'")).rowCount).toBe(0)
    expect((await alice.query('SELECT name FROM b24desk.portals')).rows).toEqual([{ name: 'North' }])
    expect((await alice.query('SELECT summary FROM b24desk.activity')).rows).toEqual([{ summary: 'north' }])
    // and bob, the other way round
    const bob = await as('bob')
    const bobs = await bob.query<{ id: string }>('SELECT id FROM b24desk.jobs')
    expect(bobs.rows.map((r) => Number(r.id))).toEqual([job2])
  })

  it('membership through another role counts', async () => {
    const dave = await as('dave')
    expect((await dave.query('SELECT name FROM b24desk.portals')).rows).toEqual([{ name: 'North' }])
  })

  it("a member of G1 cannot queue work, touch lanes or change portals of G2, but can on G1's", async () => {
    const alice = await as('alice')
    const j = await alice.query<{ id: string; actor: string }>(
      "INSERT INTO b24desk.jobs (title, created_at, total, actor) VALUES ('mine', 0, 1, 'bob') RETURNING id, actor"
    )
    // The actor is the login role, whatever the client claims.
    expect(j.rows[0].actor).toBe('alice')
    const op = (portal: string) =>
      alice.query(
        `INSERT INTO b24desk.operations (job_id, portal_id, kind, target_id, scope, action, state, created_at, updated_at)
         VALUES ($1, $2, 'landing', 8, '', 'unpublish', 'queued', 0, 0)`,
        [j.rows[0].id, portal]
      )
    await expect(op('p2')).rejects.toMatchObject({ code: '42501' })
    await expect(op('p1')).resolves.toMatchObject({ rowCount: 1 })
    await expect(
      alice.query("INSERT INTO b24desk.lanes (portal_id, updated_at) VALUES ('p2', 0)")
    ).rejects.toMatchObject({ code: '42501' })
    const moved = await alice.query("UPDATE b24desk.portals SET notes = 'x' WHERE id = 'p2'")
    expect(moved.rowCount).toBe(0)
    await expect(
      alice.query(`INSERT INTO b24desk.portals (id, name, host, auth_kind, created_at, updated_at, group_id)
        VALUES ('p3', 'Sneaky', 'x.bitrix24.ru', 'webhook', 0, 0, (SELECT id FROM b24desk.groups WHERE name = 'G2'))`)
    ).rejects.toMatchObject({ code: '42501' })
    await expect(
      alice.query(
        "UPDATE b24desk.portals SET group_id = (SELECT min(id) + 1 FROM b24desk.groups) WHERE id = 'p1'"
      )
    ).rejects.toMatchObject({ code: '42501' })
    await expect(
      alice.query(
        "INSERT INTO b24desk.snapshots (name, taken_at, portal_ids, counts) VALUES ('s', 0, '[\"p1\",\"p2\"]', '{}')"
      )
    ).rejects.toMatchObject({ code: '42501' })
    const cancelled = await alice.query(
      "UPDATE b24desk.operations SET state = 'cancelled' WHERE portal_id = 'p2' AND state = 'queued'"
    )
    expect(cancelled.rowCount).toBe(0)
  })

  it('a read-only member sees its groups but cannot insert a job, cancel, restore or change anything', async () => {
    const carol = await as('carol')
    const jobs = await carol.query<{ id: string }>('SELECT id FROM b24desk.jobs WHERE id IN ($1, $2)', [
      job1,
      job2
    ])
    expect(jobs.rows.map((r) => Number(r.id))).toEqual([job1])
    await expect(
      carol.query("INSERT INTO b24desk.jobs (title, created_at, total) VALUES ('nope', 0, 1)")
    ).rejects.toMatchObject({ code: '42501' })
    await expect(
      carol.query("UPDATE b24desk.operations SET state = 'cancelled' WHERE portal_id = 'p1'")
    ).rejects.toMatchObject({ code: '42501' })
    await expect(
      carol.query(
        "INSERT INTO b24desk.snapshots (name, taken_at, portal_ids, counts) VALUES ('s', 0, '[\"p1\"]', '{}')"
      )
    ).rejects.toMatchObject({ code: '42501' })
    await expect(carol.query("UPDATE b24desk.portals SET notes = 'x'")).rejects.toMatchObject({
      code: '42501'
    })
    await expect(
      carol.query("INSERT INTO b24desk.activity (at, action) VALUES (3, 'x')")
    ).rejects.toMatchObject({ code: '42501' })
  })

  it('nobody can update or delete an activity entry, not even the owner', async () => {
    const alice = await as('alice')
    const added = await alice.query<{ actor: string }>(
      "INSERT INTO b24desk.activity (at, portal_id, action, actor) VALUES (5, 'p1', 'portal.change', 'bob') RETURNING actor"
    )
    // Entries are by whoever logged in, whatever the client claims.
    expect(added.rows[0].actor).toBe('alice')
    await expect(
      alice.query("INSERT INTO b24desk.activity (at, portal_id, action) VALUES (6, 'p2', 'portal.change')")
    ).rejects.toMatchObject({ code: '42501' })
    for (const c of [alice, owner]) {
      await expect(c.query("UPDATE b24desk.activity SET summary = 'edited'")).rejects.toMatchObject({
        code: '42501'
      })
      await expect(c.query('DELETE FROM b24desk.activity')).rejects.toMatchObject({ code: '42501' })
      await expect(c.query('TRUNCATE b24desk.activity')).rejects.toMatchObject({ code: '42501' })
    }
    const n = await owner.query<{ n: string }>(
      "SELECT count(*) AS n FROM b24desk.activity WHERE summary <> 'edited'"
    )
    expect(Number(n.rows[0].n)).toBe(3)
  })

  it('a lane is held by one workstation at a time; a takeover raises the fencing token', async () => {
    const alice = await as('alice')
    const dave = await as('dave')
    const claim = async (c: pg.Client, token: string, ttl: number) =>
      (await c.query<{ f: string | null }>("SELECT b24desk.claim_lane('p1', $1, $2) AS f", [token, ttl]))
        .rows[0].f
    expect(await claim(alice, 'A', 60_000)).toBe('1')
    expect(await claim(dave, 'D', 60_000)).toBeNull()
    expect(await claim(alice, 'A', 60_000)).toBe('1')
    // A stops renewing; once the lease runs out D takes the lane with a higher fence.
    await alice.query(
      "UPDATE b24desk.lane_leases SET expires_at = now() - interval '1 second' WHERE portal_id = 'p1'"
    )
    expect(await claim(dave, 'D', 60_000)).toBe('2')
    const renewed = await alice.query<{ ok: boolean }>("SELECT b24desk.renew_lane('p1', 'A', 1, 60000) AS ok")
    expect(renewed.rows[0].ok).toBe(false)
    // bob is no member of G1: he cannot even see the lease, let alone take it
    const bob = await as('bob')
    await expect(claim(bob, 'B', 60_000)).rejects.toMatchObject({ code: '42501' })
  })

  it('status names the role, its groups and the schema version', async () => {
    const carol = await as('carol')
    const s = await readStatus(carol)
    expect(s).toMatchObject({
      database: 'team',
      sessionUser: 'carol',
      admin: false,
      groups: [{ name: 'G1', readOnly: true }],
      schemaVersion: LATEST_SCHEMA_VERSION,
      latestVersion: LATEST_SCHEMA_VERSION
    })
    expect((await readStatus(owner)).admin).toBe(true)
  })

  it('only an administrator adds groups and members', async () => {
    const alice = await as('alice')
    await expect(addGroup({ client: alice, where: 'team' }, 'G3')).rejects.toMatchObject({
      code: 'WORKSPACE_NOT_ADMIN'
    })
    await expect(addGroup({ client: owner, where: 'team' }, 'g1')).rejects.toMatchObject({
      code: 'WORKSPACE_GROUP_EXISTS'
    })
    await expect(addMember({ client: owner, where: 'team' }, 'nobody', 'G1', false)).rejects.toMatchObject({
      code: 'WORKSPACE_NO_ROLE',
      message: expect.stringContaining('CREATE ROLE "nobody" LOGIN')
    })
    await expect(addMember({ client: owner, where: 'team' }, 'alice', 'G9', false)).rejects.toMatchObject({
      code: 'WORKSPACE_NO_GROUP'
    })
  })
})
