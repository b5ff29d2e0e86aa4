/** Scheduled jobs: when they start, how late, when they missed their time, and rescheduling them. */
import type { Database } from '../db/database'
import { transaction } from '../db/database'
import { localize } from '../app/language'
import { AppError } from '../errors'
import { SUPERSEDE_WHEN_DUE_SQL } from './coalesce'
import { messages } from './messages'
import { refreshJobs } from './store-common'

/**
 * A scheduled job found more than this past its time (the app was closed for a day, the machine was
 * off for weeks) does not start blindly: it waits, marked as having missed its time, until it is
 * rescheduled or started by hand. Settable per job (EnqueueOptions.maxLateMs).
 */
export const DEFAULT_MAX_LATE_MS = 24 * 3_600_000

/** The furthest ahead a job may be scheduled: a start time years away is a typo. */
export const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 3_600_000

/** Refuses a start time more than MAX_SCHEDULE_AHEAD_MS ahead of `now`, in the person's language. */
export const assertStartWithinAYear = (startAt: string, now: number): void => {
  if (Date.parse(startAt) - now <= MAX_SCHEDULE_AHEAD_MS) return
  throw new AppError('START_TOO_FAR', localize(messages.startTooFar, { startAt }), { category: 'permanent' })
}

/** A scheduled job that starts later than this after its time says it started late (app closed, machine asleep). */
export const LATE_AFTER_MS = 5_000

/** Starts scheduled jobs when their time comes, and moves their time; each change commits before it returns. */
export class ScheduleStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number
  ) {}

  /**
   * Scheduled jobs whose time has come start: each, in the order of their times, records when it
   * started (and how late, when the app was closed or the machine asleep at its time) and its
   * intents replace the queued ones on the same targets that took effect before it. Answers the
   * started job ids. Cheap when nothing is waiting (a partial index holds only waiting jobs).
   */
  startDueJobs(): number[] {
    const now = this.now()
    const due = this.db
      .prepare(
        `SELECT id, due_at, max_late_ms FROM outbox_jobs WHERE start_at IS NOT NULL AND started_at IS NULL
        AND due_at <= ? AND sealed = 1 AND missed_at IS NULL ORDER BY due_at, id`
      )
      .all(now) as Array<{ id: number; due_at: number; max_late_ms: number | null }>
    if (due.length === 0) return []
    const supersede = this.db.prepare(SUPERSEDE_WHEN_DUE_SQL)
    const started: number[] = []
    for (const job of due) {
      if (now - job.due_at > (job.max_late_ms ?? DEFAULT_MAX_LATE_MS)) {
        // Past its lateness: held, marked, until rescheduled or started by hand (reschedule).
        this.db
          .prepare('UPDATE outbox_jobs SET missed_at = ? WHERE id = ? AND missed_at IS NULL')
          .run(now, job.id)
        continue
      }
      started.push(job.id)
      transaction(this.db, () => {
        const late = now - job.due_at
        const started = this.db
          .prepare(
            'UPDATE outbox_jobs SET started_at = ?, late_by_ms = ? WHERE id = ? AND started_at IS NULL RETURNING id'
          )
          .get(now, late > LATE_AFTER_MS ? late : null, job.id)
        if (!started) return
        const touched = new Set<number>()
        const ops = this.db
          .prepare(
            "SELECT id, portal_id, kind, target_id FROM outbox_operations WHERE job_id = ? AND state = 'queued'"
          )
          .all(job.id) as Array<{ id: number; portal_id: string; kind: string; target_id: number }>
        for (const o of ops) {
          for (const r of supersede.all({
            newId: o.id,
            now,
            portalId: o.portal_id,
            kind: o.kind,
            targetId: o.target_id,
            jobId: job.id,
            due: job.due_at
          }) as Array<{ job_id: number }>)
            touched.add(r.job_id)
        }
        refreshJobs(this.db, [...touched], now)
      })
    }
    return started
  }

  /**
   * A new start time for a job that has not started (null: now). Answers false when the job has
   * started already (or was never scheduled and is under way).
   */
  reschedule(jobId: number, startAt: string | null): boolean {
    const now = this.now()
    return transaction(this.db, () => {
      const row = this.db
        .prepare('SELECT finished_at, start_at, started_at FROM outbox_jobs WHERE id = ?')
        .get(jobId) as
        { finished_at: number | null; start_at: string | null; started_at: number | null } | undefined
      if (!row || row.finished_at !== null || row.start_at === null || row.started_at !== null) return false
      if (startAt !== null) {
        assertStartWithinAYear(startAt, now)
        this.db
          .prepare('UPDATE outbox_jobs SET start_at = ?, due_at = ?, missed_at = NULL WHERE id = ?')
          .run(startAt, Date.parse(startAt), jobId)
        return true
      }
      // Now (also how a job that missed its time is started by hand): the job becomes an ordinary
      // one that takes effect at this moment.
      this.db
        .prepare('UPDATE outbox_jobs SET start_at = NULL, due_at = ?, missed_at = NULL WHERE id = ?')
        .run(now, jobId)
      const touched = new Set<number>()
      const supersede = this.db.prepare(SUPERSEDE_WHEN_DUE_SQL)
      for (const o of this.db
        .prepare(
          "SELECT id, portal_id, kind, target_id FROM outbox_operations WHERE job_id = ? AND state = 'queued'"
        )
        .all(jobId) as Array<{ id: number; portal_id: string; kind: string; target_id: number }>) {
        for (const r of supersede.all({
          newId: o.id,
          now,
          portalId: o.portal_id,
          kind: o.kind,
          targetId: o.target_id,
          jobId,
          due: now
        }) as Array<{ job_id: number }>)
          touched.add(r.job_id)
      }
      refreshJobs(this.db, [...touched], now)
      return true
    })
  }
}
