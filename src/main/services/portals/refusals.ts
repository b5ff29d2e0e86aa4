/** The refusals of the portals service (another host, moved credentials, a taken name, a duplicate) and who credentials act as. */
import { AppError } from '../errors'
import { localize } from '../app/language'
import { hostKey, sameHost } from '../bitrix/agent'
import { parseStoredSecret, type PreparedCredentials, type StoredSecret } from './credentials'
import type { PortalRecord, PortalRegistry } from './registry'
import type { SecretStore } from './secret-store'
import { bindingParts, messages } from './messages'

/**
 * New credentials never move a portal: everything keyed by it (the outbox's queued and scheduled
 * work, snapshots, the catalog cache) holds another portal's ids. A different host is refused.
 */
export const assertSameHost = (r: PortalRecord, prepared: PreparedCredentials): void => {
  if (sameHost(hostKey(r.host), hostKey(prepared.host))) return
  throw new AppError(
    'PORTAL_HOST_CHANGED',
    localize(messages.hostChanged, { name: r.name, host: r.host, newHost: prepared.host }),
    { category: 'permanent' }
  )
}

/**
 * The database says the portal is somewhere (a host, an OAuth server, a certificate to trust) other
 * than where its keychain entry was given for: the secret is not used.
 */
export const credentialsMoved = (r: PortalRecord, what: 'host' | 'oauthServer' | 'ca') =>
  new AppError(
    'CREDENTIALS_BOUND_ELSEWHERE',
    localize(messages.credentialsBoundElsewhere, {
      name: r.name,
      what: localize(bindingParts[what])
    }),
    { category: 'auth' }
  )

export const nameTaken = (name: string) =>
  new AppError('PORTAL_NAME_TAKEN', localize(messages.nameTaken, { name }), { category: 'permanent' })

export const noCredentials = () =>
  new AppError('NO_CREDENTIALS', localize(messages.noCredentials), { category: 'auth' })

export const demoCa = () =>
  new AppError('DEMO_PORTAL_CA', localize(messages.demoCa), { category: 'permanent' })

/** Who a portal's credentials act as: one webhook user, or one application, on one host. */
const identityOf = (host: string, secret: StoredSecret): string | null => {
  if (secret.kind === 'oauth') return `${host.toLowerCase()} oauth ${secret.clientId}`
  const user = /\/rest\/(\d+)\//.exec(secret.webhookUrl)?.[1]
  return user ? `${host.toLowerCase()} webhook ${user}` : null
}

const duplicate = (existing: PortalRecord, authKind: PortalRecord['authKind']) =>
  new AppError(
    'PORTAL_DUPLICATE',
    localize(authKind === 'oauth' ? messages.duplicateOAuth : messages.duplicateWebhook, {
      name: existing.name,
      host: existing.host
    }),
    { category: 'permanent', details: { portalId: existing.id } }
  )

/**
 * The same portal under two names would get two outbox lanes and two pacers while the portal
 * counts one rate bucket and one operating budget; so one host and one webhook user (or one
 * application) make one portal. Portals without stored credentials (imported) cannot be compared.
 */
export const assertNotDuplicate = async (
  registry: PortalRegistry,
  secrets: SecretStore,
  prepared: PreparedCredentials,
  exceptId?: string
): Promise<void> => {
  const mine = identityOf(prepared.host, prepared.secret)
  if (!mine) return
  for (const r of registry.list()) {
    if (
      r.id === exceptId ||
      r.host.toLowerCase() !== prepared.host.toLowerCase() ||
      r.authKind !== prepared.authKind
    )
      continue
    const theirs = parseStoredSecret(await secrets.get(r.id))
    if (theirs && identityOf(r.host, theirs) === mine) throw duplicate(r, prepared.authKind)
  }
}
