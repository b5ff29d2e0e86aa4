import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Intent } from '../../../shared/domain/outbox'
import { openDatabase, type Database } from '../db/database'
import { DEFAULT_MAX_LATE_MS, LATE_AFTER_MS, OutboxStore } from './store'
import { setLanguage } from '../app/language'

/** Scheduled jobs and restore phases in the store, on a clock the test moves. */
describe('outbox store: start times and phases', () => {
  let dir: string
  let db: Database
  let clock = 0
  const open = () => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-schedule-'))
    db = openDatabase(dir)
    clock = Date.parse('2025-03-10T05:00:00Z')
    return new OutboxStore(db, () => clock)
  }
  afterEach(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const page = (targetId: number, action: Intent['action'] = 'publish'): Intent => ({
    portalId: 'p',
    kind: 'page',
    targetId,
    scope: '',
    action
  })
  const ids = (store: OutboxStore) => store.peekQueued('p', clock, 100).map((o) => o.targetId)

  it('keeps a scheduled job out of the lane until its time, then starts it on time', async () => {
    const store = open()
    const startAt = '2025-03-10T09:00:00+03:00'
    const id = await store.enqueue('at nine', [page(1)], { startAt })
    expect(ids(store)).toEqual([])
    expect(store.nextDue('p')).toBe(Date.parse(startAt))
    expect(store.job(id)).toMatchObject({ startAt, startedAt: null, lateByMs: null })
    clock = Date.parse(startAt) + 40
    expect(ids(store)).toEqual([1])
    expect(store.job(id)).toMatchObject({ startAt, startedAt: clock, lateByMs: null })
  })

  it('records how late a job started when nothing ran at its time', async () => {
    const store = open()
    const id = await store.enqueue('at six thirty', [page(1)], { startAt: '2025-03-10T06:30:00Z' })
    clock = Date.parse('2025-03-10T08:35:00Z')
    expect(store.startDueJobs()).toEqual([id])
    expect(store.job(id)?.lateByMs).toBe(2 * 3_600_000 + 5 * 60_000)
    expect(LATE_AFTER_MS).toBeLessThan(60_000)
  })

  it('lets intents of a scheduled job and of an immediate one on the same page coalesce only once both are due', async () => {
    const store = open()
    const scheduled = await store.enqueue('later', [page(7, 'publish')], { startAt: '2025-03-10T07:00:00Z' })
    const now = await store.enqueue('now', [page(7, 'unpublish')])
    // Neither replaces the other while the scheduled one waits.
    expect(store.job(scheduled)?.counts).toMatchObject({ queued: 1, superseded: 0 })
    expect(store.job(now)?.counts).toMatchObject({ queued: 1, superseded: 0 })
    // Still queued (the portal is down, say) when the scheduled one starts: the later intent wins.
    clock = Date.parse('2025-03-10T07:00:01Z')
    expect(store.peekQueued('p', clock, 100).map((o) => o.action)).toEqual(['publish'])
    expect(store.job(now)?.counts).toMatchObject({ queued: 0, superseded: 1 })
    // Queued after the start time, an intent takes effect later and replaces the scheduled one.
    const after = await store.enqueue('after', [page(7, 'unpublish')])
    expect(store.job(scheduled)?.counts).toMatchObject({ superseded: 1 })
    expect(store.peekQueued('p', clock, 100).map((o) => `${o.jobId}:${o.action}`)).toEqual([
      `${after}:unpublish`
    ])
  })

  it('reschedules a waiting job, to later or to now; not one that has started', async () => {
    const store = open()
    const id = await store.enqueue('later', [page(1)], { startAt: '2025-03-10T07:00:00Z' })
    expect(store.reschedule(id, '2025-03-10T08:00:00+01:00')).toBe(true)
    expect(store.nextDue('p')).toBe(Date.parse('2025-03-10T07:00:00Z'))
    expect(store.job(id)?.startAt).toBe('2025-03-10T08:00:00+01:00')
    expect(store.reschedule(id, null)).toBe(true)
    expect(store.job(id)?.startAt).toBeNull()
    expect(ids(store)).toEqual([1])
    const other = await store.enqueue('soon', [page(2)], { startAt: '2025-03-10T06:10:00Z' })
    clock = Date.parse('2025-03-10T06:10:00Z')
    store.startDueJobs()
    expect(store.reschedule(other, '2025-03-10T09:00:00Z')).toBe(false)
  })

  it('sends no operation of a later phase while one of an earlier phase of the job and portal is pending', async () => {
    const store = open()
    const token = 'runner'
    const other: Intent = { ...page(9), portalId: 'q' }
    await store.enqueue('restore', [page(1), page(2), page(3), other, page(4)], { phases: [0, 1, 1, 1, 2] })
    expect(ids(store)).toEqual([1])
    expect(store.peekQueued('q', clock, 100).map((o) => o.targetId)).toEqual([9])
    const [first] = store.peekQueued('p', clock, 100)
    store.claim([first.id], token)
    // On the wire is still pending: phase 1 waits for the answer.
    expect(ids(store)).toEqual([])
    expect(store.nextDue('p')).toBeNull()
    store.complete(
      [{ id: first.id, kind: 'failed', error: { code: 'X', message: 'x', category: 'permanent' } }],
      token
    )
    expect(ids(store)).toEqual([2, 3])
    const second = store.peekQueued('p', clock, 100)
    store.claim(
      second.map((o) => o.id),
      token
    )
    store.complete(
      second.map((o) => ({ id: o.id, kind: 'done' as const })),
      token
    )
    expect(ids(store)).toEqual([4])
  })

  it('holds a job found 25 hours late, marked as having missed its time, until started by hand', async () => {
    const store = open()
    const startAt = '2025-03-10T06:00:00Z'
    const id = await store.enqueue('while away', [page(1)], { startAt })
    clock = Date.parse(startAt) + 25 * 3_600_000
    expect(store.startDueJobs()).toEqual([])
    expect(ids(store)).toEqual([])
    expect(store.job(id)).toMatchObject({ startedAt: null, missedAt: clock })
    // The lane is not woken for it again and again.
    expect(store.nextDue('p')).toBeNull()
    // Started by hand: it runs now.
    clock += 60_000
    expect(store.reschedule(id, null)).toBe(true)
    expect(ids(store)).toEqual([1])
    expect(store.job(id)).toMatchObject({ missedAt: null })
  })

  it('starts a job 23 hours late, and honours a lateness set for the job', async () => {
    const store = open()
    const late = await store.enqueue('late but fine', [page(1)], { startAt: '2025-03-10T06:00:00Z' })
    const strict = await store.enqueue('strict', [page(2)], {
      startAt: '2025-03-10T06:00:00Z',
      maxLateMs: 3_600_000
    })
    clock = Date.parse('2025-03-10T06:00:00Z') + 23 * 3_600_000
    expect(DEFAULT_MAX_LATE_MS).toBe(24 * 3_600_000)
    expect(store.startDueJobs()).toEqual([late])
    expect(store.job(strict)?.missedAt).toBe(clock)
    // Rescheduled to a time ahead, it waits for that time like any scheduled job.
    expect(store.reschedule(strict, '2025-03-11T09:00:00Z')).toBe(true)
    expect(store.job(strict)).toMatchObject({ missedAt: null, startAt: '2025-03-11T09:00:00Z' })
    clock = Date.parse('2025-03-11T09:00:01Z')
    expect(store.startDueJobs()).toEqual([strict])
  })

  it('refuses a start time more than a year ahead, saying why, and records nothing', async () => {
    const store = open()
    setLanguage('ru')
    try {
      await expect(store.enqueue('typo', [page(1)], { startAt: '2125-03-10T06:00:00Z' })).rejects.toThrow(
        /больше чем через год/
      )
    } finally {
      setLanguage('en')
    }
    expect(store.jobs()).toEqual([])
    const id = await store.enqueue('next spring', [page(1)], { startAt: '2026-03-01T06:00:00Z' })
    expect(() => store.reschedule(id, '2027-03-11T06:00:00Z')).toThrow(/more than a year ahead/)
    expect(store.job(id)?.startAt).toBe('2026-03-01T06:00:00Z')
  })
})
