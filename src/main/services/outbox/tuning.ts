import type { PortalClient } from '../bitrix/types'
import type { Clock } from './clock'
import type { ProbeResult } from './lane'
import type { BudgetOptions, PortalLimits } from './pacer'
import type { WindowSettings } from './concurrency'
import { defaultWindowSettings } from './concurrency'
import { defaultBudgetOptions, limitsForPreset } from './pacer'
import type { RetrySettings } from './retry-policy'
import { defaultRetrySettings } from './retry-policy'

/** Everything about the outbox's timing that tests and benchmarks replace. */
export interface OutboxTuning {
  clock?: Clock
  /** Pacing limits per portal; by default from the portal's plan preset. */
  limitsFor?: (portalId: string, preset: PortalClient['limits']) => PortalLimits
  retry?: Partial<RetrySettings>
  budget?: Partial<BudgetOptions>
  /** How the number of requests in flight adapts (concurrency.ts). */
  window?: Partial<WindowSettings>
  /** Reachability check of a paused lane; by default PortalsService.probe. */
  probe?: (portalId: string) => Promise<ProbeResult>
  maxBatch?: number
  minBudgetBatch?: number
  /** How often the runner looks for work other processes queued, and refreshes its lock (real ms). */
  pollMs?: number
  lockStaleMs?: number
  progressIntervalMs?: number
  random?: () => number
}

export interface ResolvedTuning {
  clock?: Clock
  limitsFor: (portalId: string, preset: PortalClient['limits']) => PortalLimits
  retry: RetrySettings
  budget: BudgetOptions
  window: WindowSettings
  probe?: (portalId: string) => Promise<ProbeResult>
  maxBatch: number
  minBudgetBatch: number
  pollMs: number
  lockStaleMs: number
  progressIntervalMs: number
  random: () => number
}

export const resolveTuning = (t: OutboxTuning = {}): ResolvedTuning => ({
  clock: t.clock,
  limitsFor: t.limitsFor ?? ((_portalId, preset) => limitsForPreset(preset)),
  retry: { ...defaultRetrySettings, ...t.retry },
  budget: { ...defaultBudgetOptions, ...t.budget },
  window: { ...defaultWindowSettings, ...t.window },
  probe: t.probe,
  maxBatch: Math.max(1, Math.min(50, t.maxBatch ?? 50)),
  minBudgetBatch: Math.max(1, t.minBudgetBatch ?? 10),
  pollMs: t.pollMs ?? 1_000,
  lockStaleMs: t.lockStaleMs ?? 15_000,
  progressIntervalMs: t.progressIntervalMs ?? 250,
  random: t.random ?? Math.random
})
