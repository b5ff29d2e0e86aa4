import { afterEach, expect, it } from 'vitest'
import { EventEmitter } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PortalClient } from '../bitrix/types'
import { fakePortals } from '../outbox/testing/fake-portals'
import { openHarness, waitFor, type Harness } from '../outbox/testing/harness'
import type { UpdateEngine } from '../updates/update-service'
import { createDesktopServices } from '.'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

it('"Restart to update" never cuts a batch off: it installs once the batch in flight is answered', async () => {
  let release = () => {}
  const gate = new Promise<void>((r) => (release = r))
  const sent: number[] = []
  const client: PortalClient = {
    portalId: 'p',
    limits: 'standard',
    async call() {
      throw new Error('not used')
    },
    async batch(cmds) {
      sent.push(cmds.length)
      await gate
      return cmds.map(() => ({ ok: true as const, result: true, timing: null }))
    }
  }
  h = openHarness(fakePortals({ clientFor: async () => client }))
  const hh = h
  hh.outbox.start()
  const installs: string[] = []
  const engine = Object.assign(new EventEmitter(), {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    checkForUpdates: async () => null,
    downloadUpdate: async () => [],
    quitAndInstall: () => void installs.push('install'),
    setFeedURL: () => {}
  })
  const desktop = createDesktopServices(
    {
      dataDir: mkdtempSync(join(tmpdir(), 'b24-restart-')),
      version: '0.1.0',
      events: hh.events,
      now: Date.now,
      log: () => {},
      portalName: (id) => id,
      // As compose wires it: the runner stops taking batches and waits for those in flight.
      outbox: {
        view: () => hh.outbox.view(),
        pauseLane: async () => {},
        stop: () => hh.outbox.stop(120_000)
      },
      snapshots: async () => []
    },
    { updateEngine: engine as unknown as UpdateEngine }
  )
  const job = await hh.outbox.handlers['outbox:enqueue']({
    intents: [1, 2, 3].map((targetId) => ({
      portalId: 'p',
      kind: 'page' as const,
      targetId,
      scope: '' as const,
      action: 'publish' as const
    }))
  })
  await waitFor('a batch on the wire', () => sent.length === 1)
  engine.emit('update-downloaded', { version: '0.2.0', files: [], path: '', sha512: '', releaseDate: '' })
  expect(desktop.updates.state().status).toBe('ready')

  const restarting = desktop.handlers['updates:restart'](undefined)
  await waitFor('waiting', () => desktop.updates.state().status === 'waiting')
  await new Promise((r) => setTimeout(r, 50))
  expect(installs).toEqual([])

  release()
  await restarting
  expect(installs).toEqual(['install'])
  // The batch's answer was recorded before the app went away; nothing new went on the wire and
  // nothing is left half-sent: what was not sent waits in the queue for the next start.
  const ops = await hh.outbox.handlers['outbox:operations']({ jobId: job.id })
  const states = ops.map((o) => o.state)
  expect(sent).toHaveLength(1)
  expect(states.filter((s) => s === 'done')).toHaveLength(sent[0])
  expect(states.filter((s) => s === 'queued')).toHaveLength(3 - sent[0])
  expect(states).not.toContain('sending')
  desktop.close()
})
