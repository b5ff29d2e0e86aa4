/** The lanes' rows (pause, status, requests in flight) and their portals' saved budgets; lane memory is lane-memory.ts. */
import type { Database } from '../db/database'
import { transaction } from '../db/database'
import type { LaneState } from '../../../shared/domain/outbox'
import type { SavedMethodBudget } from './pacer'
import { messages } from './messages'

interface LaneDbRow {
  portal_id: string
  paused: number
  state: LaneState
  reason: string | null
  next_attempt_at: number | null
  in_flight: number
  window_size: number
  ceiling: number | null
  lowered: string | null
}

/** Why a lane last lowered its window: `reason` is built when shown, so it follows the language. */
export interface LaneLowered {
  to: number
  at: number
  /** A message key of ./messages and its values. */
  why: { key: keyof typeof messages; values: Record<string, string | number> }
}

/** What a lane's requests in flight look like, kept in the database for every process to show. */
export interface LaneFlight {
  inFlight: number
  window: number
  ceiling: number
  lowered: LaneLowered | null
}

export interface LaneRow {
  portalId: string
  paused: boolean
  state: LaneState
  reason: string | null
  nextAttemptAt: number | null
  flight: LaneFlight
}

const parseLowered = (text: string | null): LaneLowered | null => {
  if (!text) return null
  try {
    const v = JSON.parse(text) as LaneLowered
    return typeof v.to === 'number' && typeof v.at === 'number' && v.why && v.why.key in messages ? v : null
  } catch {
    return null
  }
}

/** Reads and writes of `outbox_lanes` and `outbox_budget`; each write commits before it returns. */
export class LaneStateStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number
  ) {}

  /** A lane row for each portal that has work, so the outbox's picture shows it before it runs. */
  touchLanes(portalIds: readonly string[], now: number): void {
    const stmt = this.db.prepare(
      'INSERT INTO outbox_lanes (portal_id, updated_at) VALUES (?, ?) ON CONFLICT (portal_id) DO NOTHING'
    )
    for (const p of new Set(portalIds)) stmt.run(p, now)
  }

  forgetLane(portalId: string): void {
    this.db.prepare('DELETE FROM outbox_lanes WHERE portal_id = ?').run(portalId)
    this.db.prepare('DELETE FROM outbox_budget WHERE portal_id = ?').run(portalId)
  }

  saveBudget(portalId: string, methods: readonly SavedMethodBudget[]): void {
    if (methods.length === 0) return
    const now = this.now()
    const stmt = this.db
      .prepare(`INSERT INTO outbox_budget (portal_id, method, state, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (portal_id, method) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`)
    transaction(this.db, () => {
      for (const m of methods) stmt.run(portalId, m.method, JSON.stringify(m), now)
    })
  }

  /** What the lane's last run knew about the portal's operating-time budget; unreadable rows are skipped. */
  loadBudget(portalId: string): SavedMethodBudget[] {
    const rows = this.db
      .prepare('SELECT state FROM outbox_budget WHERE portal_id = ?')
      .all(portalId) as Array<{ state: string }>
    const out: SavedMethodBudget[] = []
    for (const r of rows) {
      try {
        const v = JSON.parse(r.state) as SavedMethodBudget
        if (typeof v.method === 'string' && Array.isArray(v.spends)) out.push(v)
      } catch {
        // A row from a damaged write costs at most one cautious first command.
      }
    }
    return out
  }

  setLanePaused(portalId: string, paused: boolean): void {
    this.db
      .prepare(
        `INSERT INTO outbox_lanes (portal_id, paused, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (portal_id) DO UPDATE SET paused = excluded.paused, updated_at = excluded.updated_at`
      )
      .run(portalId, paused ? 1 : 0, this.now())
  }

  /** What the runner is doing on a lane, kept in the database so another process can show it too. */
  setLaneStatus(
    portalId: string,
    state: LaneState,
    reason: string | null,
    nextAttemptAt: number | null
  ): void {
    this.db
      .prepare(
        `INSERT INTO outbox_lanes (portal_id, state, reason, next_attempt_at, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (portal_id) DO UPDATE SET state = excluded.state, reason = excluded.reason,
          next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at`
      )
      .run(portalId, state, reason, nextAttemptAt, this.now())
  }

  /** The lane's requests in flight and window, written by the runner as they change. */
  setLaneFlight(portalId: string, f: LaneFlight): void {
    this.db
      .prepare(
        `INSERT INTO outbox_lanes (portal_id, in_flight, window_size, ceiling, lowered, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (portal_id) DO UPDATE SET in_flight = excluded.in_flight, window_size = excluded.window_size,
          ceiling = excluded.ceiling, lowered = excluded.lowered, updated_at = excluded.updated_at`
      )
      .run(
        portalId,
        f.inFlight,
        f.window,
        f.ceiling,
        f.lowered ? JSON.stringify(f.lowered) : null,
        this.now()
      )
  }

  lanes(): LaneRow[] {
    const rows = this.db
      .prepare(
        `SELECT portal_id, paused, state, reason, next_attempt_at, in_flight, window_size, ceiling, lowered
        FROM outbox_lanes ORDER BY portal_id`
      )
      .all() as unknown as LaneDbRow[]
    return rows.map((r) => ({
      portalId: r.portal_id,
      paused: r.paused === 1,
      state: r.state,
      reason: r.reason,
      nextAttemptAt: r.next_attempt_at,
      flight: {
        inFlight: r.in_flight,
        window: r.window_size,
        // 0: no runner has written it yet (the snapshot then asks the portal's setting).
        ceiling: r.ceiling ?? 0,
        lowered: parseLowered(r.lowered)
      }
    }))
  }

  isLanePaused(portalId: string): boolean {
    const row = this.db.prepare('SELECT paused FROM outbox_lanes WHERE portal_id = ?').get(portalId) as
      { paused: number } | undefined
    return row?.paused === 1
  }
}
