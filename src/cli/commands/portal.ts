import { readFileSync } from 'node:fs'
import {
  DEFAULT_MAX_IN_FLIGHT,
  limitsPresetSchema,
  MAX_IN_FLIGHT_LIMIT,
  maxInFlightSchema,
  type CredentialsInput,
  type LimitsPreset
} from '../../shared/domain/portal'
import { describeCaPem } from '../../main/services/bitrix/ca'
import { prepareCredentials } from '../../main/services/portals/credentials'
import { requiredFlag, stringFlag, UsageError, type ParsedArgs } from '../args'
import type { CliCommand, CliContext } from '../command'
import { tr } from '../i18n'
import { readStdin, resolveSecrets, secretHelp, type SecretFlag } from '../secrets'
import { formatTable } from '../table'
import { showWhen } from '../when'
import { healthName } from './outbox-common'
import { portalText } from './portal.messages'
import { pt } from './portal-texts.messages'

const limitsOf = (args: ParsedArgs): LimitsPreset => {
  const v = stringFlag(args, 'limits') ?? 'standard'
  const parsed = limitsPresetSchema.safeParse(v)
  if (!parsed.success) throw new UsageError(pt('limits must be standard enterprise'))
  return parsed.data
}

const readCa = (args: ParsedArgs): string | undefined => {
  const file = stringFlag(args, 'ca')
  if (!file) return undefined
  try {
    return readFileSync(file, 'utf8')
  } catch {
    throw new UsageError(pt('cannot read the certificate file'))
  }
}

const credentialsOf = async (args: ParsedArgs, ctx: CliContext): Promise<CredentialsInput> => {
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
const showTrustedCa = (ctx: CliContext, credentials: CredentialsInput): void => {
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
const credentialsHelp = () => tr(secretHelp) + pt('ca help')

/** The options behind the credentials' fields, to name them when the contract refuses one. */
const credentialOptions = {
  'credentials.webhookUrl': '--webhook',
  'credentials.portalUrl': '--oauth-portal',
  'credentials.clientId': '--client-id',
  'credentials.clientSecret': '--client-secret',
  'credentials.accessToken': '--access-token',
  'credentials.refreshToken': '--refresh-token',
  'credentials.oauthServer': '--oauth-server',
  'credentials.caPem': '--ca'
}

const nameArg = (args: ParsedArgs): string => {
  const name = args.positionals.join(' ').trim()
  if (!name) throw new UsageError(pt('name the portal'))
  return name
}

export const portalCommands: CliCommand[] = [
  {
    name: 'portal add',
    summary: () => pt('check credentials with the portal'),
    usage:
      '--name NAME (--webhook URL|- | --oauth-portal URL --client-id ID --client-secret S|- --access-token T|- --refresh-token R|- [--oauth-server URL]) [--ca FILE] [--limits standard|enterprise|self-hosted] [--tags a,b] [--color #rrggbb] [--notes TEXT]',
    details: credentialsHelp,
    flags: {
      name: 'string',
      webhook: 'string',
      ca: 'string',
      limits: 'string',
      'oauth-portal': 'string',
      'client-id': 'string',
      'client-secret': 'string',
      'access-token': 'string',
      'refresh-token': 'string',
      'oauth-server': 'string',
      tags: 'string',
      color: 'string',
      notes: 'string'
    },
    inputOptions: {
      ...credentialOptions,
      'meta.name': '--name',
      'meta.limits': '--limits',
      'meta.tags': '--tags',
      'meta.color': '--color',
      'meta.notes': '--notes'
    },
    async run(args, ctx) {
      const credentials = await credentialsOf(args, ctx)
      const meta = {
        name: requiredFlag(args, 'name'),
        limits: limitsOf(args),
        tags: (stringFlag(args, 'tags') ?? '')
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        color: stringFlag(args, 'color') ?? null,
        notes: stringFlag(args, 'notes') ?? ''
      }
      // No keychain means nothing can be added: say so before the data folder or database is created.
      await ctx.assertKeychain()
      showTrustedCa(ctx, credentials)
      // The answer carries the report of the check made before saving. Checking again would reuse
      // the original OAuth tokens, which that check may already have refreshed and so spent.
      const { connection: report, ...portal } = await ctx.invoke('portals:add', { meta, credentials })
      ctx.print({ portal, connection: report ?? null }, () => {
        const added = { name: portal.name, host: portal.host }
        if (!report) return pt('added portal name host', added)
        const missing = [!report.landing && 'landing', !report.crm && 'crm'].filter(Boolean)
        return (
          pt('added portal name host acting', {
            ...added,
            user: report.user.name,
            id: report.user.id,
            admin: report.user.admin ? pt('administrator') : ''
          }) +
          pt('scopes scopes', { scopes: report.scopes.join(', ') || '—' }) +
          (missing.length ? pt('warning the credentials lack the', { scopes: missing.join(pt('and')) }) : '')
        )
      })
    }
  },
  {
    name: 'portal list',
    summary: () => pt('list the portals'),
    usage: '',
    async run(_args, ctx) {
      const portals = await ctx.invoke('portals:list')
      ctx.print(portals, () =>
        portals.length === 0
          ? pt('no portals yet add one')
          : formatTable(
              ['NAME', 'HOST', 'AUTH', 'LIMITS', 'STATUS', 'LAST SYNC', 'TAGS'],
              portals.map((p) => [
                p.name + (p.demo ? pt('demo') : ''),
                p.host,
                p.authKind,
                p.limits,
                healthName(p.health.state),
                showWhen(p.lastSyncAt),
                p.tags.join(',')
              ])
            )
      )
    }
  },
  {
    name: 'portal check',
    summary: () => pt('call the portal now and'),
    usage: 'NAME',
    details: () => pt('prints online and exits 0'),
    async run(args, ctx) {
      const portal = await ctx.portalByName(nameArg(args))
      const health = await ctx.invoke('portals:probe', { portalId: portal.id })
      // A failed check never reports online. With --json, stdout is the document; the reason also goes to stderr.
      const ok = health.state === 'online'
      ctx.print({ portal: portal.name, health }, () =>
        ok
          ? `${portal.name}: online\n`
          : `${portal.name}: ${health.state}${health.lastError ? ` — ${health.lastError.message}` : ''}\n`
      )
      if (!ok && ctx.json)
        ctx.warn(`${portal.name}: ${health.state}${health.lastError ? ` — ${health.lastError.message}` : ''}`)
      return ok ? 0 : 1
    }
  },
  {
    name: 'portal export',
    summary: () => pt('write the portal list without'),
    usage: '[--out FILE]',
    details: () => pt('without out the list goes'),
    flags: { out: 'string' },
    async run(args, ctx) {
      const json = await ctx.invoke('portals:export')
      const out = stringFlag(args, 'out')
      if (!out) {
        ctx.io.stdout.write(`${json}\n`)
        return
      }
      ctx.output(`${json}\n`, out, { mode: 0o600, quiet: true })
      const count = (JSON.parse(json) as { portals: unknown[] }).portals.length
      ctx.print({ file: out, portals: count }, pt('wrote the list of portals', { count, out }))
    }
  },
  {
    name: 'portal import',
    summary: () => pt('add the portals of a'),
    usage: 'FILE|-',
    details: () => pt('portals whose name is already'),
    async run(args, ctx) {
      const file = args.positionals[0]
      if (!file || args.positionals.length > 1) throw new UsageError(pt('give the file to import'))
      let json: string
      try {
        json = file === '-' ? await readStdin(ctx.io) : readFileSync(file, 'utf8')
      } catch (err) {
        if (err instanceof UsageError) throw err
        throw new UsageError(pt('cannot read file', { file }))
      }
      const added = await ctx.invoke('portals:import', { json })
      ctx.print(added, () =>
        added.length === 0
          ? pt('nothing imported every portal in')
          : pt('imported', {
              count: added.length,
              names: added.map((p) => p.name).join(', ')
            })
      )
    }
  },
  {
    name: 'portal credentials',
    summary: () => pt('check new credentials for a'),
    usage:
      'NAME (--webhook URL|- | --oauth-portal URL --client-id ID --client-secret S|- --access-token T|- --refresh-token R|- [--oauth-server URL]) [--ca FILE]',
    details: credentialsHelp,
    flags: {
      webhook: 'string',
      ca: 'string',
      'oauth-portal': 'string',
      'client-id': 'string',
      'client-secret': 'string',
      'access-token': 'string',
      'refresh-token': 'string',
      'oauth-server': 'string'
    },
    inputOptions: credentialOptions,
    async run(args, ctx) {
      const name = nameArg(args)
      const credentials = await credentialsOf(args, ctx)
      await ctx.assertKeychain()
      showTrustedCa(ctx, credentials)
      const portal = await ctx.portalByName(name)
      const updated = await ctx.invoke('portals:setCredentials', { portalId: portal.id, credentials })
      ctx.print(
        updated,
        pt('stored new credentials for name', {
          name: updated.name,
          host: updated.host,
          state: updated.health.state
        })
      )
    }
  },
  {
    name: 'portal set',
    summary: () => portalText('set summary'),
    usage: `NAME [--name NEW] [--tags a,b] [--color #rrggbb|none] [--notes TEXT] [--max-in-flight N] [--limits standard|enterprise|self-hosted]`,
    details: () =>
      pt('max in flight help', { max: MAX_IN_FLIGHT_LIMIT, default: DEFAULT_MAX_IN_FLIGHT }) +
      portalText('set ca'),
    flags: {
      'max-in-flight': 'string',
      limits: 'string',
      name: 'string',
      tags: 'string',
      color: 'string',
      notes: 'string'
    },
    inputOptions: {
      'meta.name': '--name',
      'meta.tags': '--tags',
      'meta.color': '--color',
      'meta.notes': '--notes',
      'meta.maxInFlight': '--max-in-flight',
      'meta.limits': '--limits'
    },
    async run(args, ctx) {
      const name = nameArg(args)
      const raw = stringFlag(args, 'max-in-flight')
      let maxInFlight: number | undefined
      if (raw !== undefined) {
        const parsed = maxInFlightSchema.safeParse(/^\d+$/.test(raw) ? Number(raw) : NaN)
        if (!parsed.success) throw new UsageError(pt('max in flight must be', { max: MAX_IN_FLIGHT_LIMIT }))
        maxInFlight = parsed.data
      }
      const limits = stringFlag(args, 'limits') !== undefined ? limitsOf(args) : undefined
      const tagsText = stringFlag(args, 'tags')
      const colorText = stringFlag(args, 'color')
      const meta = {
        name: stringFlag(args, 'name'),
        tags:
          tagsText === undefined
            ? undefined
            : tagsText
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean),
        color: colorText === undefined ? undefined : colorText.toLowerCase() === 'none' ? null : colorText,
        notes: stringFlag(args, 'notes'),
        maxInFlight,
        limits
      }
      if (Object.values(meta).every((v) => v === undefined)) throw new UsageError(portalText('set nothing'))
      const portal = await ctx.portalByName(name)
      const updated = await ctx.invoke('portals:update', { portalId: portal.id, meta })
      ctx.print(
        updated,
        portalText('set done', { name: updated.name, count: updated.maxInFlight, limits: updated.limits })
      )
    }
  },
  {
    name: 'portal remove',
    summary: () => portalText('remove summary'),
    usage: 'NAME [--yes]',
    details: () => portalText('remove details'),
    flags: { yes: 'boolean' },
    async run(args, ctx) {
      const portal = await ctx.portalByName(nameArg(args))
      const lane = (await ctx.invoke('outbox:snapshot')).lanes.find((l) => l.portalId === portal.id)
      const pending = lane ? lane.counts.queued + lane.counts.sending : 0
      if (
        pending > 0 &&
        !(await ctx.confirm(
          portalText('remove question', { name: portal.name, count: pending }),
          args.flags.yes === true
        ))
      )
        return 1
      await ctx.invoke('portals:remove', { portalId: portal.id })
      ctx.print({ removed: portal.name, cancelled: pending }, portalText('removed', { name: portal.name }))
    }
  }
]
