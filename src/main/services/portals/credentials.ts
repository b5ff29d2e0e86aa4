import type { AuthKind, CredentialsInput } from '../../../shared/domain/portal'
import { describeCaPem, inspectCaPem } from '../bitrix/ca'
import { oauthServerBase, type ClientCredentials, type OAuthTokens } from '../bitrix/client'
import { parsePortalUrl, parseWebhookUrl } from '../bitrix/webhook-url'
import type { PortalRecord } from './registry'

/**
 * Where a secret may be used: the portal's host, its OAuth server and the certificate trusted for it
 * (SHA-256 fingerprints), as they were when the secret was given. Kept in the keychain entry with the
 * secret and compared with the database on every use, so a changed database (another host, another
 * OAuth server, another CA to trust) cannot send the secret anywhere else.
 */
export interface SecretBinding {
  host: string
  oauthServer: string | null
  ca: string | null
  /** OAuth portals: the `member_id` the OAuth server reported with the first refreshed tokens. */
  memberId?: string
}

/** What goes into the keychain entry of a portal: the secret parts and where they may go, as JSON. */
export type StoredSecret =
  | { v: 1; kind: 'webhook'; webhookUrl: string; bound?: SecretBinding }
  | {
      v: 1
      kind: 'oauth'
      clientId: string
      clientSecret: string
      accessToken: string
      refreshToken: string
      expires?: number
      bound?: SecretBinding
    }

export const bindingOf = (r: {
  host: string
  oauthServer: string | null
  caPem: string | null
}): SecretBinding => ({
  host: r.host.toLowerCase(),
  oauthServer: r.oauthServer ?? null,
  ca: r.caPem
    ? describeCaPem(r.caPem)
        .map((c) => c.fingerprint256)
        .join(',') || 'unreadable'
    : null
})

/** What of the record differs from where the secret was bound (null: nothing). */
export const bindingMismatch = (
  bound: SecretBinding,
  r: { host: string; oauthServer: string | null; caPem: string | null }
): 'host' | 'oauthServer' | 'ca' | null => {
  const now = bindingOf(r)
  if (now.host !== bound.host) return 'host'
  if (now.oauthServer !== bound.oauthServer) return 'oauthServer'
  if (now.ca !== bound.ca) return 'ca'
  return null
}

/** Credentials split into what the registry may keep and what only the keychain may keep. */
export interface PreparedCredentials {
  authKind: AuthKind
  host: string
  caPem: string | null
  oauthServer: string | null
  secret: StoredSecret
}

/**
 * Validates the input (webhook form, https, trusted CA rules) and splits it; throws AppError without
 * echoing secrets. A CA must be a CA certificate valid today (see inspectCaPem); it will be trusted
 * for the portal's host only.
 */
export const prepareCredentials = (
  input: CredentialsInput,
  now: number = Date.now()
): PreparedCredentials => {
  const caPem = input.caPem?.trim() ? input.caPem : null
  if (caPem) inspectCaPem(caPem, now)
  if (input.kind === 'webhook') {
    const hook = parseWebhookUrl(input.webhookUrl, { trustsCustomCa: Boolean(caPem) })
    return {
      authKind: 'webhook',
      host: hook.host,
      caPem,
      oauthServer: null,
      secret: {
        v: 1,
        kind: 'webhook',
        webhookUrl: `${hook.origin}/rest/${hook.userId}/${hook.code}/`,
        bound: bindingOf({ host: hook.host, oauthServer: null, caPem })
      }
    }
  }
  const portal = parsePortalUrl(input.portalUrl, { trustsCustomCa: Boolean(caPem) })
  const oauthServer = oauthServerBase(input.oauthServer, { trustsCustomCa: Boolean(caPem) })
  return {
    authKind: 'oauth',
    host: portal.host,
    caPem,
    oauthServer,
    secret: {
      v: 1,
      kind: 'oauth',
      clientId: input.clientId.trim(),
      clientSecret: input.clientSecret.trim(),
      accessToken: input.accessToken.trim(),
      refreshToken: input.refreshToken.trim(),
      bound: bindingOf({ host: portal.host, oauthServer, caPem })
    }
  }
}

export const clientCredentials = (
  record: Pick<PortalRecord, 'host' | 'oauthServer'>,
  secret: StoredSecret
): ClientCredentials =>
  secret.kind === 'webhook'
    ? { kind: 'webhook', webhookUrl: secret.webhookUrl }
    : {
        kind: 'oauth',
        portalUrl: `https://${record.host}`,
        clientId: secret.clientId,
        clientSecret: secret.clientSecret,
        accessToken: secret.accessToken,
        refreshToken: secret.refreshToken,
        oauthServer: record.oauthServer ?? undefined,
        expires: secret.expires
      }

export const withTokens = (secret: StoredSecret, tokens: OAuthTokens): StoredSecret =>
  secret.kind === 'oauth'
    ? {
        ...secret,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        expires: tokens.expires,
        // The portal's identity, kept from the first tokens that carried it.
        bound:
          secret.bound && !secret.bound.memberId && tokens.memberId
            ? { ...secret.bound, memberId: tokens.memberId }
            : secret.bound
      }
    : secret

export const parseStoredSecret = (text: string | null): StoredSecret | null => {
  if (!text) return null
  try {
    const v = JSON.parse(text) as StoredSecret
    return v && (v.kind === 'webhook' || v.kind === 'oauth') ? v : null
  } catch {
    return null
  }
}
