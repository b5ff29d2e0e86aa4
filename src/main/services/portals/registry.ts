import { randomUUID } from 'node:crypto'
import type { AuthKind, LimitsPreset, PortalHealth, PortalSummary } from '../../../shared/domain/portal'
import { DEFAULT_MAX_IN_FLIGHT } from '../../../shared/domain/portal'
import { migrate, transaction, type Database } from '../db/database'

/** One portal as stored: what the renderer sees, plus trust settings; its secret lives in the OS keychain. */
export interface PortalRecord extends Omit<PortalSummary, 'health'> {
  /** PEM of the one extra CA trusted for this portal (public data, not a secret). */
  caPem: string | null
  /** OAuth portals: the authorisation server's base URL. */
  oauthServer: string | null
  status: PortalHealth
  createdAt: number
  updatedAt: number
}

export const PORTAL_MIGRATIONS = [
  {
    version: 1,
    sql: `CREATE TABLE portals (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE,
      host TEXT NOT NULL,
      auth_kind TEXT NOT NULL CHECK (auth_kind IN ('webhook', 'oauth')),
      limits TEXT NOT NULL DEFAULT 'standard' CHECK (limits IN ('standard', 'enterprise', 'self-hosted')),
      tags TEXT NOT NULL DEFAULT '[]',
      color TEXT,
      notes TEXT NOT NULL DEFAULT '',
      ca_pem TEXT,
      oauth_server TEXT,
      status TEXT NOT NULL DEFAULT '{"state":"unknown"}',
      demo INTEGER NOT NULL DEFAULT 0,
      last_sync_at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    )`
  },
  {
    version: 2,
    // The ceiling of outbox requests in flight on the portal (issue 10); 4 unless the person changes it.
    sql: `ALTER TABLE portals ADD COLUMN max_in_flight INTEGER NOT NULL DEFAULT ${DEFAULT_MAX_IN_FLIGHT}`
  }
]

interface Row {
  id: string
  name: string
  host: string
  auth_kind: AuthKind
  limits: LimitsPreset
  tags: string
  color: string | null
  notes: string
  ca_pem: string | null
  oauth_server: string | null
  status: string
  demo: number
  last_sync_at: number | null
  max_in_flight: number
  created_at: number
  updated_at: number
}

const parseJson = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

const fromRow = (r: Row): PortalRecord => ({
  id: r.id,
  name: r.name,
  host: r.host,
  authKind: r.auth_kind,
  limits: r.limits,
  tags: parseJson<string[]>(r.tags, []),
  color: r.color,
  notes: r.notes,
  caPem: r.ca_pem,
  oauthServer: r.oauth_server,
  status: parseJson<PortalHealth>(r.status, { state: 'unknown' }),
  demo: r.demo === 1,
  lastSyncAt: r.last_sync_at,
  maxInFlight: r.max_in_flight,
  createdAt: r.created_at,
  updatedAt: r.updated_at
})

export type NewPortal = Omit<
  PortalRecord,
  'id' | 'createdAt' | 'updatedAt' | 'status' | 'lastSyncAt' | 'maxInFlight'
> & {
  id?: string
  status?: PortalHealth
  maxInFlight?: number
}

export type PortalPatch = Partial<
  Pick<
    PortalRecord,
    | 'name'
    | 'host'
    | 'authKind'
    | 'limits'
    | 'tags'
    | 'color'
    | 'notes'
    | 'caPem'
    | 'oauthServer'
    | 'demo'
    | 'maxInFlight'
  >
>

const COLUMNS: Record<keyof PortalPatch, string> = {
  name: 'name',
  host: 'host',
  authKind: 'auth_kind',
  limits: 'limits',
  tags: 'tags',
  color: 'color',
  notes: 'notes',
  caPem: 'ca_pem',
  oauthServer: 'oauth_server',
  demo: 'demo',
  maxInFlight: 'max_in_flight'
}

const toColumnValue = (key: keyof PortalPatch, value: unknown): string | number | null => {
  if (key === 'tags') return JSON.stringify(value ?? [])
  if (key === 'demo') return value ? 1 : 0
  if (key === 'maxInFlight') return value as number
  return (value as string | null) ?? null
}

export interface PortalRegistry {
  list(): PortalRecord[]
  get(id: string): PortalRecord | undefined
  byName(name: string): PortalRecord | undefined
  insert(p: NewPortal): PortalRecord
  update(id: string, patch: PortalPatch): PortalRecord
  remove(id: string): boolean
  setStatus(id: string, status: PortalHealth): void
  setLastSync(id: string, at: number): void
}

/** The portal list in SQLite. Every write is one short transaction: the app and the CLI share the file. */
export const createRegistry = (db: Database, now: () => number): PortalRegistry => {
  migrate(db, 'portals', PORTAL_MIGRATIONS)
  const get = (id: string) => {
    const r = db.prepare('SELECT * FROM portals WHERE id = ?').get(id) as Row | undefined
    return r ? fromRow(r) : undefined
  }
  return {
    list: () =>
      (db.prepare('SELECT * FROM portals ORDER BY name COLLATE NOCASE').all() as unknown as Row[]).map(
        fromRow
      ),
    get,
    byName(name) {
      const r = db.prepare('SELECT * FROM portals WHERE name = ? COLLATE NOCASE').get(name.trim()) as
        Row | undefined
      return r ? fromRow(r) : undefined
    },
    insert(p) {
      const id = p.id ?? randomUUID()
      const at = now()
      transaction(db, () => {
        db.prepare(
          `INSERT INTO portals (id, name, host, auth_kind, limits, tags, color, notes, ca_pem, oauth_server, status, demo,
             max_in_flight, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        ).run(
          id,
          p.name,
          p.host,
          p.authKind,
          p.limits,
          JSON.stringify(p.tags),
          p.color,
          p.notes,
          p.caPem,
          p.oauthServer,
          JSON.stringify(p.status ?? { state: 'unknown' }),
          p.demo ? 1 : 0,
          p.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
          at,
          at
        )
      })
      return get(id) as PortalRecord
    },
    update(id, patch) {
      const keys = (Object.keys(patch) as Array<keyof PortalPatch>).filter((k) => patch[k] !== undefined)
      if (keys.length > 0) {
        const sets = keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')
        const values = keys.map((k) => toColumnValue(k, patch[k]))
        transaction(db, () => {
          db.prepare(`UPDATE portals SET ${sets}, updated_at = ? WHERE id = ?`).run(...values, now(), id)
        })
      }
      return get(id) as PortalRecord
    },
    remove(id) {
      return transaction(db, () => Number(db.prepare('DELETE FROM portals WHERE id = ?').run(id).changes) > 0)
    },
    setStatus(id, status) {
      db.prepare('UPDATE portals SET status = ? WHERE id = ?').run(JSON.stringify(status), id)
    },
    setLastSync(id, at) {
      db.prepare('UPDATE portals SET last_sync_at = ? WHERE id = ?').run(at, id)
    }
  }
}
