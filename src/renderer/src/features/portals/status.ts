import type { HealthState, PortalSummary } from '../../../../shared/domain/portal'
import type { LaneView } from '../../../../shared/domain/outbox'

export type Tone = 'ok' | 'warn' | 'bad' | 'idle'

export const healthTone: Record<HealthState, Tone> = {
  unknown: 'idle',
  online: 'ok',
  limited: 'warn',
  unreachable: 'bad',
  auth_failed: 'bad'
}

/**
 * The state a person should see: the outbox lane knows first when a portal stops answering or
 * refuses credentials, so its verdict wins over an older probe.
 */
export const effectiveHealth = (portal: PortalSummary, lane: LaneView | undefined): HealthState => {
  if (lane?.state === 'unreachable') return 'unreachable'
  if (lane?.state === 'auth') return 'auth_failed'
  return portal.health.state
}
