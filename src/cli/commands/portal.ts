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

const limitsOf = (args: ParsedArgs): LimitsPreset => {
  const v = stringFlag(args, 'limits') ?? 'standard'
  const parsed = limitsPresetSchema.safeParse(v)
  if (!parsed.success)
    throw new UsageError(
      tr({
        en: '--limits must be standard, enterprise or self-hosted',
        ru: '--limits: допустимы standard, enterprise или self-hosted'
      })
    )
  return parsed.data
}

const readCa = (args: ParsedArgs): string | undefined => {
  const file = stringFlag(args, 'ca')
  if (!file) return undefined
  try {
    return readFileSync(file, 'utf8')
  } catch {
    throw new UsageError(
      tr({
        en: 'cannot read the certificate file given with --ca',
        ru: 'не удаётся прочитать файл сертификата из --ca'
      })
    )
  }
}

const credentialsOf = async (args: ParsedArgs, ctx: CliContext): Promise<CredentialsInput> => {
  const caPem = readCa(args)
  const oauthPortal = stringFlag(args, 'oauth-portal')
  if (stringFlag(args, 'webhook') !== undefined && oauthPortal)
    throw new UsageError(
      tr({
        en: 'give either --webhook or --oauth-portal, not both',
        ru: 'укажите --webhook или --oauth-portal, но не оба'
      })
    )
  const secrets = await resolveSecrets(args, ctx.io)
  const secret = (flag: SecretFlag, env: string): string => {
    const v = secrets[flag]
    if (!v)
      throw new UsageError(
        tr(
          {
            en: '--{flag} is required (or "--{flag} -" to read it from standard input, or {env})',
            ru: 'нужен --{flag} (или "--{flag} -", чтобы прочитать его со стандартного ввода, или {env})'
          },
          { flag, env }
        )
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
    tr({
      en: 'give --webhook URL (or "-", or B24DESK_WEBHOOK), or --oauth-portal URL with the OAuth options',
      ru: 'укажите --webhook URL (или "-", или B24DESK_WEBHOOK) либо --oauth-portal URL с параметрами OAuth'
    })
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
  const lines = describeCaPem(credentials.caPem).map((ca) =>
    tr(
      {
        en: '  {subject}\n  SHA-256 fingerprint: {fingerprint}\n  valid until {until}\n',
        ru: '  {subject}\n  отпечаток SHA-256: {fingerprint}\n  действителен до {until}\n'
      },
      { subject: ca.subject, fingerprint: ca.fingerprint256, until: ca.validTo.slice(0, 10) }
    )
  )
  ctx.io.stdout.write(
    tr(
      {
        en: "Certificate to trust for {host} only (other hosts are checked against the system's certificates):\n",
        ru: 'Сертификат, которому доверять только для {host} (другие адреса проверяются по системным сертификатам):\n'
      },
      { host }
    ) + lines.join('')
  )
}

const caHelp = {
  en:
    "--ca FILE is the PEM certificate of the CA that signed the portal's certificate; it is trusted for this\n" +
    "portal's host only, and its subject and SHA-256 fingerprint are printed before anything is saved.\n",
  ru:
    '--ca ФАЙЛ — сертификат PEM центра, подписавшего сертификат портала; ему доверяют только для адреса\n' +
    'этого портала, а его владелец и отпечаток SHA-256 печатаются до сохранения.\n'
}

/** Help on secrets and --ca. */
const credentialsHelp = { en: secretHelp.en + caHelp.en, ru: secretHelp.ru + caHelp.ru }

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
  if (!name) throw new UsageError(tr({ en: 'name the portal', ru: 'укажите имя портала' }))
  return name
}

export const portalCommands: CliCommand[] = [
  {
    name: 'portal add',
    summary: {
      en: 'check credentials with the portal and add it (secrets go to the OS keychain)',
      ru: 'проверить учётные данные на портале и добавить его (секреты — в хранилище паролей ОС)'
    },
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
        if (!report)
          return tr(
            { en: 'Added portal “{name}” ({host}).\n', ru: 'Портал «{name}» ({host}) добавлен.\n' },
            added
          )
        const missing = [!report.landing && 'landing', !report.crm && 'crm'].filter(Boolean)
        return (
          tr(
            {
              en: 'Added portal “{name}” ({host}), acting as {user} (id {id}{admin}).\n',
              ru: 'Портал «{name}» ({host}) добавлен; действия от имени {user} (id {id}{admin}).\n'
            },
            {
              ...added,
              user: report.user.name,
              id: report.user.id,
              admin: report.user.admin ? tr({ en: ', administrator', ru: ', администратор' }) : ''
            }
          ) +
          tr(
            { en: 'Scopes: {scopes}\n', ru: 'Права: {scopes}\n' },
            { scopes: report.scopes.join(', ') || '—' }
          ) +
          (missing.length
            ? tr(
                {
                  en: 'Warning: the credentials lack the {scopes} scope; some features will not work.\n',
                  ru: 'Внимание: у учётных данных нет прав {scopes}; часть возможностей не будет работать.\n'
                },
                { scopes: missing.join(tr({ en: ' and ', ru: ' и ' })) }
              )
            : '')
        )
      })
    }
  },
  {
    name: 'portal list',
    summary: { en: 'list the portals', ru: 'список порталов' },
    usage: '',
    async run(_args, ctx) {
      const portals = await ctx.invoke('portals:list')
      ctx.print(portals, () =>
        portals.length === 0
          ? tr({
              en: 'No portals yet. Add one with: b24desk portal add --name NAME --webhook URL\n',
              ru: 'Порталов пока нет. Добавьте: b24desk portal add --name ИМЯ --webhook URL\n'
            })
          : formatTable(
              ['NAME', 'HOST', 'AUTH', 'LIMITS', 'STATUS', 'LAST SYNC', 'TAGS'],
              portals.map((p) => [
                p.name + (p.demo ? tr({ en: ' (demo)', ru: ' (демо)' }) : ''),
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
    summary: {
      en: 'call the portal now and show its health (exit code 1 when the call failed)',
      ru: 'обратиться к порталу и показать его состояние (код выхода 1, если обращение не удалось)'
    },
    usage: 'NAME',
    details: {
      en: 'Prints "online" and exits 0 only when the portal answered the check. Otherwise it prints the state and the reason and exits 1.\n',
      ru: 'Печатает "online" и завершается с кодом 0, только если портал ответил. Иначе печатает состояние и причину и завершается с кодом 1.\n'
    },
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
    summary: {
      en: 'write the portal list without any secret (names, hosts, limits, tags) as JSON',
      ru: 'записать список порталов без секретов (имена, адреса, лимиты, метки) в JSON'
    },
    usage: '[--out FILE]',
    details: {
      en: 'Without --out the list goes to standard output. The file holds no webhook code, token or client secret; after "portal import" each portal needs its credentials again.\n',
      ru: 'Без --out список выводится на стандартный вывод. В файле нет кодов вебхуков, токенов и секретов клиента; после "portal import" каждому порталу снова нужны учётные данные.\n'
    },
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
      ctx.print(
        { file: out, portals: count },
        tr(
          {
            en: 'Wrote the list of portals ({count}) to {out}.\n',
            ru: 'Список порталов ({count}) записан в {out}.\n'
          },
          { count, out }
        )
      )
    }
  },
  {
    name: 'portal import',
    summary: {
      en: 'add the portals of a list made by "portal export" (each then needs its credentials)',
      ru: 'добавить порталы из списка "portal export" (затем каждому нужны учётные данные)'
    },
    usage: 'FILE|-',
    details: {
      en: 'Portals whose name is already taken are skipped. Imported portals have no credentials: give them with "b24desk portal credentials NAME ...", or in the app (the portal\'s Edit…).\n',
      ru: 'Порталы с уже занятыми именами пропускаются. У импортированных порталов нет учётных данных: задайте их командой "b24desk portal credentials ИМЯ ..." или в приложении (Изменить… у портала).\n'
    },
    async run(args, ctx) {
      const file = args.positionals[0]
      if (!file || args.positionals.length > 1)
        throw new UsageError(
          tr({
            en: 'give the file to import, or - for standard input',
            ru: 'укажите файл для импорта или - для стандартного ввода'
          })
        )
      let json: string
      try {
        json = file === '-' ? await readStdin(ctx.io) : readFileSync(file, 'utf8')
      } catch (err) {
        if (err instanceof UsageError) throw err
        throw new UsageError(tr({ en: 'cannot read {file}', ru: 'не удаётся прочитать {file}' }, { file }))
      }
      const added = await ctx.invoke('portals:import', { json })
      ctx.print(added, () =>
        added.length === 0
          ? tr({
              en: 'Nothing imported: every portal in the list is already here (by name).\n',
              ru: 'Ничего не импортировано: все порталы списка уже есть (по имени).\n'
            })
          : tr(
              {
                en:
                  'Imported {count} portal(s): {names}.\n' +
                  'They have no credentials yet: give them with "b24desk portal credentials NAME --webhook -" (or in the app) before their work can be sent.\n',
                ru:
                  'Импортировано порталов: {count}: {names}.\n' +
                  'У них ещё нет учётных данных: задайте их командой "b24desk portal credentials ИМЯ --webhook -" (или в приложении), иначе их задания не отправятся.\n'
              },
              { count: added.length, names: added.map((p) => p.name).join(', ') }
            )
      )
    }
  },
  {
    name: 'portal credentials',
    summary: {
      en: 'check new credentials for a portal and store them (after an import, a revoked webhook or a new app)',
      ru: 'проверить и сохранить новые учётные данные портала (после импорта, отзыва вебхука, нового приложения)'
    },
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
        tr(
          {
            en: 'Stored new credentials for “{name}” ({host}): {state}.\n',
            ru: 'Новые учётные данные для «{name}» ({host}) сохранены: {state}.\n'
          },
          { name: updated.name, host: updated.host, state: updated.health.state }
        )
      )
    }
  },
  {
    name: 'portal set',
    summary: () => portalText('set summary'),
    usage: `NAME [--name NEW] [--tags a,b] [--color #rrggbb|none] [--notes TEXT] [--max-in-flight N] [--limits standard|enterprise|self-hosted]`,
    details: () =>
      tr({
        en:
          `--max-in-flight: at most N batch requests of the outbox on this portal at once (1 to ${MAX_IN_FLIGHT_LIMIT};\n` +
          `default ${DEFAULT_MAX_IN_FLIGHT}). The outbox starts with one and adds more while the portal answers as fast; it goes\n` +
          'back down at once when the portal shows overload (HTTP 5xx, error pages, time-outs). 1 sends one request\n' +
          'at a time. Lower it for a portal that struggles under parallel publication; "b24desk queue" shows\n' +
          'what the outbox uses now and why it last went down.\n',
        ru:
          `--max-in-flight: не больше N пакетных запросов очереди к этому порталу одновременно (от 1 до ${MAX_IN_FLIGHT_LIMIT};\n` +
          `по умолчанию ${DEFAULT_MAX_IN_FLIGHT}). Очередь начинает с одного и добавляет, пока портал отвечает так же быстро;\n` +
          'при признаках перегрузки (HTTP 5xx, страницы ошибок, тайм-ауты) сразу снижает. 1 — по одному запросу.\n' +
          'Уменьшите для портала, которому тяжело при параллельной публикации; "b24desk queue" покажет,\n' +
          'сколько очередь использует сейчас и почему снизила в последний раз.\n'
      }) + portalText('set ca'),
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
        if (!parsed.success)
          throw new UsageError(
            tr(
              {
                en: '--max-in-flight must be a whole number from 1 to {max}',
                ru: '--max-in-flight: нужно целое число от 1 до {max}'
              },
              { max: MAX_IN_FLIGHT_LIMIT }
            )
          )
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
