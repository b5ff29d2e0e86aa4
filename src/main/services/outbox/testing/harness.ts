import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Database } from '../../db/database'
import { createAppEvents, type AppEvents } from '../../events'
import type { PortalsService } from '../../portals'
import { createOutboxService, type OutboxService, type OutboxTuning } from '../index'
import type { Verify } from '../verify-types'

export interface Harness {
  dir: string
  db: Database
  events: AppEvents
  outbox: OutboxService
  logs: string[]
  close(): Promise<void>
}

/** Small backoffs and a fast poll so failure paths run in milliseconds. */
export const fastTuning: OutboxTuning = {
  retry: {
    transient: { baseMs: 5, maxMs: 40 },
    probe: { baseMs: 20, maxMs: 100 },
    maxTransientAttempts: 4,
    operatingBlockFallbackMs: 200
  },
  pollMs: 30,
  progressIntervalMs: 20
}

export const openHarness = (
  portals: PortalsService,
  tuning: OutboxTuning = fastTuning,
  dir?: string,
  opts: { verify?: Verify } = {}
): Harness => {
  const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'outbox-'))
  const db = openDatabase(dataDir)
  const events = createAppEvents()
  const logs: string[] = []
  const outbox = createOutboxService({
    db,
    dataDir,
    events,
    log: (l) => logs.push(l),
    now: Date.now,
    portals,
    tuning: { ...fastTuning, ...tuning },
    verify: opts.verify
  })
  return {
    dir: dataDir,
    db,
    events,
    outbox,
    logs,
    async close() {
      await outbox.stop()
      db.close()
      if (!dir) rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

export const waitFor = async (
  what: string,
  check: () => boolean,
  timeoutMs = 15_000,
  stepMs = 10
): Promise<void> => {
  const until = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, stepMs))
  }
}
