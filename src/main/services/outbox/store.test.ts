import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../db/database'
import type { Intent } from '../../../shared/domain/outbox'
import { OutboxStore } from './store'

const page = (targetId: number, action: Intent['action'] = 'publish', portalId = 'a'): Intent => ({
  portalId,
  kind: 'page',
  targetId,
  scope: '',
  action
})

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

  it('keeps a job with its operations queued, counted per job and per lane', () => {
    const jobId = store.enqueue('first', [page(1), page(2), page(3, 'publish', 'b')])
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

  it('a newer intent on the same target supersedes the older queued one, which stays in history', () => {
    const j1 = store.enqueue('one', [page(1, 'publish'), page(2, 'publish')])
    const j2 = store.enqueue('two', [page(1, 'unpublish')])
    const ops1 = store.operations(j1)
    expect(ops1.find((o) => o.targetId === 1)?.state).toBe('superseded')
    expect(ops1.find((o) => o.targetId === 2)?.state).toBe('queued')
    expect(store.operations(j2)[0].state).toBe('queued')
    // Same target on another portal or of another kind is a different object.
    store.enqueue('three', [page(2, 'unpublish', 'b'), { ...page(2), kind: 'site' }])
    expect(store.operations(j1).find((o) => o.targetId === 2)?.state).toBe('queued')
  })

  it('duplicates inside one request: the last one wins', () => {
    const j = store.enqueue('dup', [page(5, 'publish'), page(5, 'unpublish')])
    expect(store.operations(j).map((o) => [o.action, o.state])).toEqual([
      ['publish', 'superseded'],
      ['unpublish', 'queued']
    ])
  })

  it('does not supersede an operation already on the wire', () => {
    const j1 = store.enqueue('one', [page(1)])
    const [op] = store.peekQueued('a', t, 10)
    store.claim([op.id])
    const j2 = store.enqueue('two', [page(1, 'unpublish')])
    expect(store.operations(j1)[0].state).toBe('sending')
    expect(store.operations(j2)[0].state).toBe('queued')
  })

  it('claims, completes in one commit, and finishes the job when nothing is pending', () => {
    const j = store.enqueue('job', [page(1), page(2), page(3)])
    const ids = store.peekQueued('a', t, 10).map((o) => o.id)
    expect(store.claim(ids).size).toBe(3)
    expect(store.claim(ids).size).toBe(0)
    t = 2_000
    store.complete([
      { id: ids[0], kind: 'done' },
      {
        id: ids[1],
        kind: 'failed',
        error: { code: 'LANDING_NOT_EXIST', message: 'gone', category: 'permanent' }
      },
      { id: ids[2], kind: 'requeue', notBefore: 5_000, refundAttempt: true }
    ])
    expect(store.job(j)?.state).toBe('active')
    expect(store.peekQueued('a', 4_999, 10)).toHaveLength(0)
    expect(store.nextDue('a')).toBe(5_000)
    const [again] = store.peekQueued('a', 5_000, 10)
    expect(again.attempts).toBe(0)
    store.claim([again.id])
    store.complete([{ id: again.id, kind: 'done' }])
    const job = store.job(j)
    expect(job).toMatchObject({ state: 'finished', finishedAt: 2_000 })
    expect(job?.counts).toMatchObject({ done: 2, failed: 1 })
    expect(store.operations(j, ['failed'])[0].error).toEqual({
      code: 'LANDING_NOT_EXIST',
      message: 'gone',
      category: 'permanent'
    })
  })

  it('puts operations interrupted mid-send back in the queue', () => {
    store.enqueue('job', [page(1), page(2)])
    store.claim(store.peekQueued('a', t, 10).map((o) => o.id))
    expect(store.recoverSending()).toBe(2)
    expect(store.peekQueued('a', t, 10)).toHaveLength(2)
  })

  it('cancels only queued operations, all of a job or the ones named', () => {
    const j = store.enqueue('job', [page(1), page(2), page(3), page(4)])
    const ops = store.peekQueued('a', t, 10)
    store.claim([ops[0].id])
    expect(store.cancel(j, [ops[1].id, ops[0].id])).toBe(1)
    expect(store.cancel(j)).toBe(2)
    expect(store.job(j)?.counts).toMatchObject({ sending: 1, cancelled: 3 })
  })

  it('paused jobs are not handed to lanes', () => {
    const j = store.enqueue('job', [page(1)])
    store.setJobPaused(j, true)
    expect(store.peekQueued('a', t, 10)).toHaveLength(0)
    expect(store.job(j)?.state).toBe('paused')
    store.setJobPaused(j, false)
    expect(store.peekQueued('a', t, 10)).toHaveLength(1)
  })

  it('retries failed operations unless a newer intent on the target was accepted since', () => {
    const j = store.enqueue('job', [page(1), page(2)])
    const ids = store.peekQueued('a', t, 10).map((o) => o.id)
    store.claim(ids)
    const err = { code: 'X', message: 'x', category: 'permanent' }
    store.complete(ids.map((id) => ({ id, kind: 'failed' as const, error: err })))
    expect(store.job(j)?.state).toBe('finished')
    store.enqueue('newer', [page(2, 'unpublish')])
    expect(store.retryFailed(j)).toBe(1)
    const ops = store.operations(j)
    expect(ops.map((o) => o.state)).toEqual(['queued', 'failed'])
    expect(store.job(j)?.state).toBe('active')
  })
})
