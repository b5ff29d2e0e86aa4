import type { OperationView } from '../../../shared/domain/outbox'
import type { PortalHealth } from '../../../shared/domain/portal'
import { localize } from '../app/language'
import { messages } from './messages'

/**
 * Why a portal's lane cannot be expected to move, from the portal's last known health: what a lane
 * shows when it has no reason of its own (no runner is alive to keep one). Null when the portal
 * looked fine, or nothing is known.
 */
export const healthReason = (health: PortalHealth | undefined): string | null => {
  if (!health) return null
  const e = health.lastError
  const detail = e ? ` (${e.code})` : ''
  const said = e?.message ? ` ${e.message}` : ''
  switch (health.state) {
    case 'auth_failed':
      return localize(messages.portalAuthFailed, { detail }) + said
    case 'unreachable':
      return localize(messages.portalUnreachable, { detail }) + said
    case 'limited':
      return localize(messages.portalLimited, { detail }) + said
    default:
      return null
  }
}

/** An operation's outcome in plain language: the portal's reason for a failure, or what replaced or cancelled it. */
export const operationReason = (op: OperationView): string => {
  if (op.error?.message) return op.error.message
  if (op.state === 'superseded') return localize(messages.supersededPlain)
  if (op.state === 'cancelled') return localize(messages.cancelledByUser)
  return ''
}
