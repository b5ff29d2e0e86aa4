import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../../emulator/index.ts'
import { openDatabase } from '../db/database'
import { createAppEvents } from '../events'
import { createOutboxService, type OutboxService } from './index'
import { fakePortals } from './testing/fake-portals'
import { bundleForNode } from './testing/bundle'
import { waitFor } from './testing/harness'

const count = (db: ReturnType<typeof openDatabase>, state: string): number =>
  (db.prepare('SELECT COUNT(*) AS n FROM outbox_operations WHERE state = ?').get(state) as { n: number }).n

describe('crash safety', () => {
  let emu: Emulator
  let work: string
  let child: string
  const root = resolve(__dirname, '../../../..')
  const childLog: string[] = []

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'outbox-crash-'))
    child = await bundleForNode(resolve(__dirname, 'testing/runner-child.ts'), join(work, 'bundle'))
    emu = await startEmulator({
      portals: 2,
      seed: 'large',
      realDelayFactor: 1,
      processingMs: { 'landing.landing.publication': 3 }
    })
  }, 60_000)
  afterAll(async () => {
    await emu.stop()
    rmSync(work, { recursive: true, force: true })
  })

  const runChild = (dataDir: string): { proc: ChildProcess; exited: Promise<number | null> } => {
    const proc = spawn(process.execPath, [child], {
      cwd: root,
      env: {
        ...process.env,
        // The bundle lives in a temporary folder; its dependencies stay in the project's node_modules.
        NODE_PATH: join(root, 'node_modules'),
        OUTBOX_DATA_DIR: dataDir,
        OUTBOX_CA: emu.caCertPath,
        OUTBOX_PORTALS: JSON.stringify(emu.portals.map((p) => ({ name: p.name, webhookUrl: p.webhookUrl })))
      },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)))
    proc.stderr?.on('data', (d: Buffer) => childLog.push(d.toString()))
    return { proc, exited }
  }

  it('kill -9 of the runner mid-batch, then a restart: nothing lost, nothing done twice', async () => {
    const dataDir = join(work, 'data')
    mkdirSync(dataDir, { recursive: true })
    const db = openDatabase(dataDir)
    // This process only enqueues: it never starts, so the child is the runner.
    const outbox: OutboxService = createOutboxService({
      db,
      dataDir,
      events: createAppEvents(),
      log: () => {},
      now: Date.now,
      portals: fakePortals({
        clientFor: async () => {
          throw new Error('not the runner')
        }
      })
    })
    const ids = Array.from({ length: 500 }, (_, i) => i + 1)
    const job = await outbox.handlers['outbox:enqueue']({
      intents: emu.portals.flatMap((p) =>
        ids.map((id) => ({
          portalId: p.name,
          kind: 'page' as const,
          targetId: id,
          scope: '' as const,
          action: 'publish' as const
        }))
      )
    })

    const first = runChild(dataDir)
    await waitFor('mid-batch', () => count(db, 'done') >= 150 && count(db, 'sending') > 0, 30_000, 2).catch(
      (e: Error) => {
        throw new Error(`${e.message}; child said: ${childLog.join('').slice(-2000)}`)
      }
    )
    first.proc.kill('SIGKILL')
    expect(await first.exited).toBeNull()
    expect(count(db, 'sending')).toBeGreaterThan(0)
    // What was on the wire at the crash, per portal: the only operations that may be sent twice.
    const onTheWire = new Map(
      (
        db
          .prepare(
            "SELECT portal_id, COUNT(*) AS n FROM outbox_operations WHERE state = 'sending' GROUP BY portal_id"
          )
          .all() as Array<{ portal_id: string; n: number }>
      ).map((r) => [r.portal_id, r.n])
    )
    const doneAtCrash = count(db, 'done')
    expect(doneAtCrash).toBeLessThan(1000)

    const second = runChild(dataDir)
    expect(await second.exited).toBe(0)

    const summary = outbox.view().jobs.find((j) => j.id === job.id)
    expect(summary).toMatchObject({ state: 'finished', total: 1000 })
    expect(summary?.counts).toMatchObject({ done: 1000, queued: 0, sending: 0, failed: 0 })
    // One row per operation, each done exactly once.
    const rows = db
      .prepare(
        'SELECT target_id, portal_id, COUNT(*) AS n FROM outbox_operations GROUP BY portal_id, target_id HAVING n > 1'
      )
      .all()
    expect(rows).toHaveLength(0)
    for (const p of emu.portals) {
      const active = new Set(
        p.control
          .state()
          .pages.filter((x) => x.active)
          .map((x) => x.id)
      )
      expect(ids.every((id) => active.has(id))).toBe(true)
      // Replays are limited to what was on the wire at the crash (several batches per lane now).
      const sent = p.control
        .requestLog()
        .entries.filter((e) => e.method === 'landing.landing.publication').length
      expect(sent).toBeGreaterThanOrEqual(500)
      expect(sent).toBeLessThanOrEqual(500 + (onTheWire.get(p.name) ?? 0))
    }
    await outbox.stop()
    db.close()
  }, 60_000)
})
