import { join } from 'node:path'
import type { Emulator } from '../../../emulator/index.ts'

export const DEMO_PORTAL_NAME = 'Demo portal'

export interface DemoEndpoint {
  webhookUrl: string
  caPem: string
  host: string
}

export interface DemoPortalRunner {
  /** Starts the emulated portal once per process; later calls get the same endpoint. */
  ensure(): Promise<DemoEndpoint>
  running(): boolean
  stop(): Promise<void>
}

/**
 * The emulated portal inside this process, seeded with the demo data. Its port and webhook code
 * change on every start, so the caller updates the stored host and secret each time.
 */
export const createDemoPortalRunner = (dataDir: string): DemoPortalRunner => {
  let started: Promise<{ emulator: Emulator; endpoint: DemoEndpoint }> | null = null
  return {
    ensure() {
      started ??= (async () => {
        // Loaded on demand: most runs never need the emulator.
        const { startEmulator } = await import('../../../emulator/index.ts')
        // No control listener: the app never steers its demo portal, and an open loopback port would let others.
        const emulator = await startEmulator({
          portals: 1,
          seed: 'demo',
          dataDir: join(dataDir, 'demo-portal'),
          controlListener: false
        })
        const p = emulator.portals[0]
        return {
          emulator,
          endpoint: { webhookUrl: p.webhookUrl, caPem: emulator.caCertPem, host: new URL(p.baseUrl).host }
        }
      })()
      started.catch(() => {
        started = null
      })
      return started.then((s) => s.endpoint)
    },
    running: () => started !== null,
    async stop() {
      const s = started
      started = null
      if (s) await (await s.catch(() => null))?.emulator.stop()
    }
  }
}
