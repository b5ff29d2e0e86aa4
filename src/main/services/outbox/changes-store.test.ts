import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../db/database'
import { createJobChangesStore, type JobChangesStore, type ObservedChange } from './changes-store'
import { OutboxStore } from './store'

describe('job changes store', () => {
  let dir: string
  let db: Database
  let changes: JobChangesStore
  let outbox: OutboxStore

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'job-changes-'))
    db = openDatabase(dir)
    // Opened before the outbox store: it must bring the schema up by itself.
    changes = createJobChangesStore(db)
    outbox = new OutboxStore(db, Date.now)
  })
  afterEach(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const change = (jobId: number, id: number, before: boolean, after: boolean): ObservedChange => ({
    jobId,
    portalId: 'p1',
    kind: 'page',
    id,
    title: `Page ${id}`,
    scope: '',
    before,
    after
  })

  it('keeps the net change per job and object, and forgets one that went back', async () => {
    const job = await outbox.enqueue('site', [
      { portalId: 'p1', kind: 'site', targetId: 1, scope: '', action: 'publish' }
    ])
    changes.record([change(job, 10, false, true), change(job, 11, false, true)], 1000)
    changes.record([change(job, 10, true, false)], 2000)
    changes.record([change(job, 11, true, true)], 3000)
    expect(changes.forJob(job)).toEqual([
      {
        portalId: 'p1',
        kind: 'page',
        id: 11,
        title: 'Page 11',
        scope: '',
        before: false,
        after: true,
        at: 3000
      }
    ])
    expect(() => changes.forJob(job + 1)).toThrow(expect.objectContaining({ code: 'OUTBOX_JOB_NOT_FOUND' }))
  })

  it('tells the job’s own targets from objects beyond its selection', async () => {
    const job = await outbox.enqueue('pages', [
      { portalId: 'p1', kind: 'page', targetId: 5, scope: '', action: 'publish' },
      { portalId: 'p1', kind: 'page', targetId: 6, scope: '', action: 'publish' }
    ])
    expect(changes.isTarget(job, 'p1', 'page', 5)).toBe(true)
    expect(changes.isTarget(job, 'p1', 'site', 5)).toBe(false)
    expect(changes.isTarget(job, 'p2', 'page', 5)).toBe(false)
    expect(changes.isTarget(job, 'p1', 'page', 7)).toBe(false)
  })
})
