import type { AuthKind, CredentialsInput } from '../../../shared/domain/portal'
import { inspectCaPem } from '../bitrix/ca'
import { oauthServerBase, type ClientCredentials, type OAuthTokens } from '../bitrix/client'
import { parsePortalUrl, parseWebhookUrl } from '../bitrix/webhook-url'
import type { PortalRecord } from './registry'

/** What goes into the keychain entry of a portal: the secret parts only, as JSON. */
export type StoredSecret =
  | { v: 1; kind: 'webhook'; webhookUrl: string }
  | {
      v: 1
      kind: 'oauth'
      clientId: string
      clientSecret: string
      accessToken: string
      refreshToken: string
      expires?: number
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
      secret: { v: 1, kind: 'webhook', webhookUrl: `${hook.origin}/rest/${hook.userId}/${hook.code}/` }
    }
  }
  const portal = parsePortalUrl(input.portalUrl, { trustsCustomCa: Boolean(caPem) })
  return {
    authKind: 'oauth',
    host: portal.host,
    caPem,
    oauthServer: oauthServerBase(input.oauthServer, { trustsCustomCa: Boolean(caPem) }),
    secret: {
      v: 1,
      kind: 'oauth',
      clientId: input.clientId.trim(),
      clientSecret: input.clientSecret.trim(),
      accessToken: input.accessToken.trim(),
      refreshToken: input.refreshToken.trim()
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
        expires: tokens.expires
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
