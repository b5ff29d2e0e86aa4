import { readFileSync, writeFileSync } from 'node:fs'
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
import { readStdin, resolveSecrets, secretHelp, type SecretFlag } from '../secrets'
import { formatTable } from '../table'

const limitsOf = (args: ParsedArgs): LimitsPreset => {
  const v = stringFlag(args, 'limits') ?? 'standard'
  const parsed = limitsPresetSchema.safeParse(v)
  if (!parsed.success) throw new UsageError('--limits must be standard, enterprise or self-hosted')
  return parsed.data
}

const readCa = (args: ParsedArgs): string | undefined => {
  const file = stringFlag(args, 'ca')
  if (!file) return undefined
  try {
    return readFileSync(file, 'utf8')
  } catch {
    throw new UsageError(`cannot read the certificate file given with --ca`)
  }
}

const credentialsOf = async (args: ParsedArgs, ctx: CliContext): Promise<CredentialsInput> => {
  const caPem = readCa(args)
  const oauthPortal = stringFlag(args, 'oauth-portal')
  if (stringFlag(args, 'webhook') !== undefined && oauthPortal)
    throw new UsageError('give either --webhook or --oauth-portal, not both')
  const secrets = await resolveSecrets(args, ctx.io)
  const secret = (flag: SecretFlag, env: string): string => {
    const v = secrets[flag]
    if (!v)
      throw new UsageError(
        `--${flag} is required (or "--${flag} -" to read it from standard input, or ${env})`
      )
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
  throw new UsageError(
    'give --webhook URL (or "-", or B24DESK_WEBHOOK), or --oauth-portal URL with the OAuth options'
  )
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
  const lines = describeCaPem(credentials.caPem).map(
    (ca) =>
      `  ${ca.subject}\n  SHA-256 fingerprint: ${ca.fingerprint256}\n  valid until ${ca.validTo.slice(0, 10)}\n`
  )
  ctx.io.stdout.write(
    `Certificate to trust for ${host} only (other hosts are checked against the system's certificates):\n${lines.join('')}`
  )
}

const caHelp =
  "--ca FILE is the PEM certificate of the CA that signed the portal's certificate; it is trusted for this\n" +
  "portal's host only, and its subject and SHA-256 fingerprint are printed before anything is saved.\n"

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
  if (!name) throw new UsageError('name the portal')
  return name
}

export const portalCommands: CliCommand[] = [
  {
    name: 'portal add',
    summary: 'check credentials with the portal and add it (secrets go to the OS keychain)',
    usage:
      '--name NAME (--webhook URL|- | --oauth-portal URL --client-id ID --client-secret S|- --access-token T|- --refresh-token R|- [--oauth-server URL]) [--ca FILE] [--limits standard|enterprise|self-hosted] [--tags a,b] [--color #rrggbb] [--notes TEXT]',
    details: secretHelp + caHelp,
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
        if (!report) return `Added portal “${portal.name}” (${portal.host}).\n`
        const missing = [!report.landing && 'landing', !report.crm && 'crm'].filter(Boolean)
        return (
          `Added portal “${portal.name}” (${portal.host}), acting as ${report.user.name} (id ${report.user.id}${report.user.admin ? ', administrator' : ''}).\n` +
          `Scopes: ${report.scopes.join(', ') || '—'}\n` +
          (missing.length
            ? `Warning: the credentials lack the ${missing.join(' and ')} scope; some features will not work.\n`
            : '')
        )
      })
    }
  },
  {
    name: 'portal list',
    summary: 'list the portals',
    usage: '',
    async run(_args, ctx) {
      const portals = await ctx.invoke('portals:list')
      ctx.print(portals, () =>
        portals.length === 0
          ? 'No portals yet. Add one with: b24desk portal add --name NAME --webhook URL\n'
          : formatTable(
              ['NAME', 'HOST', 'AUTH', 'LIMITS', 'STATUS', 'LAST SYNC', 'TAGS'],
              portals.map((p) => [
                p.name + (p.demo ? ' (demo)' : ''),
                p.host,
                p.authKind,
                p.limits,
                p.health.state,
                p.lastSyncAt ? new Date(p.lastSyncAt).toISOString() : '',
                p.tags.join(',')
              ])
            )
      )
    }
  },
  {
    name: 'portal check',
    summary: 'call the portal now and show its health (exit code 1 when the call failed)',
    usage: 'NAME',
    details:
      'Prints "online" and exits 0 only when the portal answered the check. Otherwise it prints the state and the reason and exits 1.\n',
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
    summary: 'write the portal list without any secret (names, hosts, limits, tags) as JSON',
    usage: '[--out FILE]',
    details:
      'Without --out the list goes to standard output. The file holds no webhook code, token or client secret; after "portal import" each portal needs its credentials again.\n',
    flags: { out: 'string' },
    async run(args, ctx) {
      const json = await ctx.invoke('portals:export')
      const out = stringFlag(args, 'out')
      if (!out) {
        ctx.io.stdout.write(`${json}\n`)
        return
      }
      writeFileSync(out, `${json}\n`, { mode: 0o600 })
      const count = (JSON.parse(json) as { portals: unknown[] }).portals.length
      ctx.print({ file: out, portals: count }, `Wrote ${count} portal(s) to ${out}.\n`)
    }
  },
  {
    name: 'portal import',
    summary: 'add the portals of a list made by "portal export" (each then needs its credentials)',
    usage: 'FILE|-',
    details:
      'Portals whose name is already taken are skipped. Imported portals have no credentials: give them with "b24desk portal credentials NAME ...", or in the app (the portal\'s Edit…).\n',
    async run(args, ctx) {
      const file = args.positionals[0]
      if (!file || args.positionals.length > 1)
        throw new UsageError('give the file to import, or - for standard input')
      let json: string
      try {
        json = file === '-' ? await readStdin(ctx.io) : readFileSync(file, 'utf8')
      } catch (err) {
        if (err instanceof UsageError) throw err
        throw new UsageError(`cannot read ${file}`)
      }
      const added = await ctx.invoke('portals:import', { json })
      ctx.print(added, () =>
        added.length === 0
          ? 'Nothing imported: every portal in the list is already here (by name).\n'
          : `Imported ${added.length} portal(s): ${added.map((p) => p.name).join(', ')}.\n` +
            'They have no credentials yet: give them with "b24desk portal credentials NAME --webhook -" (or in the app) before their work can be sent.\n'
      )
    }
  },
  {
    name: 'portal credentials',
    summary:
      'check new credentials for a portal and store them (after an import, a revoked webhook or a new app)',
    usage:
      'NAME (--webhook URL|- | --oauth-portal URL --client-id ID --client-secret S|- --access-token T|- --refresh-token R|- [--oauth-server URL]) [--ca FILE]',
    details: secretHelp + caHelp,
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
        `Stored new credentials for “${updated.name}” (${updated.host}): ${updated.health.state}.\n`
      )
    }
  },
  {
    name: 'portal set',
    summary: 'change how B24 Desk works with a portal: its plan limits, requests in flight',
    usage: `NAME [--max-in-flight N] [--limits standard|enterprise|self-hosted]`,
    details:
      `--max-in-flight: at most N batch requests of the outbox on this portal at once (1 to ${MAX_IN_FLIGHT_LIMIT};\n` +
      `default ${DEFAULT_MAX_IN_FLIGHT}). The outbox starts with one and adds more while the portal answers as fast; it goes\n` +
      'back down at once when the portal shows overload (HTTP 5xx, error pages, time-outs). 1 sends one request\n' +
      'at a time. Lower it for a portal that struggles under parallel publication; "b24desk queue" shows\n' +
      'what the outbox uses now and why it last went down.\n',
    flags: { 'max-in-flight': 'string', limits: 'string' },
    async run(args, ctx) {
      const name = nameArg(args)
      const raw = stringFlag(args, 'max-in-flight')
      let maxInFlight: number | undefined
      if (raw !== undefined) {
        const parsed = maxInFlightSchema.safeParse(/^\d+$/.test(raw) ? Number(raw) : NaN)
        if (!parsed.success)
          throw new UsageError(`--max-in-flight must be a whole number from 1 to ${MAX_IN_FLIGHT_LIMIT}`)
        maxInFlight = parsed.data
      }
      const limits = stringFlag(args, 'limits') !== undefined ? limitsOf(args) : undefined
      if (maxInFlight === undefined && limits === undefined)
        throw new UsageError('say what to change: --max-in-flight N and/or --limits PRESET')
      const portal = await ctx.portalByName(name)
      const { handlers } = await ctx.services()
      const updated = await handlers['portals:update']({ portalId: portal.id, meta: { maxInFlight, limits } })
      ctx.print(
        updated,
        `“${updated.name}”: at most ${updated.maxInFlight} request(s) in flight, ${updated.limits} limits.\n`
      )
    }
  },
  {
    name: 'portal remove',
    summary: 'remove the portal, its stored secret and its cached listings',
    usage: 'NAME',
    async run(args, ctx) {
      const portal = await ctx.portalByName(nameArg(args))
      await ctx.invoke('portals:remove', { portalId: portal.id })
      ctx.print({ removed: portal.name }, `Removed portal “${portal.name}”.\n`)
    }
  }
]
