import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ControlServer } from './control.ts'
import { PortalRuntime } from './portal.ts'
import { dataOf, loadSavedPortals, savePortals } from './persist.ts'
import { makeTlsMaterial } from './tls.ts'
import type { Emulator, EmulatedPortal, EmulatorOptions, PortalOptions } from './types.ts'

/** Starts the portals (each on its own loopback port) and the control listener. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const host = opts.host ?? '127.0.0.1'
  const now = opts.now ?? Date.now
  // With `persist`, the data folder keeps the CA, each portal's port, webhook code and data across
  // restarts (persist.ts); otherwise every start is fresh.
  const persist = opts.persist === true && opts.dataDir !== undefined
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'b24-emulator-'))
  const tls = await makeTlsMaterial(dataDir, { reuse: persist })
  const saved = persist ? loadSavedPortals(dataDir) : {}
  const portalOpts: PortalOptions[] =
    typeof opts.portals === 'number' || opts.portals === undefined
      ? Array.from({ length: opts.portals ?? 1 }, () => ({}))
      : opts.portals
  const processingMs: Partial<Record<string, number>> = {}
  for (const [k, v] of Object.entries(opts.processingMs ?? {})) processingMs[k.toLowerCase()] = v

  const withControl = opts.controlListener ?? true
  const runtimes = new Map<string, PortalRuntime>()
  const control = new ControlServer(runtimes)
  try {
    for (let i = 0; i < portalOpts.length; i++) {
      const po = portalOpts[i]
      const name = po.name ?? `portal-${i + 1}`
      if (runtimes.has(name)) throw new Error(`Duplicate portal name ${name}`)
      const basePort = opts.port ?? 0
      const rt = new PortalRuntime({
        name,
        seed: po.seed ?? opts.seed ?? 'demo',
        plan: po.plan ?? opts.plan ?? 'standard',
        host,
        port: po.port ?? (basePort === 0 ? (saved[name]?.port ?? 0) : basePort + i),
        plainHttp: opts.plainHttp ?? false,
        tls,
        processingMs,
        realDelayFactor: opts.realDelayFactor ?? 1,
        now,
        rate: po.rate,
        operatingLimitSec: po.operatingLimitSec,
        tokenLifetimeSec: po.tokenLifetimeSec ?? 3600,
        utcOffsetMinutes: po.utcOffsetMinutes ?? 180,
        conditions: { ...opts.conditions, ...po.conditions },
        requestLogLimit: opts.requestLogLimit ?? 10_000,
        saved: saved[name]
      })
      runtimes.set(name, rt)
      await rt.start()
    }
    if (withControl) await control.start(host, opts.controlPort ?? 0)
  } catch (e) {
    await Promise.all([...runtimes.values()].map((r) => r.stop()))
    await control.stop().catch(() => undefined)
    throw e
  }
  const portals: EmulatedPortal[] = []
  for (const rt of runtimes.values()) {
    rt.controlUrl = withControl ? `${control.baseUrl(host)}portals/${encodeURIComponent(rt.name)}/` : ''
    rt.controlToken = withControl ? control.token : ''
    portals.push(rt.describe())
  }
  const savedState = () =>
    Object.fromEntries(
      [...runtimes.values()].map((rt) => [
        rt.name,
        { port: rt.port, webhookCode: rt.primaryHook.code, data: dataOf(rt.data) }
      ])
    )
  // Saved at once too, so a portal killed without a clean stop still comes back with its credentials.
  if (persist) savePortals(dataDir, savedState())
  let stopped = false
  return {
    caCertPath: tls.caCertPath,
    caCertPem: tls.caCertPem,
    controlBaseUrl: withControl ? control.baseUrl(host) : '',
    controlToken: withControl ? control.token : '',
    portals,
    portal(name: string) {
      const p = portals.find((x) => x.name === name)
      if (!p) throw new Error(`No emulated portal named ${name}`)
      return p
    },
    async stop() {
      if (stopped) return
      stopped = true
      await Promise.all([...runtimes.values()].map((r) => r.stop()))
      if (withControl) await control.stop()
      if (persist) savePortals(dataDir, savedState())
    }
  }
}
