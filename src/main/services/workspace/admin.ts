import type pg from 'pg'
import { AppError } from '../errors'
import { localize } from '../app/language'
import { LATEST_SCHEMA_VERSION, schemaVersion } from './migrate'
import { messages } from './messages'

/** Messages name the workspace as user@host:port/database; the caller knows it. */
export interface AdminContext {
  client: pg.Client
  where: string
}

const assertAdmin = async ({ client, where }: AdminContext): Promise<void> => {
  const version = await schemaVersion(client)
  if (version === 0)
    throw new AppError('WORKSPACE_NOT_INITIALIZED', localize(messages.notInitialized, { where }), {
      category: 'permanent'
    })
  const r = await client.query<{ admin: boolean; user: string }>(
    `SELECT ${version === null ? 'false' : 'b24desk.is_admin()'} AS admin, current_user AS user`
  )
  if (!r.rows[0]?.admin)
    throw new AppError(
      'WORKSPACE_NOT_ADMIN',
      localize(messages.notAdmin, { user: r.rows[0]?.user ?? '?', where }),
      { category: 'permanent' }
    )
}

const checkGroupName = (name: string): string => {
  const n = name.trim()
  if (n.length < 1 || n.length > 100)
    throw new AppError('WORKSPACE_BAD_NAME', localize(messages.badName), { category: 'permanent' })
  return n
}

export interface GroupInfo {
  id: number
  name: string
}

/** Adds a portal group; a name taken already (in any letter case) is refused. */
export const addGroup = async (ctx: AdminContext, name: string): Promise<GroupInfo> => {
  const group = checkGroupName(name)
  await assertAdmin(ctx)
  try {
    const r = await ctx.client.query<{ id: string; name: string }>(
      'INSERT INTO b24desk.groups (name) VALUES ($1) RETURNING id, name',
      [group]
    )
    return { id: Number(r.rows[0].id), name: r.rows[0].name }
  } catch (err) {
    if ((err as { code?: string }).code === '23505')
      throw new AppError('WORKSPACE_GROUP_EXISTS', localize(messages.groupExists, { group }), {
        category: 'permanent'
      })
    throw err
  }
}

export interface MembershipInfo {
  role: string
  group: string
  readOnly: boolean
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`

/**
 * Makes an existing database role a member of a group: read-write (sees and acts on the group's
 * portals) or read-only (sees its jobs, snapshots and activity, changes nothing). The role is
 * granted b24desk_member or b24desk_reader, the ceiling of what it may do anywhere; row-level
 * security limits it to its groups. Adding again changes read-only to what is given now.
 */
export const addMember = async (
  ctx: AdminContext,
  role: string,
  groupName: string,
  readOnly: boolean
): Promise<MembershipInfo> => {
  await assertAdmin(ctx)
  const { client } = ctx
  const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])
  if (found.rowCount === 0)
    throw new AppError('WORKSPACE_NO_ROLE', localize(messages.noSuchRole, { role }), {
      category: 'permanent'
    })
  const g = await client.query<{ id: string; name: string }>(
    'SELECT id, name FROM b24desk.groups WHERE lower(name) = lower($1)',
    [groupName.trim()]
  )
  if (g.rowCount === 0)
    throw new AppError('WORKSPACE_NO_GROUP', localize(messages.noSuchGroup, { group: groupName.trim() }), {
      category: 'permanent'
    })
  await client.query('BEGIN')
  try {
    await client.query(
      `INSERT INTO b24desk.group_members (group_id, role_name, read_only) VALUES ($1, $2, $3)
       ON CONFLICT (group_id, role_name) DO UPDATE SET read_only = excluded.read_only`,
      [g.rows[0].id, role, readOnly]
    )
    // GRANT of a role is not parameterisable; the name was checked to exist and is quoted.
    await client.query(`GRANT ${readOnly ? 'b24desk_reader' : 'b24desk_member'} TO ${quoteIdent(role)}`)
    // A role that is read-only everywhere keeps no write ceiling from an earlier membership.
    if (readOnly) {
      const writes = await client.query(
        'SELECT 1 FROM b24desk.group_members WHERE role_name = $1 AND NOT read_only',
        [role]
      )
      if (writes.rowCount === 0) {
        const granted = await client.query(
          `SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
           WHERE r.rolname = 'b24desk_member' AND u.rolname = $1`,
          [role]
        )
        if ((granted.rowCount ?? 0) > 0) await client.query(`REVOKE b24desk_member FROM ${quoteIdent(role)}`)
      }
    }
    await client.query('COMMIT')
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {})
    throw err
  }
  return { role, group: g.rows[0].name, readOnly }
}

export interface WorkspaceStatus {
  database: string
  server: string
  /** The login role and the role in effect (they differ after SET ROLE). */
  sessionUser: string
  currentUser: string
  admin: boolean
  groups: Array<{ name: string; readOnly: boolean }>
  /** Median of a few round trips of `SELECT 1`, in milliseconds. */
  latencyMs: number
  /** 0: no workspace in this database; null: there is one, but this role is no member of it. */
  schemaVersion: number | null
  /** The version this B24 Desk brings. */
  latestVersion: number
  tls: boolean
}

export const readStatus = async (client: pg.Client, rounds = 3): Promise<WorkspaceStatus> => {
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now()
    await client.query('SELECT 1')
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  const info = await client.query<{
    database: string
    server: string
    session_user: string
    current_user: string
    tls: boolean | null
  }>(
    `SELECT current_database() AS database, current_setting('server_version') AS server,
       session_user::text AS session_user, current_user::text AS current_user,
       (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS tls`
  )
  const version = await schemaVersion(client)
  let admin = false
  let groups: WorkspaceStatus['groups'] = []
  if (version !== null && version > 0) {
    admin = Boolean(
      (await client.query<{ admin: boolean }>('SELECT b24desk.is_admin() AS admin')).rows[0]?.admin
    )
    // Own memberships only (row-level security); an administrator sees every group's rows, so ask by role.
    groups = (
      await client.query<{ name: string; read_only: boolean }>(
        `SELECT g.name, bool_and(m.read_only) AS read_only FROM b24desk.group_members m
         JOIN b24desk.groups g ON g.id = m.group_id
         WHERE m.role_name IN (SELECT b24desk.my_roles()) GROUP BY g.name ORDER BY g.name`
      )
    ).rows.map((r) => ({ name: r.name, readOnly: r.read_only }))
  }
  const row = info.rows[0]
  return {
    database: row.database,
    server: row.server,
    sessionUser: row.session_user,
    currentUser: row.current_user,
    admin,
    groups,
    latencyMs: Math.round(times[Math.floor(times.length / 2)] * 10) / 10,
    schemaVersion: version,
    latestVersion: LATEST_SCHEMA_VERSION,
    tls: row.tls === true
  }
}
