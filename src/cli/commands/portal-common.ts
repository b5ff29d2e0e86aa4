import { readFileSync } from 'node:fs'
import {
  limitsPresetSchema,
  type CredentialsInput,
  type LimitsPreset
} from '../../../src/shared/domain/portal'
import { describeCaPem } from '../../main/services/bitrix/ca'
import { prepareCredentials } from '../../main/services/portals/credentials'
import { requiredFlag, stringFlag, UsageError, type ParsedArgs } from '../args'
import type { CliContext } from '../command'
import { tr } from '../i18n'
import { resolveSecrets, secretHelp, type SecretFlag } from '../secrets'
import { pt } from './portal-texts.messages'

/** What the portal commands share (one file per command beside it). */
export const limitsOf = (args: ParsedArgs): LimitsPreset => {
  const v = stringFlag(args, 'limits') ?? 'standard'
  const parsed = limitsPresetSchema.safeParse(v)
  if (!parsed.success) throw new UsageError(pt('limits must be standard enterprise'))
  return parsed.data
}

export const readCa = (args: ParsedArgs): string | undefined => {
  const file = stringFlag(args, 'ca')
  if (!file) return undefined
  try {
    return readFileSync(file, 'utf8')
  } catch {
    throw new UsageError(pt('cannot read the certificate file'))
  }
}

export const credentialsOf = async (args: ParsedArgs, ctx: CliContext): Promise<CredentialsInput> => {
  const caPem = readCa(args)
  const oauthPortal = stringFlag(args, 'oauth-portal')
  if (stringFlag(args, 'webhook') !== undefined && oauthPortal)
    throw new UsageError(pt('give either webhook or oauth'))
  const secrets = await resolveSecrets(args, ctx.io)
  const secret = (flag: SecretFlag, env: string): string => {
    const v = secrets[flag]
    if (!v) throw new UsageError(pt('flag is required or flag', { flag, env }))
    return v
  }
  if (oauthPortal) {
    return {
      kind: 'oauth',
      portalUrl: oauthPortal,
      clientId: requiredFlag(args, 'client-id'),
      clientSecret: secret('client-secret', 'B24DESK_CLIENT_SECRET'),
      accessToken: secret('access-token', 'B24DESK_ACCESS_TOKEN'),
      refreshToken: secret('refresh-token', 'B24DESK_REFRESH_TOKEN'),
      oauthServer: stringFlag(args, 'oauth-server'),
      caPem
    }
  }
  if (secrets.webhook) return { kind: 'webhook', webhookUrl: secrets.webhook, caPem }
  throw new UsageError(pt('give webhook url or or'))
}

/**
 * Before anything is saved, says which certificate --ca makes trusted, and for which host only, so
 * the person can compare the fingerprint with their CA's. The same checks as saving (a CA
 * certificate, valid today) run here first, so a wrong file fails before the portal is called.
 * With --json the report of the check carries the same facts.
 */
export const showTrustedCa = (ctx: CliContext, credentials: CredentialsInput): void => {
  if (!credentials.caPem) return
  const { host } = prepareCredentials(credentials)
  if (ctx.json) return
  const lines = describeCaPem(credentials.caPem).map((ca) =>
    pt('subject sha 256 fingerprint fingerprint', {
      subject: ca.subject,
      fingerprint: ca.fingerprint256,
      until: ca.validTo.slice(0, 10)
    })
  )
  ctx.io.stdout.write(pt('certificate to trust for host', { host }) + lines.join(''))
}

/** Help on secrets and --ca. */
export const credentialsHelp = () => tr(secretHelp) + pt('ca help')

/** The options behind the credentials' fields, to name them when the contract refuses one. */
export const credentialOptions = {
  'credentials.webhookUrl': '--webhook',
  'credentials.portalUrl': '--oauth-portal',
  'credentials.clientId': '--client-id',
  'credentials.clientSecret': '--client-secret',
  'credentials.accessToken': '--access-token',
  'credentials.refreshToken': '--refresh-token',
  'credentials.oauthServer': '--oauth-server',
  'credentials.caPem': '--ca'
}

export const nameArg = (args: ParsedArgs): string => {
  const name = args.positionals.join(' ').trim()
  if (!name) throw new UsageError(pt('name the portal'))
  return name
}
