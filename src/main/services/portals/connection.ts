import type { ConnectionReport } from '../../../shared/domain/portal'
import type { PortalClientHandle } from '../bitrix/client'

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')

/**
 * Calls the portal with the credentials about to be saved: `scope` says what they may do,
 * `profile` says whom they act as, and `ca` which certificate is trusted for this host only (for
 * the person to compare with their CA's fingerprint before saving). Throws the RestError when the
 * portal refuses them.
 */
export const checkConnection = async (client: PortalClientHandle): Promise<ConnectionReport> => {
  const scope = await client.call<unknown>('scope')
  const profile = await client.call<Record<string, unknown>>('profile')
  const scopes = Array.isArray(scope.result) ? scope.result.map(str).filter(Boolean) : []
  const p = profile.result ?? {}
  const name = [str(p.NAME), str(p.LAST_NAME)].filter(Boolean).join(' ') || str(p.EMAIL) || `#${str(p.ID)}`
  return {
    host: client.host,
    user: { id: str(p.ID), name, admin: p.ADMIN === true || p.ADMIN === 'Y' || p.ADMIN === 1 },
    scopes,
    landing: scopes.includes('landing'),
    crm: scopes.includes('crm'),
    ca: client.trustedCa
  }
}
