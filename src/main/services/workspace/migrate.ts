import type pg from 'pg'
import { sql as sharedTables } from './migrations/0001-shared-tables'
import { sql as access } from './migrations/0002-access'

export interface WorkspaceMigration {
  version: number
  name: string
  sql: string
}

/** The team workspace's schema, in order. A released migration is never edited: add the next one. */
export const WORKSPACE_MIGRATIONS: readonly WorkspaceMigration[] = [
  { version: 1, name: 'shared tables', sql: sharedTables },
  { version: 2, name: 'access: roles, grants, row-level security', sql: access }
]

export const LATEST_SCHEMA_VERSION = Math.max(...WORKSPACE_MIGRATIONS.map((m) => m.version))

/** Two `workspace init` at once (two administrators, a retry) wait for each other instead of racing. */
const MIGRATION_LOCK = 0x62323464 // "b24d"

export interface MigrationResult {
  /** The version before and after. */
  from: number
  to: number
  applied: WorkspaceMigration[]
}

/**
 * The schema version recorded in the database: 0 when there is no workspace in it, null when there
 * is one but this role may not read it (no member of any group, not its owner).
 */
export const schemaVersion = async (client: pg.Client): Promise<number | null> => {
  const ns = await client.query<{ usable: boolean }>(
    "SELECT has_schema_privilege(oid, 'USAGE') AS usable FROM pg_namespace WHERE nspname = 'b24desk'"
  )
  if (ns.rowCount === 0) return 0
  if (!ns.rows[0].usable) return null
  const exists = await client.query<{ t: string | null }>(
    "SELECT to_regclass('b24desk.schema_migrations')::text AS t"
  )
  if (!exists.rows[0]?.t) return 0
  const r = await client.query<{ v: number | null }>(
    'SELECT max(version)::int AS v FROM b24desk.schema_migrations'
  )
  return r.rows[0]?.v ?? 0
}

/**
 * Creates or brings the workspace schema up to date, all in one transaction: either every pending
 * migration is applied and recorded, or none is. Running it again applies nothing.
 */
export const migrateWorkspace = async (
  client: pg.Client,
  migrations: readonly WorkspaceMigration[] = WORKSPACE_MIGRATIONS
): Promise<MigrationResult> => {
  await client.query('BEGIN')
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query('CREATE SCHEMA IF NOT EXISTS b24desk')
    await client.query(`CREATE TABLE IF NOT EXISTS b24desk.schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      applied_by text NOT NULL DEFAULT session_user)`)
    const from = (await schemaVersion(client)) ?? 0
    const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => m.version > from)
    for (const m of pending) {
      await client.query(m.sql)
      await client.query('INSERT INTO b24desk.schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name
      ])
    }
    await client.query('COMMIT')
    return { from, to: pending.at(-1)?.version ?? from, applied: pending }
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {})
    throw err
  }
}
