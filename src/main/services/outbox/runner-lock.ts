import { hostname } from 'node:os'
import { randomUUID } from 'node:crypto'
import type { Database } from '../db/database'
import { transaction } from '../db/database'

export interface LockHolder {
  pid: number
  host: string
  startedAt: number
  heartbeatAt: number
}

export interface RunnerLockOptions {
  /** Wall-clock time: the lock is shared between processes, whatever clock the outbox paces by. */
  now?: () => number
  /** A holder that has not written a heartbeat for this long is considered gone. */
  staleMs?: number
  pid?: number
  host?: string
  isAlive?: (pid: number) => boolean
}

export const pidIsAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

interface Row {
  pid: number
  host: string
  token: string
  started_at: number
  heartbeat_at: number
}

/**
 * One runner per data directory: a row in the shared database with the holder's pid and a heartbeat.
 * A crashed holder cannot keep it: on the same machine a dead pid frees it at once, and from another
 * machine (a data folder on a network share) a heartbeat older than `staleMs` does.
 */
export class RunnerLock {
  private readonly db: Database
  private readonly now: () => number
  private readonly staleMs: number
  private readonly pid: number
  private readonly host: string
  private readonly isAlive: (pid: number) => boolean
  private readonly token = randomUUID()
  private held = false

  constructor(db: Database, opts: RunnerLockOptions = {}) {
    this.db = db
    this.now = opts.now ?? Date.now
    this.staleMs = opts.staleMs ?? 15_000
    this.pid = opts.pid ?? process.pid
    this.host = opts.host ?? hostname()
    this.isAlive = opts.isAlive ?? pidIsAlive
  }

  get isHeld(): boolean {
    return this.held
  }

  /** This holder's token: operations it claims carry it, so only its own claims can be completed by it. */
  get fenceToken(): string {
    return this.token
  }

  /**
   * Whether the lock in the database is still ours, read now (not from the last heartbeat): checked
   * before every request, so a runner presumed dead stops sending as soon as another took over.
   */
  stillHeld(): boolean {
    if (!this.held) return false
    const row = this.read()
    if (row?.token === this.token) return true
    this.held = false
    return false
  }

  private read(): Row | undefined {
    return this.db
      .prepare('SELECT pid, host, token, started_at, heartbeat_at FROM outbox_runner WHERE id = 1')
      .get() as Row | undefined
  }

  /**
   * On this machine the holder's process decides: a dead pid frees the lock at once, and a living one
   * keeps it however long its heartbeat paused (a synchronous dialog, a sleeping laptop, a debugger):
   * taking over from a live runner would have two send at once. Elsewhere only the heartbeat can tell.
   */
  private stale(row: Row, now: number): boolean {
    if (row.host === this.host && row.pid !== this.pid) return !this.isAlive(row.pid)
    return row.heartbeat_at < now - this.staleMs
  }

  tryAcquire(): boolean {
    const now = this.now()
    this.held = transaction(this.db, () => {
      const row = this.read()
      if (row && row.token !== this.token && !this.stale(row, now)) return false
      this.db
        .prepare(
          `INSERT INTO outbox_runner (id, pid, host, token, started_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, host = excluded.host, token = excluded.token,
            started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at`
        )
        .run(this.pid, this.host, this.token, row?.token === this.token ? row.started_at : now, now)
      return true
    })
    return this.held
  }

  /** Keeps the lock fresh; false when another process took it over (we were presumed dead). */
  heartbeat(): boolean {
    if (!this.held) return false
    const changes = this.db
      .prepare('UPDATE outbox_runner SET heartbeat_at = ? WHERE id = 1 AND token = ?')
      .run(this.now(), this.token).changes
    this.held = Number(changes) === 1
    return this.held
  }

  release(): void {
    if (!this.held) return
    this.db.prepare('DELETE FROM outbox_runner WHERE id = 1 AND token = ?').run(this.token)
    this.held = false
  }

  /** Who drains the outbox now, if anyone live does. */
  holder(): LockHolder | null {
    const row = this.read()
    if (!row || this.stale(row, this.now())) return null
    return { pid: row.pid, host: row.host, startedAt: row.started_at, heartbeatAt: row.heartbeat_at }
  }
}
