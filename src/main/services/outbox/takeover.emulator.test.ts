import { mkdtempSync, rmSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator, type EmulatedPortal } from '../../../emulator/index.ts'
import { rawRequest } from '../../../emulator/testing/client'
import { createAppServices, type AppServices } from '../compose'
import { createKeychainStore } from '../portals'
import { waitFor } from './testing/harness'

/**
 * A runner died while a batch was on the wire: the portal did one of its two operations. The next
 * runner on this machine takes over and must read both back before it sends anything again.
 */
describe('taking over operations another runner left sending', () => {
  let emu: Emulator
  let portal: EmulatedPortal
  let dataDir: string
  let services: AppServices | undefined
  const secretStore = createKeychainStore(`B24 Desk takeover test ${randomBytes(4).toString('hex')}`)

  beforeAll(async () => {
    emu = await startEmulator({ portals: 1, seed: 'demo', realDelayFactor: 0 })
    portal = emu.portals[0]
    dataDir = mkdtempSync(join(tmpdir(), 'b24desk-takeover-'))
  })
  afterAll(async () => {
    for (const p of services?.handlers ? await services.handlers['portals:list'](undefined) : [])
      await services?.handlers['portals:remove']({ portalId: p.id })
    await services?.close()
    await emu.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const open = (runOutbox: boolean) =>
    createAppServices({
      dataDir,
      version: '0.0.0-test',
      openExternal: async () => {},
      secretStore,
      runOutbox,
      watchOtherProcesses: false
    })

  it('reads a taken-over sending operation back before sending it again, and sends only what the portal lacks', async () => {
    // The first process: queues the job, then "dies" with both operations on the wire.
    const first = await open(false)
    const { id: portalId } = await first.handlers['portals:add']({
      meta: { name: 'Takeover', limits: 'standard', tags: [], color: null, notes: '' },
      credentials: { kind: 'webhook', webhookUrl: portal.webhookUrl, caPem: emu.caCertPem }
    })
    const job = await first.handlers['outbox:enqueue']({
      intents: [6, 14].map((targetId) => ({
        portalId,
        kind: 'page' as const,
        targetId,
        scope: '' as const,
        action: 'publish' as const
      }))
    })
    const pagesActive = () =>
      portal.control
        .state()
        .pages.filter((p) => [6, 14].includes(p.id))
        .map((p) => [p.id, p.active])
    expect(pagesActive()).toEqual([
      [6, false],
      [14, false]
    ])
    // What the dead runner's batch did before it died: page 6 reached the portal, page 14 did not.
    const answer = await rawRequest(`${portal.webhookUrl}landing.landing.publication`, {
      json: { lid: 6 },
      ca: emu.caCertPem
    })
    expect(answer.json().result).toBe(true)
    first.db
      .prepare(
        "UPDATE outbox_operations SET state = 'sending', attempts = 1, claimed_by = 'dead-runner' WHERE job_id = ?"
      )
      .run(job.id)
    // Its lock: a process of this machine that is gone (no such pid).
    first.db
      .prepare(
        "INSERT INTO outbox_runner (id, pid, host, token, started_at, heartbeat_at) VALUES (1, 2147483646, ?, 'dead-runner', ?, ?)"
      )
      .run(hostname(), Date.now(), Date.now())
    await first.close()

    const mark = portal.control.requestLog().entries.length
    services = await open(true)
    await waitFor(
      'job finished',
      () =>
        services?.db
          .prepare('SELECT COUNT(*) AS n FROM outbox_operations WHERE job_id = ? AND state = ?')
          .get(job.id, 'done')?.n === 2
    )
    const after = portal.control
      .requestLog()
      .entries.slice(mark)
      .map((e) => e.method.toLowerCase())
    const firstRead = after.indexOf('landing.landing.getlist')
    const firstSend = after.indexOf('landing.landing.publication')
    // Read back before anything went again, and only the page the portal lacked was sent.
    expect(firstRead).toBeGreaterThanOrEqual(0)
    expect(firstSend).toBeGreaterThan(firstRead)
    expect(after.filter((m) => m === 'landing.landing.publication')).toHaveLength(1)
    expect(pagesActive()).toEqual([
      [6, true],
      [14, true]
    ])
  })
})
