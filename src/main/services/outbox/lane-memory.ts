import { migrate, type Database, type Migration } from '../db/database'
import type { InFlightWindow, WindowMemory } from './concurrency'
import { outboxMigrations } from './schema'

/**
 * What a lane learned about its portal, kept with the lane's row so the next job (in this process
 * or after a restart) starts where the last one left off: the requests in flight the portal
 * sustained, its per-command times, and when it last had to back off (concurrency.ts, `resume`).
 */
export interface LaneMemory extends WindowMemory {
  /** When it was written (clock ms). */
  savedAt: number
}

/** Older than this, a portal's memory says too little about it now: the lane starts from one request. */
export const MEMORY_MAX_AGE_MS = 7 * 24 * 3_600_000
/** A lowering longer ago than this no longer holds growth back: the portal may take more now. */
export const OVERLOAD_MEMORY_MS = 24 * 3_600_000

/**
 * Its own migration area, so it never competes for a version number with the outbox's schema;
 * the column sits on `outbox_lanes`, so forgetting a lane (a removed portal) forgets it too.
 */
export const laneMemoryMigrations: readonly Migration[] = [
  { version: 1, sql: 'ALTER TABLE outbox_lanes ADD COLUMN memory TEXT' }
]

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const finiteOrNull = (v: unknown): v is number | null => v === null || finite(v)

/** A saved memory, or null when the text is not one (a damaged write costs a cold start, nothing else). */
export const parseLaneMemory = (text: string | null | undefined): LaneMemory | null => {
  if (!text) return null
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof v !== 'object' || v === null) return null
  const m = v as Record<string, unknown>
  const per = m.perCommandMs
  if (
    !finite(m.sustained) ||
    m.sustained < 1 ||
    !finite(m.savedAt) ||
    !finiteOrNull(m.overloadedAt) ||
    !finiteOrNull(m.loweredAt) ||
    !finiteOrNull(m.waitMs) ||
    typeof per !== 'object' ||
    per === null ||
    Array.isArray(per)
  )
    return null
  const perCommandMs: Record<string, number> = {}
  for (const [k, ms] of Object.entries(per)) if (finite(ms) && ms > 0) perCommandMs[k] = ms
  return {
    sustained: Math.floor(m.sustained),
    overloadedAt: m.overloadedAt,
    loweredAt: m.loweredAt,
    perCommandMs,
    waitMs: m.waitMs,
    savedAt: m.savedAt
  }
}

export interface LaneMemoryStore {
  load(portalId: string): LaneMemory | null
  save(portalId: string, memory: LaneMemory): void
}

export const createLaneMemoryStore = (db: Database, now: () => number = Date.now): LaneMemoryStore => {
  // The column goes on the outbox's own table: its schema first.
  migrate(db, 'outbox', outboxMigrations)
  migrate(db, 'outbox-lane-memory', laneMemoryMigrations)
  const read = db.prepare('SELECT memory FROM outbox_lanes WHERE portal_id = ?')
  const write = db.prepare(`INSERT INTO outbox_lanes (portal_id, memory, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (portal_id) DO UPDATE SET memory = excluded.memory`)
  return {
    load(portalId) {
      const row = read.get(portalId) as { memory: string | null } | undefined
      return parseLaneMemory(row?.memory)
    },
    save(portalId, memory) {
      write.run(portalId, JSON.stringify(memory), now())
    }
  }
}

/**
 * Starts `window` where the portal's last job left off, if its memory is recent enough to say
 * anything (MEMORY_MAX_AGE_MS); a lowering older than OVERLOAD_MEMORY_MS no longer holds growth
 * back. Answers whether it did.
 */
export const warmStart = (window: InFlightWindow, memory: LaneMemory | null, now: number): boolean => {
  if (!memory || now - memory.savedAt > MEMORY_MAX_AGE_MS || memory.savedAt > now + 60_000) return false
  const stale = memory.loweredAt === null || now - memory.loweredAt > OVERLOAD_MEMORY_MS
  window.resume(memory, stale)
  return true
}

/**
 * Keeps what the lane learned, when it changed since the last write (`last`, the JSON written) or
 * when `force`d (a job ended: the memory is fresh again even if nothing changed); answers what is
 * now written. A failed write costs the next job a colder start, nothing else.
 */
export const remember = (
  store: LaneMemoryStore,
  portalId: string,
  window: InFlightWindow,
  now: number,
  last: string,
  log: (line: string) => void,
  force = false
): string => {
  const m = window.memory()
  const key = JSON.stringify(m)
  if (key === last && !force) return last
  try {
    store.save(portalId, { ...m, savedAt: now })
    return key
  } catch (err) {
    log(`outbox: lane ${portalId}: could not keep what it learned: ${String(err)}`)
    return last
  }
}
