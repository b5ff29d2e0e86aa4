import type { HealthState, PortalHealth } from '../../../shared/domain/portal'
import type { RestError } from '../bitrix/types'

export interface HealthMonitorDeps {
  now: () => number
  /** Last known status from the registry, so a restart shows what was seen before. */
  initial: (portalId: string) => PortalHealth | undefined
  persist: (portalId: string, health: PortalHealth) => void
  /** `stateChanged` is true when the portal's state (not only its last error) changed. */
  publish: (portalId: string, health: PortalHealth, stateChanged: boolean) => void
  probe: (portalId: string) => Promise<unknown>
  random?: () => number
}

export interface HealthMonitor {
  get(portalId: string): PortalHealth
  /**
   * `probe`: the error answered an explicit check of the portal. A check that failed never leaves
   * the portal online: a transient or per-item error there means the portal is not usable now.
   */
  report(portalId: string, error: RestError | null, opts?: { probe?: boolean }): PortalHealth
  forget(portalId: string): void
  close(): void
}

const FIRST_PROBE_MS = 5_000
const MAX_PROBE_MS = 5 * 60_000
const LIMITED_PROBE_MS = 60_000

const stateFor = (error: RestError, probe: boolean): HealthState | null => {
  switch (error.category) {
    case 'unreachable':
      return 'unreachable'
    case 'auth':
      return 'auth_failed'
    case 'limited':
      return 'limited'
    // In traffic, a permanent error is about one item: the portal answered, so it is online, and a
    // transient one says nothing certain either way, so the state stays as it was. A probe asks
    // nothing item-specific; if it fails (a proxy's HTML 502, a timeout), the portal cannot be used
    // now, which is what `unreachable` means to a person and to the outbox (wait, probe, resume).
    case 'permanent':
      return probe ? 'unreachable' : 'online'
    default:
      return probe ? 'unreachable' : null
  }
}

/**
 * Per-portal health from real traffic (the outbox, catalog reads) and probes. An unreachable portal
 * is probed again with exponential backoff and jitter; a limited one once its limit may have lifted.
 * Auth failures wait for the user: new credentials, or an explicit probe.
 */
export const createHealthMonitor = (deps: HealthMonitorDeps): HealthMonitor => {
  const states = new Map<string, PortalHealth>()
  const failures = new Map<string, number>()
  const timers = new Map<string, NodeJS.Timeout>()
  const random = deps.random ?? Math.random
  let closed = false

  const get = (id: string): PortalHealth => states.get(id) ?? deps.initial(id) ?? { state: 'unknown' }

  const schedule = (id: string, delayMs: number): number => {
    clearTimeout(timers.get(id))
    const at = deps.now() + delayMs
    if (closed) return at
    const t = setTimeout(() => {
      timers.delete(id)
      void deps.probe(id).catch(() => {})
    }, delayMs)
    // Probes must never keep a command-line process alive.
    t.unref?.()
    timers.set(id, t)
    return at
  }

  return {
    get,
    report(id, error, opts = {}) {
      const before = get(id)
      const at = deps.now()
      let next: PortalHealth
      if (!error) {
        failures.delete(id)
        clearTimeout(timers.get(id))
        timers.delete(id)
        next = {
          state: 'online',
          checkedAt: at,
          ...(before.lastError ? { lastError: before.lastError } : {})
        }
      } else {
        const state = stateFor(error, opts.probe === true) ?? before.state
        const lastError = { code: error.code, message: error.message, category: error.category, at }
        next = { state, lastError, checkedAt: at }
        if (state === 'unreachable') {
          const n = (failures.get(id) ?? 0) + 1
          failures.set(id, n)
          const base = Math.min(MAX_PROBE_MS, FIRST_PROBE_MS * 2 ** (n - 1))
          next.nextProbeAt = schedule(id, Math.round(base * (0.8 + 0.4 * random())))
        } else if (state === 'limited') {
          next.nextProbeAt = schedule(id, LIMITED_PROBE_MS)
        } else {
          failures.delete(id)
        }
      }
      states.set(id, next)
      const stateChanged = before.state !== next.state
      // A success on an online portal is the common case and changes nothing worth telling anyone.
      if (stateChanged || error) {
        deps.persist(id, next)
        deps.publish(id, next, stateChanged)
      }
      return next
    },
    forget(id) {
      clearTimeout(timers.get(id))
      timers.delete(id)
      states.delete(id)
      failures.delete(id)
    },
    close() {
      closed = true
      for (const t of timers.values()) clearTimeout(t)
      timers.clear()
    }
  }
}
