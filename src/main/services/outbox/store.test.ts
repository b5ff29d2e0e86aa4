import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrate, openDatabase, type Database } from '../db/database'
import type { Intent } from '../../../shared/domain/outbox'
import { outboxMigrations } from './schema'
import { OutboxStore } from './store'

const page = (targetId: number, action: Intent['action'] = 'publish', portalId = 'a'): Intent => ({
  portalId,
  kind: 'page',
  targetId,
  scope: '',
  action
})

/** The claiming runner's lock token. */
const T = 'token-1'

describe('OutboxStore', () => {
  let dir: string
  let db: Database
  let store: OutboxStore
  let t = 1_000

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-store-'))
    db = openDatabase(dir)
    store = new OutboxStore(db, () => t)
  })
  afterEach(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('keeps a job with its operations queued, counted per job and per lane', async () => {
    const jobId = await store.enqueue('first', [page(1), page(2), page(3, 'publish', 'b')])
    const job = store.job(jobId)
    expect(job).toMatchObject({
      title: 'first',
      total: 3,
      state: 'active',
      finishedAt: null,
      portalIds: ['a', 'b']
    })
    expect(job?.counts.queued).toBe(3)
    expect(store.laneCounts().get('a')?.queued).toBe(2)
    expect(store.hasPending()).toBe(true)
  })

  it('a newer intent on the same target supersedes the older queued one, which stays in history', async () => {
    const j1 = await store.enqueue('one', [page(1, 'publish'), page(2, 'publish')])
    const j2 = await store.enqueue('two', [page(1, 'unpublish')])
    const ops1 = store.operations(j1)
    expect(ops1.find((o) => o.targetId === 1)?.state).toBe('superseded')
    expect(ops1.find((o) => o.targetId === 2)?.state).toBe('queued')
    expect(store.operations(j2)[0].state).toBe('queued')
    // Same target on another portal or of another kind is a different object.
    await store.enqueue('three', [page(2, 'unpublish', 'b'), { ...page(2), kind: 'site' }])
    expect(store.operations(j1).find((o) => o.targetId === 2)?.state).toBe('queued')
  })

  it('duplicates inside one request: the last one wins', async () => {
    const j = await store.enqueue('dup', [page(5, 'publish'), page(5, 'unpublish')])
    expect(store.operations(j).map((o) => [o.action, o.state])).toEqual([
      ['publish', 'superseded'],
      ['unpublish', 'queued']
    ])
  })

  it('does not supersede an operation already on the wire', async () => {
    const j1 = await store.enqueue('one', [page(1)])
    const [op] = store.peekQueued('a', t, 10)
    store.claim([op.id], T)
    const j2 = await store.enqueue('two', [page(1, 'unpublish')])
    expect(store.operations(j1)[0].state).toBe('sending')
    expect(store.operations(j2)[0].state).toBe('queued')
  })

  it('claims, completes in one commit, and finishes the job when nothing is pending', async () => {
    const j = await store.enqueue('job', [page(1), page(2), page(3)])
    const ids = store.peekQueued('a', t, 10).map((o) => o.id)
    expect(store.claim(ids, T).size).toBe(3)
    expect(store.claim(ids, T).size).toBe(0)
    t = 2_000
    store.complete(
      [
        { id: ids[0], kind: 'done' },
        {
          id: ids[1],
          kind: 'failed',
          error: { code: 'LANDING_NOT_EXIST', message: 'gone', category: 'permanent' }
        },
        { id: ids[2], kind: 'requeue', notBefore: 5_000, refundAttempt: true }
      ],
      T
    )
    expect(store.job(j)?.state).toBe('active')
    expect(store.peekQueued('a', 4_999, 10)).toHaveLength(0)
    expect(store.nextDue('a')).toBe(5_000)
    const [again] = store.peekQueued('a', 5_000, 10)
    expect(again.attempts).toBe(0)
    store.claim([again.id], T)
    store.complete([{ id: again.id, kind: 'done' }], T)
    const job = store.job(j)
    expect(job).toMatchObject({ state: 'finished', finishedAt: 2_000 })
    expect(job?.counts).toMatchObject({ done: 2, failed: 1 })
    expect(store.operations(j, ['failed'])[0].error).toEqual({
      code: 'LANDING_NOT_EXIST',
      message: 'gone',
      category: 'permanent'
    })
  })

  it('puts operations interrupted mid-send back in the queue', async () => {
    await store.enqueue('job', [page(1), page(2)])
    store.claim(
      store.peekQueued('a', t, 10).map((o) => o.id),
      T
    )
    expect(store.recoverSending()).toBe(2)
    expect(store.peekQueued('a', t, 10)).toHaveLength(2)
  })

  it('cancels only queued operations, all of a job or the ones named', async () => {
    const j = await store.enqueue('job', [page(1), page(2), page(3), page(4)])
    const ops = store.peekQueued('a', t, 10)
    store.claim([ops[0].id], T)
    expect(store.cancel(j, [ops[1].id, ops[0].id])).toBe(1)
    expect(store.cancel(j)).toBe(2)
    expect(store.job(j)?.counts).toMatchObject({ sending: 1, cancelled: 3 })
  })

  it('paused jobs are not handed to lanes', async () => {
    const j = await store.enqueue('job', [page(1)])
    store.setJobPaused(j, true)
    expect(store.peekQueued('a', t, 10)).toHaveLength(0)
    expect(store.job(j)?.state).toBe('paused')
    store.setJobPaused(j, false)
    expect(store.peekQueued('a', t, 10)).toHaveLength(1)
  })

  it('retries failed operations unless a newer intent on the target was accepted since', async () => {
    const j = await store.enqueue('job', [page(1), page(2)])
    const ids = store.peekQueued('a', t, 10).map((o) => o.id)
    store.claim(ids, T)
    const err = { code: 'X', message: 'x', category: 'permanent' }
    store.complete(
      ids.map((id) => ({ id, kind: 'failed' as const, error: err })),
      T
    )
    expect(store.job(j)?.state).toBe('finished')
    await store.enqueue('newer', [page(2, 'unpublish')])
    expect(store.retryFailed(j)).toBe(1)
    const ops = store.operations(j)
    expect(ops.map((o) => o.state)).toEqual(['queued', 'failed'])
    expect(store.job(j)?.state).toBe('active')
  })

  it('"the portal reports otherwise" is final for the job, counted, and retried like a failure', async () => {
    const j = await store.enqueue('job', [page(1), page(2)])
    const ids = store.peekQueued('a', t, 10).map((o) => o.id)
    store.claim(ids, T)
    const reports = { code: 'PORTAL_REPORTS_OTHERWISE', message: 'not published', category: 'permanent' }
    store.complete(
      [
        { id: ids[0], kind: 'done' },
        { id: ids[1], kind: 'mismatch', error: reports }
      ],
      T
    )
    expect(store.job(j)).toMatchObject({ state: 'finished', counts: { done: 1, mismatch: 1 } })
    expect(store.operations(j, ['mismatch'])[0].error).toEqual(reports)
    expect(store.retryFailed(j)).toBe(1)
    expect(store.job(j)).toMatchObject({ state: 'active', counts: { queued: 1, mismatch: 0 } })
  })

  it('completes only what the caller claimed: a runner that lost its lock changes nothing', async () => {
    const j = await store.enqueue('job', [page(1), page(2)])
    const ids = store.peekQueued('a', t, 10).map((o) => o.id)
    store.claim(ids, 'old-runner')
    // The new runner found them `sending` with nobody alive behind them, and queued them again.
    store.recoverSending()
    store.claim([ids[0]], 'new-runner')
    const late = store.complete(
      ids.map((id) => ({ id, kind: 'done' as const })),
      'old-runner'
    )
    expect(late.size).toBe(0)
    expect(store.operations(j).map((o) => o.state)).toEqual(['sending', 'queued'])
    expect(store.complete([{ id: ids[0], kind: 'done' }], 'new-runner')).toEqual(new Set([ids[0]]))
  })

  describe('a large request, recorded in chunks', () => {
    const big = (n: number, action: Intent['action'] = 'publish') =>
      Array.from({ length: n }, (_, i) => page(i + 1, action))

    it('commits chunk by chunk, and nothing of the job is sent before its last chunk', async () => {
      const chunks: Array<{ queued: number; sendable: number; finished: boolean }> = []
      let jobId = 0
      const chunked = new OutboxStore(db, () => t, {
        enqueueChunk: 1_000,
        yieldBetweenChunks: async () => {
          // Another connection sees each chunk committed: no write transaction spans the request.
          const other = openDatabase(dir)
          try {
            const row = other
              .prepare(
                "SELECT MAX(job_id) AS job, COUNT(*) AS n FROM outbox_operations WHERE state = 'queued' AND job_id = (SELECT MAX(id) FROM outbox_jobs)"
              )
              .get() as { job: number | null; n: number }
            jobId = row.job ?? jobId
            chunks.push({
              queued: row.n,
              sendable: chunked.peekQueued('a', t, 10_000).length,
              finished: chunked.job(jobId ?? 0)?.state === 'finished'
            })
          } finally {
            other.close()
          }
        }
      })
      const id = await chunked.enqueue('big', big(4_500))
      expect(chunks.map((c) => c.queued)).toEqual([0, 1_000, 2_000, 3_000, 4_000])
      expect(chunks.every((c) => c.sendable === 0 && !c.finished)).toBe(true)
      expect(chunked.job(id)).toMatchObject({ total: 4_500, state: 'active', counts: { queued: 4_500 } })
      expect(chunked.peekQueued('a', t, 10_000)).toHaveLength(4_500)
    })

    it('supersedes across chunks and older jobs as one request would', async () => {
      const older = await store.enqueue('older', [page(3), page(2_500)])
      const chunked = new OutboxStore(db, () => t, { enqueueChunk: 1_000 })
      // 1..3000 publish, then 3 and 2500 again as unpublish in a later chunk: the last word wins.
      const j = await chunked.enqueue('big', [...big(3_000), page(3, 'unpublish'), page(2_500, 'unpublish')])
      expect(store.job(older)).toMatchObject({ state: 'finished', counts: { superseded: 2 } })
      const ops = store.operations(j)
      expect(ops.filter((o) => o.state === 'queued')).toHaveLength(3_000)
      expect(
        ops.filter((o) => o.targetId === 3 || o.targetId === 2_500).map((o) => [o.action, o.state])
      ).toEqual([
        ['publish', 'superseded'],
        ['publish', 'superseded'],
        ['unpublish', 'queued'],
        ['unpublish', 'queued']
      ])
    })

    it('a recording cut short is rolled back: nothing sent, what it superseded queued again, a reason shown', async () => {
      const older = await store.enqueue('older', [page(10), page(20)])
      let n = 0
      // A process that dies after two chunks: its pid is gone, its job half-recorded.
      const dying = new OutboxStore(db, () => t, {
        enqueueChunk: 1_000,
        pid: 999_999,
        host: 'this-host',
        yieldBetweenChunks: async () => {
          if (++n === 3) throw new Error('killed')
        }
      })
      await expect(dying.enqueue('big', big(5_000, 'unpublish'))).rejects.toThrow('killed')
      // In-process failures roll back at once; a real crash leaves the job for the next runner.
      const jobs = store.jobs()
      const big1 = jobs.find((x) => x.title === 'big')
      expect(big1).toMatchObject({ state: 'finished', counts: { cancelled: 2_000, queued: 0 } })
      expect(store.job(older)).toMatchObject({ state: 'active', counts: { queued: 2, superseded: 0 } })
      const [first] = store.operations(big1!.id, ['cancelled'])
      expect(first.error).toMatchObject({ code: 'ENQUEUE_INTERRUPTED', category: 'permanent' })
      expect(first.error?.message).toMatch(/after 2000 of 5000 operations/)

      // The crash case: a half-recorded job whose process is gone.
      const crashed = new OutboxStore(db, () => t, {
        enqueueChunk: 1_000,
        pid: 4242,
        host: 'this-host',
        yieldBetweenChunks: () => new Promise(() => {})
      })
      void crashed.enqueue('crashed', big(3_000, 'unpublish'))
      await new Promise((r) => setTimeout(r, 20))
      const runner = new OutboxStore(db, () => t, { host: 'this-host', pid: 1 })
      expect(runner.peekQueued('a', t, 10_000).map((o) => o.targetId)).toEqual([10, 20])
      expect(runner.recoverInterrupted(() => true)).toBe(0)
      expect(runner.recoverInterrupted((pid) => pid !== 4242)).toBe(1)
      const c = runner.jobs().find((x) => x.title === 'crashed')
      expect(c).toMatchObject({ state: 'finished', total: 3_000 })
      expect(runner.recoverInterrupted(() => false)).toBe(0)
    })
  })

  describe('portal identity (migration 7)', () => {
    it('adds it to a database made before it: older work has none, new work records it', async () => {
      const old = mkdtempSync(join(tmpdir(), 'outbox-v6-'))
      const oldDb = openDatabase(old)
      try {
        migrate(
          oldDb,
          'outbox',
          outboxMigrations.filter((m) => m.version <= 6)
        )
        oldDb.exec(`INSERT INTO outbox_jobs (id, title, created_at, total, due_at) VALUES (1, 'before', 1, 1, 1);
          INSERT INTO outbox_operations (job_id, portal_id, kind, target_id, scope, action, state, created_at, updated_at)
          VALUES (1, 'a', 'page', 1, '', 'publish', 'queued', 1, 1);`)
        const upgraded = new OutboxStore(oldDb, () => t)
        const versions = oldDb
          .prepare("SELECT version FROM schema_migrations WHERE area = 'outbox' ORDER BY version")
          .all() as Array<{ version: number }>
        expect(versions.map((v) => v.version)).toContain(7)
        const [before] = upgraded.peekQueued('a', t, 10)
        expect(before).toMatchObject({ targetId: 1 })
        expect(before.identity).toBeUndefined()
        await upgraded.enqueue('after', [page(2), page(3, 'publish', 'b')], {
          identities: new Map([['a', 'member:abc']])
        })
        expect(upgraded.peekQueued('a', t, 10).map((o) => [o.targetId, o.identity])).toEqual([
          [1, undefined],
          [2, 'member:abc']
        ])
        expect(upgraded.peekQueued('b', t, 10)[0].identity).toBeUndefined()
      } finally {
        oldDb.close()
        rmSync(old, { recursive: true, force: true })
      }
    })
  })
})
