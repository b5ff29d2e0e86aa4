/** New credentials or another certificate to trust for a saved portal, and checks of candidate credentials. */
import type { ConnectionReport, CredentialsInput, PortalSummary } from '../../../shared/domain/portal'
import { AppError } from '../errors'
import { localize } from '../app/language'
import {
  bindingMismatch,
  bindingOf,
  parseStoredSecret,
  prepareCredentials,
  type PreparedCredentials
} from './credentials'
import type { PortalRecord } from './registry'
import { assertKeychain } from './secret-store'
import { messages } from './messages'
import { assertNotDuplicate, assertSameHost, credentialsMoved, demoCa, noCredentials } from './refusals'
import type { PortalsCore } from './core'

export interface CredentialChanges {
  check(credentials: CredentialsInput, portalId?: string): Promise<ConnectionReport>
  setCredentials(id: string, credentials: CredentialsInput): Promise<PortalSummary>
  setCa(id: string, caPem: string | null): Promise<PortalSummary>
}

export const createCredentialChanges = (core: PortalsCore): CredentialChanges => {
  const { registry, secrets, verifier, clients, health, requireRecord, storeSecret, summary } = core

  /**
   * New credentials for the same host keep the certificate the portal already trusts unless another
   * is given: replacing a revoked webhook code should not mean pasting the certificate again.
   */
  const withKeptCa = (r: PortalRecord, credentials: CredentialsInput): PreparedCredentials => {
    if (!r.caPem || credentials.caPem?.trim()) return prepareCredentials(credentials)
    let kept: PreparedCredentials | null
    try {
      kept = prepareCredentials({ ...credentials, caPem: r.caPem })
    } catch {
      kept = null
    }
    return kept?.host === r.host ? kept : prepareCredentials(credentials)
  }

  const setCredentials = async (id: string, credentials: CredentialsInput): Promise<PortalSummary> => {
    const r = requireRecord(id)
    const prepared = withKeptCa(r, credentials)
    assertSameHost(r, prepared)
    await assertKeychain(secrets)
    await assertNotDuplicate(registry, secrets, prepared, id)
    const rotation = verifier.rotationKey(prepared)
    await verifier.verify(prepared, r.limits)
    await storeSecret(id, prepared.secret)
    verifier.forget(rotation)
    const updated = registry.update(id, {
      host: prepared.host,
      authKind: prepared.authKind,
      caPem: prepared.caPem,
      oauthServer: prepared.oauthServer
    })
    clients.drop(id)
    health.report(id, null)
    core.credentialsChanged.emit(id)
    core.publishList()
    return summary(updated)
  }

  /**
   * Another CA to trust (null: the system's trust store) with the secret already stored: the new CA
   * must be a CA valid today, the portal must answer over TLS with it, and only then are the CA and
   * the secret's binding saved. A refusal changes nothing.
   */
  const setCa = async (id: string, caPem: string | null): Promise<PortalSummary> => {
    const r = requireRecord(id)
    if (r.demo) throw demoCa()
    await assertKeychain(secrets)
    const stored = parseStoredSecret(await secrets.get(id))
    if (!stored) throw noCredentials()
    // The secret moves to another CA only from where it was given: host, OAuth server and CA as stored.
    const differs = stored.bound ? bindingMismatch(stored.bound, r) : null
    if (differs) throw credentialsMoved(r, differs)
    const ca = caPem ?? undefined
    const prepared = prepareCredentials(
      stored.kind === 'webhook'
        ? { kind: 'webhook', webhookUrl: stored.webhookUrl, caPem: ca }
        : {
            kind: 'oauth',
            portalUrl: `https://${r.host}`,
            clientId: stored.clientId,
            clientSecret: stored.clientSecret,
            accessToken: stored.accessToken,
            refreshToken: stored.refreshToken,
            oauthServer: r.oauthServer ?? undefined,
            caPem: ca
          }
    )
    assertSameHost(r, prepared)
    const memberId = stored.bound?.memberId
    const bound = {
      ...bindingOf({ host: r.host, oauthServer: r.oauthServer, caPem: prepared.caPem }),
      ...(memberId ? { memberId } : {})
    }
    prepared.secret = { ...stored, bound }
    try {
      await verifier.verify(prepared, r.limits)
    } catch (err) {
      // An OAuth pair the check rotated is the only one that works now: kept, bound as before.
      if (
        prepared.secret.kind === 'oauth' &&
        stored.kind === 'oauth' &&
        prepared.secret.refreshToken !== stored.refreshToken
      ) {
        await storeSecret(id, { ...prepared.secret, bound: stored.bound })
        clients.drop(id)
      }
      if (!(err instanceof AppError)) throw err
      throw new AppError(err.code, localize(messages.caRefused, { name: r.name, reason: err.message }), {
        category: err.category,
        cause: err
      })
    }
    await storeSecret(id, prepared.secret)
    let updated: PortalRecord
    try {
      updated = registry.update(id, { caPem: prepared.caPem })
    } catch (err) {
      await storeSecret(id, { ...prepared.secret, bound: stored.bound }).catch(() => {})
      throw err
    }
    clients.drop(id)
    health.report(id, null)
    core.credentialsChanged.emit(id)
    core.publishList()
    return summary(updated)
  }

  const check = async (credentials: CredentialsInput, portalId?: string): Promise<ConnectionReport> => {
    if (!portalId) return verifier.verify(prepareCredentials(credentials), 'standard')
    const r = requireRecord(portalId)
    const prepared = withKeptCa(r, credentials)
    assertSameHost(r, prepared)
    return verifier.verify(prepared, r.limits)
  }

  return { check, setCredentials, setCa }
}
