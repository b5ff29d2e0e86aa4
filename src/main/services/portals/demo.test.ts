import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { startEmulator } from '../../../emulator/index.ts'
import { createAppEvents } from '../events'
import { openDatabase } from '../db/database'
import { createCatalogService } from '../catalog'
import { createKeychainStore, createPortalsService } from './index'

// The real emulator, watched: the demo must start it without the HTTP control listener.
vi.mock('../../../emulator/index.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../emulator/index.ts')>()
  return { ...real, startEmulator: vi.fn(real.startEmulator) }
})

const dataDir = mkdtempSync(join(tmpdir(), 'b24desk-demo-'))
const secretStore = createKeychainStore(`B24 Desk demo test ${randomBytes(4).toString('hex')}`)

const open = async () => {
  const db = openDatabase(dataDir)
  const events = createAppEvents()
  const service = await createPortalsService({
    db,
    dataDir,
    events,
    log: () => {},
    now: Date.now,
    secretStore
  })
  return {
    service,
    // Listings come through the portals service's clients, as compose.ts wires the catalog.
    catalog: createCatalogService({ db, events, now: Date.now, portals: service }),
    async close() {
      await service.close()
      db.close()
    }
  }
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('demo portal', () => {
  it('starts the emulated portal, adds it once, and brings it back after a restart', async () => {
    const first = await open()
    const demo = await first.service.handlers['demo:open'](undefined)
    expect(demo.name).toBe('Demo portal')
    expect(demo.demo).toBe(true)
    // The app never steers its demo portal over HTTP, so no open loopback control port either.
    expect(vi.mocked(startEmulator).mock.calls.map(([opts]) => opts?.controlListener)).toEqual([false])
    const sites = await first.catalog.sites({ refresh: true })
    expect(sites.rows.length).toBeGreaterThan(0)
    expect(sites.stale).toEqual({})
    // Opening the demo again reuses the portal.
    expect((await first.service.handlers['demo:open'](undefined)).id).toBe(demo.id)
    expect(first.service.list()).toHaveLength(1)
    await first.close()

    // A new process: the emulator listens on a new port with a new webhook code.
    const second = await open()
    expect(second.service.list().map((p) => p.id)).toEqual([demo.id])
    const health = await second.service.probe(demo.id)
    expect(health.state).toBe('online')
    const again = await second.catalog.pages({ refresh: true })
    expect(again.stale).toEqual({})
    expect(again.rows.length).toBeGreaterThan(0)
    await second.service.handlers['portals:remove']({ portalId: demo.id })
    expect(await secretStore.get(demo.id)).toBeNull()
    await second.close()
  })
})
