/** The fixture of the portals service tests: one emulated portal, the real OS keychain, a fresh database per test. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { startEmulator, type Emulator, type EmulatedPortal } from '../../../../emulator/index.ts'
import { createAppEvents } from '../../events'
import { openDatabase, type Database } from '../../db/database'
import type { CredentialsInput, PortalMeta } from '../../../../shared/domain/portal'
import { createOutboxService, type OutboxService } from '../../outbox'
import { fastTuning } from '../../outbox/testing/harness'
import type { Intent } from '../../../../shared/domain/outbox'
import { createKeychainStore, createPortalsService, type PortalsApi, type SecretStore } from '../index'

/** Every file under a folder, read as bytes (latin1 keeps any byte sequence searchable). */
export const allFileContents = (dir: string): string[] => {
  const out: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else out.push(readFileSync(p).toString('latin1'))
    }
  }
  walk(dir)
  return out
}

/** The error a call fails with; fails the test if the call succeeds. */
export const failure = async (p: unknown): Promise<{ code: string; category: string; message: string }> =>
  Promise.resolve(p).then(
    () => {
      throw new Error('expected the call to fail')
    },
    (e: unknown) => e as { code: string; category: string; message: string }
  )

export const meta = (name: string, extra: Partial<PortalMeta> = {}): PortalMeta => ({
  name,
  limits: 'standard',
  tags: [],
  color: null,
  notes: '',
  ...extra
})

// The fixture's current values (live bindings: a test reads the ones its hooks set).
export let emu: Emulator
export let portal: EmulatedPortal
export let dataDir: string
export let db: Database
export let service: PortalsApi
export let keychain: SecretStore
/** The keychain accounts written to since the test began. */
export let writes: string[]
export let events: ReturnType<typeof createAppEvents>
let outbox: OutboxService | undefined
/** What the service logged, and what would cross to the renderer (events and answers), over the whole file. */
export const logLines: string[] = []
export const payloads: string[] = []

/** Registers the hooks: call once, inside the test file's describe. */
export const usePortalsFixture = (): void => {
  const keychainService = `B24 Desk test ${randomBytes(4).toString('hex')}`

  beforeAll(async () => {
    // One portal serves every test of the file; its rate limit is not what they are about.
    emu = await startEmulator({
      portals: [{ rate: { burst: 10_000, drainPerSecond: 1_000 } }],
      seed: 'demo',
      realDelayFactor: 0
    })
    portal = emu.portals[0]
  })
  afterAll(async () => {
    await emu?.stop()
  })

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'b24desk-portals-'))
    db = openDatabase(dataDir)
    events = createAppEvents()
    events.subscribe((channel, payload) => payloads.push(`${channel} ${JSON.stringify(payload)}`))
    const real = createKeychainStore(keychainService)
    writes = []
    keychain = {
      get: (a) => real.get(a),
      set: (a, s) => {
        writes.push(a)
        return real.set(a, s)
      },
      delete: (a) => real.delete(a)
    }
    service = await createPortalsService({
      db,
      dataDir,
      events,
      log: (l) => logLines.push(l),
      now: Date.now,
      secretStore: keychain
    })
  })
  afterEach(async () => {
    await outbox?.stop()
    outbox = undefined
    portal.control.setConditions({ revokedWebhook: false })
    await service.close()
    db.close()
    rmSync(dataDir, { recursive: true, force: true })
  })
}

/** Calls a handler as the IPC router would and keeps what would cross to the renderer. */
export const ipc = async <T>(p: Promise<T> | T): Promise<T> => {
  const v = await p
  payloads.push(JSON.stringify(v) ?? '')
  return v
}

/** The app's outbox over this PortalsService, draining with short backoffs. */
export const startOutbox = (): OutboxService => {
  outbox = createOutboxService({
    db,
    dataDir,
    events,
    log: (l) => logLines.push(l),
    now: Date.now,
    portals: service,
    tuning: fastTuning
  })
  outbox.start()
  return outbox
}

export const pages = (portalId: string, ids: number[], action: Intent['action'] = 'publish'): Intent[] =>
  ids.map((targetId) => ({ portalId, kind: 'page', targetId, scope: '', action }))

export const webhookPortal = (name: string, webhookUrl = portal.webhookUrl) =>
  service.handlers['portals:add']({
    meta: meta(name),
    credentials: { kind: 'webhook', webhookUrl, caPem: emu.caCertPem }
  })

export const oauthCredentials = (
  extra: Partial<Extract<CredentialsInput, { kind: 'oauth' }>> = {}
): CredentialsInput => ({
  kind: 'oauth',
  portalUrl: portal.baseUrl,
  clientId: portal.oauth.clientId,
  clientSecret: portal.oauth.clientSecret,
  accessToken: portal.oauth.accessToken,
  refreshToken: portal.oauth.refreshToken,
  oauthServer: portal.oauth.serverEndpoint,
  caPem: emu.caCertPem,
  ...extra
})
