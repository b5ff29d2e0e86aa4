/** The lane's contract (its deps, counters, probe result) and what its helper modules share. */
import type { LaneState } from '../../../shared/domain/outbox'
import type { PortalClient, RestError } from '../bitrix/types'
import type { Clock } from './clock'
import type { WindowSettings } from './concurrency'
import type { LaneMemoryStore } from './lane-memory'
import type { OutcomeContext } from './outcomes'
import type { BudgetOptions, PortalLimits } from './pacer'
import type { RetrySettings } from './retry-policy'
import type { OutboxStore } from './store'
import type { Verify } from './verify-types'

export type ProbeResult = 'reachable' | 'unreachable' | 'auth'

export interface LaneStats {
  requests: number
  batches: number
  singleCalls: number
  commands: number
  operatingLimitBlocks: number
  rateLimited: number
  /** Requests sent to read back what a batch changed (counted in `requests` too). */
  readbackRequests: number
  /** The most requests this lane had in flight at once. */
  peakInFlight: number
  /** Times the lane lowered its window because the portal showed overload. */
  lowerings: number
}

/** Proof that this process still drains the outbox: the runner lock's token, checked before every send. */
export interface LockFence {
  token: string
  holds(): boolean
}

export interface LaneDeps {
  portalId: string
  store: OutboxStore
  clock: Clock
  clientFor: (portalId: string) => Promise<PortalClient>
  /** Limits to pace by; by default from the client's preset. */
  limitsFor: (portalId: string, preset: PortalClient['limits']) => PortalLimits
  /** The person's ceiling of requests in flight on this portal (read before each batch: it may change). */
  ceilingFor: (portalId: string) => number
  probe: (portalId: string) => Promise<ProbeResult>
  reportOutcome: (portalId: string, error: RestError | null) => void
  /** The portal is no longer in B24 Desk: its work can never be sent. */
  portalGone: (portalId: string) => void
  fence: LockFence
  /** The lock is gone: another process drains the outbox now. */
  lockLost: () => void
  retry: RetrySettings
  budget: BudgetOptions
  window?: WindowSettings
  maxBatch: number
  /** While the budget is what holds a method back, wait until this many of its commands fit instead of sending a trickle. */
  minBudgetBatch: number
  random: () => number
  onChange: () => void
  /** Reads back what a batch touched; without it, the portal's answer is taken as the truth. */
  verify?: Verify
  /** What the lane learned about the portal in earlier jobs, and where it keeps what it learns now. */
  memory?: LaneMemoryStore
  /** Where pages and folders live, as the catalog knows it: batches keep one direction per site tree. */
  placesOf?: (
    portalId: string,
    ids: { pages: readonly number[]; folders: readonly number[] }
  ) => { pages: Map<number, { siteId: number }>; folders: Map<number, { siteId: number }> }
  /** Who the portal is now (portals/identity.ts): operations queued for another portal are held. */
  identityOf?: (portalId: string) => Promise<string>
  log: (line: string) => void
}

/** Queued operations a lane looks at in one step. */
export const CANDIDATES = 500

/** What the lane's helpers share: its deps and counters, and the controls of its loop (lane.ts). */
export interface LaneCore {
  readonly deps: LaneDeps
  readonly portalId: string
  readonly stats: LaneStats
  /** Objects with an operation claimed and not yet settled (see targetOf). */
  readonly busy: Set<string>
  /** The lane stops (asked to, or it lost the runner lock): nothing new starts. */
  stopping(): boolean
  /** Something changed: the loop looks at the queue again now. */
  notify(): void
  setStatus(state: LaneState, reason?: string | null, next?: number | null): void
  /** Waits on the lane's clock; a notify() ends the wait early. */
  sleep(ms: number): Promise<void>
  /** Before anything goes on the wire: false once another process took the runner lock over. */
  stillRunner(): boolean
}

export const outcomeContext = (deps: LaneDeps, now: number): OutcomeContext => ({
  retry: deps.retry,
  random: deps.random,
  now
})
