import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Emulator } from '../../../../emulator/index.ts'
import { createCatalogService } from '../../catalog'
import { openDatabase, type Database } from '../../db/database'
import { createAppEvents, type AppEvents } from '../../events'
import { createOutboxService, type OutboxService } from '../../outbox'
import { verifierFor } from '../../outbox/readback'
import { emulatorPortals } from '../../outbox/testing/emulator-portals'
import { fastTuning } from '../../outbox/testing/harness'
import { createSnapshotsService, type SnapshotsService } from '../service'

export interface SnapshotHarness {
  db: Database
  events: AppEvents
  outbox: OutboxService
  snapshots: SnapshotsService
  logs: string[]
  close(): Promise<void>
}

/**
 * The outbox (with the read-back verifier), the catalog and the snapshot service over one database,
 * against the emulated portals (portal id = emulated portal name), wired as compose.ts wires them.
 * `now` lets a test move the app's clock (a runner that starts after a job's time).
 */
export const openSnapshotHarness = (
  emu: Emulator,
  now: () => number = Date.now,
  timeoutMs?: number
): SnapshotHarness => {
  const dir = mkdtempSync(join(tmpdir(), 'snapshots-'))
  const db = openDatabase(dir)
  const events = createAppEvents()
  const logs: string[] = []
  const log = (l: string) => logs.push(l)
  const portals = emulatorPortals(emu, { limits: 'enterprise', timeoutMs })
  const names = () => emu.portals.map((p) => p.name)
  const outbox = createOutboxService({
    db,
    dataDir: dir,
    events,
    log,
    now,
    portals,
    tuning: fastTuning,
    verify: verifierFor(db, events, now, log)
  })
  const catalog = createCatalogService({
    db,
    events,
    now,
    portals: {
      ids: names,
      has: (id) => names().includes(id),
      clientFor: (id) => portals.clientFor(id),
      markSynced: () => {}
    }
  })
  const snapshots = createSnapshotsService({
    db,
    events,
    now,
    log,
    catalog,
    portals: {
      has: (id) => names().includes(id),
      name: (id) => id,
      clientFor: (id) => portals.clientFor(id)
    },
    outbox: {
      enqueueJob: (spec) => outbox.enqueueJob(spec),
      job: (id) => outbox.job(id),
      cancelJob: async (id) => {
        await outbox.cancelJob(id)
      },
      setRestoreResult: (id, matches, differences) => outbox.setRestoreResult(id, matches, differences),
      isRunner: () => outbox.isRunner(),
      changed: () => outbox.changedElsewhere()
    },
    recheckMs: 50
  })
  return {
    db,
    events,
    outbox,
    snapshots,
    logs,
    async close() {
      await snapshots.close()
      await outbox.stop()
      portals.closeClients()
      db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
