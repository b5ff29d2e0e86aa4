import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { OutboxSnapshot } from '../../shared/domain/outbox'
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

const open = async (dataDir: string) => {
  const s = await createAppServices({
    dataDir,
    version: '0.0.0-test',
    openExternal: async () => {},
    secretStore: createKeychainStore(`B24 Desk other-process test ${randomBytes(4).toString('hex')}`)
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
    const snapshots: OutboxSnapshot[] = []
    app.events.subscribe((channel, payload) => {
      if (channel === 'portals:changed') portalLists.push(payload as PortalSummary[])
      if (channel === 'outbox:progress') snapshots.push(payload as OutboxSnapshot)
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
})
