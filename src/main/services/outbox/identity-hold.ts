/** The lane's identity hold: operations queued for another portal than the one that answers now stay queued. */
import { localize } from '../app/language'
import { describeIdentity, identityDiffers } from '../portals'
import type { LaneCore } from './lane-core'
import { messages } from './messages'
import type { QueuedOperation } from './store'

/**
 * The operations queued for the portal that answers now; those recorded for another one stay
 * queued, and when nothing else is left the lane says why it holds them.
 */
export const sameIdentity = async (
  core: LaneCore,
  queued: readonly QueuedOperation[]
): Promise<readonly QueuedOperation[]> => {
  if (!core.deps.identityOf || !queued.some((o) => o.identity)) return queued
  const current = await core.deps.identityOf(core.portalId)
  const same = queued.filter((o) => !identityDiffers(o.identity, current))
  const other = queued.find((o) => identityDiffers(o.identity, current))
  if (other?.identity && same.length === 0)
    core.setStatus(
      'auth',
      localize(messages.laneIdentityChanged, {
        queued: describeIdentity(other.identity),
        now: describeIdentity(current)
      })
    )
  return same
}
