/**
 * A runner in its own process, for crash tests: drains the outbox of OUTBOX_DATA_DIR against the
 * portals in OUTBOX_PORTALS (JSON [{name, webhookUrl}], trusting the PEM in OUTBOX_CA) and exits 0
 * when nothing is pending. The parent kills it with SIGKILL whenever it likes.
 */
import { readFileSync } from 'node:fs'
import { openDatabase } from '../../db/database'
import { createAppEvents } from '../../events'
import { createPortalClient, type PortalClientHandle } from '../../bitrix/client'
import { createOutboxService } from '../index'
import { fakePortals } from './fake-portals'

const dir = process.env.OUTBOX_DATA_DIR ?? ''
const targets = JSON.parse(process.env.OUTBOX_PORTALS ?? '[]') as Array<{ name: string; webhookUrl: string }>
const caPem = readFileSync(process.env.OUTBOX_CA ?? '', 'utf8')
const clients = new Map<string, PortalClientHandle>()

const portals = fakePortals({
  clientFor: async (name) => {
    let c = clients.get(name)
    if (!c) {
      const t = targets.find((x) => x.name === name)
      if (!t) throw new Error(`unknown portal ${name}`)
      c = createPortalClient({
        portalId: name,
        limits: 'standard',
        credentials: { kind: 'webhook', webhookUrl: t.webhookUrl },
        caPem,
        maxRetries: 1
      })
      clients.set(name, c)
    }
    return c
  }
})
const db = openDatabase(dir)
const outbox = createOutboxService({
  db,
  dataDir: dir,
  events: createAppEvents(),
  log: (l) => process.stderr.write(`${l}\n`),
  now: Date.now,
  portals,
  tuning: { pollMs: 30, retry: { transient: { baseMs: 5, maxMs: 40 }, probe: { baseMs: 20, maxMs: 100 } } }
})
outbox.start()
process.stdout.write('started\n')
const timer = setInterval(() => {
  if (outbox.isRunner() && !outbox.hasPendingWork()) {
    clearInterval(timer)
    void outbox.stop().then(() => {
      for (const c of clients.values()) c.close()
      db.close()
      process.exit(0)
    })
  }
}, 30)
