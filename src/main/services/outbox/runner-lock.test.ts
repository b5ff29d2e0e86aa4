import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../db/database'
import { OutboxStore } from './store'
import { RunnerLock } from './runner-lock'

describe('RunnerLock', () => {
  let dir: string
  let db: Database
  let t = 0
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-lock-'))
    db = openDatabase(dir)
    new OutboxStore(db, () => t)
  })
  afterEach(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const lock = (pid: number, alive: Set<number>, host = 'h') =>
    new RunnerLock(db, { now: () => t, staleMs: 10_000, pid, host, isAlive: (p) => alive.has(p) })

  it('one holder at a time; released locks can be taken', () => {
    const alive = new Set([1, 2])
    const a = lock(1, alive)
    const b = lock(2, alive)
    expect(a.tryAcquire()).toBe(true)
    expect(b.tryAcquire()).toBe(false)
    expect(b.holder()).toMatchObject({ pid: 1 })
    a.release()
    expect(b.tryAcquire()).toBe(true)
  })

  it('a crashed holder on this machine frees the lock at once', () => {
    const alive = new Set([1, 2])
    expect(lock(1, alive).tryAcquire()).toBe(true)
    alive.delete(1)
    expect(lock(2, alive).tryAcquire()).toBe(true)
  })

  it('a holder that stops its heartbeat is stale after the timeout, and learns it lost the lock', () => {
    const alive = new Set([1, 2])
    const a = lock(1, alive, 'other-host')
    expect(a.tryAcquire()).toBe(true)
    const b = lock(2, alive)
    t = 9_000
    expect(b.tryAcquire()).toBe(false)
    t = 20_000
    expect(b.tryAcquire()).toBe(true)
    expect(a.heartbeat()).toBe(false)
    expect(b.heartbeat()).toBe(true)
  })

  it('does not take over from a living runner on this machine whose heartbeat paused', () => {
    const alive = new Set([1, 2])
    const a = lock(1, alive)
    expect(a.tryAcquire()).toBe(true)
    const b = lock(2, alive)
    // An hour without a heartbeat: a sleeping laptop, a dialog that blocked the main thread.
    t = 3_600_000
    expect(b.tryAcquire()).toBe(false)
    expect(b.holder()).toMatchObject({ pid: 1 })
    expect(a.heartbeat()).toBe(true)
    expect(a.stillHeld()).toBe(true)
    // Once that process is gone, the lock is free at once.
    alive.delete(1)
    expect(b.tryAcquire()).toBe(true)
    expect(a.heartbeat()).toBe(false)
  })
})
