import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/index.ts'
import type { OutboxView } from '../../shared/domain/outbox'
import type { PortalSummary } from '../../shared/domain/portal'
import { createAppServices, type AppServices } from './compose'
import { waitFor } from './outbox/testing/harness'
import { createKeychainStore } from './portals'

const opened: AppServices[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const s of opened.splice(0).reverse()) await s.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

// One keychain entry name for the whole file: both processes of a test read the same secrets, as on one computer.
const keychain = `B24 Desk other-process test ${randomBytes(4).toString('hex')}`

const open = async (dataDir: string) => {
  const s = await createAppServices({
    dataDir,
    version: '0.0.0-test',
    openExternal: async () => {},
    secretStore: createKeychainStore(keychain)
  })
  opened.push(s)
  return s
}

describe('a second process on the same data folder', () => {
  it('shows in the window what the command line changes: a portal it imports, a job it queues and drains', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'b24desk-other-'))
    dirs.push(dataDir)
    // Opened first, the "command line" holds the runner lock; the window's process only watches.
    const cli = await open(dataDir)
    const app = await open(dataDir)
    const portalLists: PortalSummary[][] = []
    const snapshots: OutboxView[] = []
    app.events.subscribe((channel, payload) => {
      if (channel === 'portals:changed') portalLists.push(payload as PortalSummary[])
      if (channel === 'outbox:progress') snapshots.push(payload as OutboxView)
    })

    const list = {
      format: 'b24desk.portals',
      version: 1,
      portals: [
        { name: 'Elsewhere', host: 'elsewhere.bitrix24.com', authKind: 'webhook', limits: 'standard' }
      ]
    }
    const [imported] = await cli.handlers['portals:import']({ json: JSON.stringify(list) })
    await waitFor(
      'the imported portal in the window',
      () => portalLists.some((l) => l.some((p) => p.name === 'Elsewhere')),
      5_000
    )

    const shown = portalLists.at(-1)!.find((p) => p.name === 'Elsewhere')!
    expect(shown.id).toBe(imported.id)
    expect(shown.health.state).toBe('auth_failed')

    const job = await cli.handlers['outbox:enqueue']({
      intents: [{ portalId: imported.id, kind: 'page', targetId: 7, scope: '', action: 'publish' }]
    })
    await waitFor(
      'the queued job in the window',
      () => snapshots.some((s) => s.jobs.some((j) => j.id === job.id)),
      5_000
    )
    // It is the command line's lane that works on it (and stops for want of credentials), not the window's.
    await waitFor(
      'the lane state in the window',
      () => snapshots.some((s) => s.lanes.some((l) => l.portalId === imported.id && l.state === 'auth')),
      5_000
    )
  }, 20_000)

  it('reloads in the window the listings the command line fetched, and only those', async () => {
    const emu = await startEmulator({ portals: 1, seed: 'demo', realDelayFactor: 0 })
    try {
      const dataDir = mkdtempSync(join(tmpdir(), 'b24desk-other-'))
      dirs.push(dataDir)
      const app = await open(dataDir)
      const cli = await open(dataDir)
      const { id: portalId } = await cli.handlers['portals:add']({
        meta: { name: 'Shop', limits: 'standard', tags: [], color: null, notes: '' },
        credentials: { kind: 'webhook', webhookUrl: emu.portals[0].webhookUrl, caPem: emu.caCertPem }
      })
      const updates: string[] = []
      app.events.subscribe((channel, payload) => {
        if (channel === 'catalog:updated') updates.push(payload.area)
      })
      // The window's own sync is announced once, when it happens, and not again after another process writes.
      await app.handlers['catalog:sites']({ refresh: true })
      expect(updates).toEqual(['sites'])
      await cli.handlers['catalog:pages']({ refresh: true })
      await waitFor('the window told to reload pages', () => updates.includes('pages'), 5_000)
      await new Promise((r) => setTimeout(r, 1_500))
      expect(updates).toEqual(['sites', 'pages'])
      await cli.handlers['portals:remove']({ portalId })
    } finally {
      await emu.stop()
    }
  }, 30_000)
})
