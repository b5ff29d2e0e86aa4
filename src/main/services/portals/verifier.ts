/** Checking candidate credentials against their portal, and the OAuth pairs such a check has rotated. */
import type { ConnectionReport, PortalMeta } from '../../../shared/domain/portal'
import { createPortalClient } from '../bitrix/client'
import { checkConnection } from './connection'
import { clientCredentials, withTokens, type PreparedCredentials, type StoredSecret } from './credentials'

const ROTATION_TTL_MS = 30 * 60_000

export interface Verifier {
  /** Calls the portal with candidate credentials; an OAuth refresh during the check updates them in place. */
  verify(prepared: PreparedCredentials, limits: PortalMeta['limits']): Promise<ConnectionReport>
  /** The key a check of these credentials remembers a rotated pair under (null: nothing to rotate). */
  rotationKey(prepared: PreparedCredentials): string | null
  /** The rotated pair is saved: it need not be remembered any more. */
  forget(key: string | null): void
}

export const createVerifier = (deps: { now: () => number; log: (line: string) => void }): Verifier => {
  const { now, log } = deps
  /**
   * OAuth pairs a check has rotated, by the pair it was given. The add-portal form checks and then
   * saves the same fields; without this the save would present a refresh token the check already
   * spent. In memory only, briefly, and in the main process, like the clients' own tokens.
   */
  const rotations = new Map<string, { secret: StoredSecret; at: number }>()
  const rotationKey = (prepared: PreparedCredentials): string | null =>
    prepared.secret.kind === 'oauth'
      ? `${prepared.host}\n${prepared.secret.clientId}\n${prepared.secret.refreshToken}`
      : null

  const verify = async (
    prepared: PreparedCredentials,
    limits: PortalMeta['limits']
  ): Promise<ConnectionReport> => {
    const key = rotationKey(prepared)
    for (const [k, r] of rotations) if (now() - r.at > ROTATION_TTL_MS) rotations.delete(k)
    const known = key ? rotations.get(key) : undefined
    if (known) prepared.secret = known.secret
    const client = createPortalClient({
      portalId: 'check',
      limits,
      caPem: prepared.caPem,
      credentials: clientCredentials(
        { host: prepared.host, oauthServer: prepared.oauthServer },
        prepared.secret
      ),
      maxRetries: 1,
      onTokensRefreshed: (t) => {
        prepared.secret = withTokens(prepared.secret, t)
        if (key) rotations.set(key, { secret: prepared.secret, at: now() })
      },
      log
    })
    try {
      return await checkConnection(client)
    } finally {
      client.close()
    }
  }

  return {
    verify,
    rotationKey,
    forget: (key) => {
      if (key) rotations.delete(key)
    }
  }
}
