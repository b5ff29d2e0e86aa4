import { createInterface } from 'node:readline'
import { localize, type Localized } from '../../main/services/app/language'
import { createKeychainStore, KEYCHAIN_SERVICE } from '../../main/services/portals/secret-store'
import {
  addGroup,
  addMember,
  initWorkspace,
  LATEST_SCHEMA_VERSION,
  openWorkspace,
  readSavedWorkspace,
  readStatus,
  type OpenedWorkspace
} from '../../main/services/workspace'
import { parseWorkspaceUrl } from '../../main/services/workspace/connection'
import { requiredFlag, stringFlag, UsageError, type ParsedArgs } from '../args'
import type { CliCommand, CliContext } from '../command'
import { workspaceLabels as labels, workspaceTexts as m } from './workspace.messages'

const t = localize

/** Where the database password may come from besides the keychain. */
const PASSWORD_ENV = 'B24DESK_WORKSPACE_PASSWORD'
/** The workspace URL when a command is given none (until `workspace connect` saves one). */
const URL_ENV = 'B24DESK_WORKSPACE_URL'

/** One line from standard input: a person at a terminal need not send end-of-file. */
const readLine = async (stdin: NodeJS.ReadableStream): Promise<string> => {
  const rl = createInterface({ input: stdin, terminal: false, crlfDelay: Infinity })
  try {
    for await (const line of rl) return line.trim()
    return ''
  } finally {
    rl.close()
  }
}

const passwordFrom = async (args: ParsedArgs, ctx: CliContext): Promise<string | null> => {
  const given = stringFlag(args, 'password')
  if (given === undefined) return ctx.io.env[PASSWORD_ENV] || null
  if (given !== '-') throw new UsageError(t(m.typedPassword, { env: PASSWORD_ENV }))
  if (!ctx.io.stdin) throw new UsageError(t(m.noStdin))
  const line = await readLine(ctx.io.stdin)
  if (!line) throw new UsageError(t(m.emptyStdin))
  return line
}

/** The keychain run.ts would use: B24DESK_KEYCHAIN_SERVICE (tests, a spawned CLI) or B24 Desk's own. */
const keychain = (ctx: CliContext) =>
  createKeychainStore(ctx.io.env.B24DESK_KEYCHAIN_SERVICE || KEYCHAIN_SERVICE)

/** Opens the workspace at `url`, runs `fn`, says what the person should know, and always disconnects. */
const withWorkspace = async <T>(
  url: string,
  args: ParsedArgs,
  ctx: CliContext,
  fn: (ws: OpenedWorkspace) => Promise<T>
): Promise<T> => {
  const password = await passwordFrom(args, ctx)
  const ws = await openWorkspace(url, {
    password,
    caFile: stringFlag(args, 'ca'),
    secretStore: keychain(ctx)
  })
  try {
    if (parseWorkspaceUrl(url).password) ctx.warn(t(m.urlPassword))
    for (const w of ws.warnings) ctx.warn(w)
    return await fn(ws)
  } finally {
    await ws.client.end().catch(() => {})
  }
}

/** The URL a command acts on: its argument or --url, then B24DESK_WORKSPACE_URL, then the connected workspace. */
const workspaceUrl = (given: string | undefined, ctx: CliContext): string | null =>
  given || ctx.io.env[URL_ENV] || readSavedWorkspace(ctx.dataDir)?.url || null

const CONNECTION_FLAGS = { password: 'string', ca: 'string' } as const

const connectionDetails: Localized = {
  en: `The URL: postgresql://USER@HOST:PORT/DATABASE, with ?sslmode=verify-full&sslrootcert=CA.pem for TLS that
verifies the server (the default for any host but this computer), ?host=/run/postgresql for a Unix socket.
The password is read with --password - (standard input) or from ${PASSWORD_ENV}, and kept in the keychain
once the database accepted it; later commands need only the URL. --ca FILE is the same as sslrootcert=FILE.
`,
  ru: `URL: postgresql://ПОЛЬЗОВАТЕЛЬ@ХОСТ:ПОРТ/БАЗА, с ?sslmode=verify-full&sslrootcert=CA.pem для TLS с проверкой
сервера (по умолчанию для любого хоста, кроме этого компьютера), ?host=/run/postgresql для Unix-сокета.
Пароль читается из --password - (стандартный ввод) или ${PASSWORD_ENV} и сохраняется в хранилище ключей,
как только база его приняла; дальше достаточно URL. --ca ФАЙЛ равносилен sslrootcert=ФАЙЛ.
`
}

const init: CliCommand = {
  name: 'workspace init',
  summary: {
    en: 'create a team workspace in a PostgreSQL database, or bring its schema up to date',
    ru: 'создать общее рабочее пространство в базе PostgreSQL или обновить его схему'
  },
  usage: { en: 'URL [--ca FILE] [--password -]', ru: 'URL [--ca ФАЙЛ] [--password -]' },
  details: connectionDetails,
  flags: CONNECTION_FLAGS,
  async run(args, ctx) {
    const [url, ...extra] = args.positionals
    if (!url || extra.length > 0) throw new UsageError(t(m.giveUrl))
    await withWorkspace(url, args, ctx, async (ws) => {
      const r = await initWorkspace(ws)
      const vars = { where: r.where, from: r.from, to: r.to, url: r.url }
      ctx.print(
        { workspace: r.where, url: r.url, from: r.from, to: r.to, applied: r.applied.map((a) => a.version) },
        () =>
          (r.applied.length === 0
            ? t(m.upToDate, vars)
            : r.from === 0
              ? t(m.created, vars)
              : t(m.migrated, vars)) + t(m.nextSteps, vars)
      )
    })
  }
}

const status: CliCommand = {
  name: 'workspace status',
  summary: {
    en: 'show the team workspace: database, role, groups, latency, schema version',
    ru: 'показать общее рабочее пространство: база, роль, группы, задержка, версия схемы'
  },
  usage: { en: '[URL] [--ca FILE] [--password -]', ru: '[URL] [--ca ФАЙЛ] [--password -]' },
  details: connectionDetails,
  flags: CONNECTION_FLAGS,
  async run(args, ctx) {
    const url = workspaceUrl(args.positionals[0], ctx)
    if (!url) {
      ctx.print({ workspace: 'local', dataDir: ctx.dataDir }, t(m.local, { dir: ctx.dataDir }))
      return
    }
    await withWorkspace(url, args, ctx, async (ws) => {
      const s = await readStatus(ws.client)
      const schema =
        s.schemaVersion === null
          ? t(m.schemaNoAccess, { role: s.sessionUser })
          : s.schemaVersion === 0
            ? t(m.schemaNone)
            : s.schemaVersion < LATEST_SCHEMA_VERSION
              ? t(m.schemaOlder, { v: s.schemaVersion, latest: LATEST_SCHEMA_VERSION })
              : s.schemaVersion > LATEST_SCHEMA_VERSION
                ? t(m.schemaNewer, { v: s.schemaVersion, latest: LATEST_SCHEMA_VERSION })
                : t(m.schemaOk, { v: s.schemaVersion })
      const role = `${s.sessionUser}${s.currentUser !== s.sessionUser ? ` (as ${s.currentUser})` : ''}, ${t(s.admin ? m.admin : m.member)}`
      const groups =
        s.groups.map((g) => `${g.name} (${t(g.readOnly ? m.readOnly : m.readWrite)})`).join(', ') ||
        t(m.noGroups)
      const rows: Array<[Localized, string]> = [
        [labels.workspace, ws.where],
        [labels.server, `PostgreSQL ${s.server}`],
        [labels.role, role],
        [labels.groups, groups],
        [labels.tls, t(s.tls ? m.on : m.off)],
        [labels.latency, `${s.latencyMs} ms`],
        [labels.schema, schema]
      ]
      const width = Math.max(...rows.map(([l]) => t(l).length))
      ctx.print({ workspace: ws.where, ...s }, () =>
        rows.map(([l, v]) => `${t(l).padEnd(width)}  ${v}\n`).join('')
      )
    })
  }
}

const needUrl = (args: ParsedArgs, ctx: CliContext): string => {
  const url = workspaceUrl(stringFlag(args, 'url'), ctx)
  if (!url) throw new UsageError(t(m.noWorkspace, { env: URL_ENV }))
  return url
}

const group: CliCommand = {
  name: 'workspace group',
  summary: {
    en: 'add a portal group to the team workspace',
    ru: 'добавить группу порталов в общее рабочее пространство'
  },
  usage: { en: 'add NAME [--url URL]', ru: 'add ИМЯ [--url URL]' },
  details: connectionDetails,
  flags: { ...CONNECTION_FLAGS, url: 'string' },
  async run(args, ctx) {
    const [verb, name, ...extra] = args.positionals
    if (verb !== 'add' || !name || extra.length > 0) throw new UsageError(t(m.groupUsage))
    await withWorkspace(needUrl(args, ctx), args, ctx, async (ws) => {
      const g = await addGroup({ client: ws.client, where: ws.where }, name)
      ctx.print(g, t(m.groupAdded, { group: g.name }))
    })
  }
}

const member: CliCommand = {
  name: 'workspace member',
  summary: {
    en: 'make a database role a member of a portal group (read-write, or --read-only)',
    ru: 'сделать роль базы участником группы порталов (чтение и запись или --read-only)'
  },
  usage: {
    en: 'add ROLE --group NAME [--read-only] [--url URL]',
    ru: 'add РОЛЬ --group ИМЯ [--read-only] [--url URL]'
  },
  details: {
    en: `A read-write member sees and acts on the portals of the group; a read-only member sees its jobs,
snapshots and activity and can queue, restore or change nothing. PostgreSQL enforces both.
The role must exist (CREATE ROLE name LOGIN PASSWORD '…').
${connectionDetails.en}`,
    ru: `Участник с правом записи видит порталы группы и работает с ними; участник только для чтения видит её
задания, снимки и журнал действий и не может ничего ставить в очередь, восстанавливать или менять.
Это обеспечивает сам PostgreSQL. Роль должна существовать (CREATE ROLE имя LOGIN PASSWORD '…').
${connectionDetails.ru}`
  },
  flags: { ...CONNECTION_FLAGS, url: 'string', group: 'string', 'read-only': 'boolean' },
  async run(args, ctx) {
    const [verb, role, ...extra] = args.positionals
    if (verb !== 'add' || !role || extra.length > 0) throw new UsageError(t(m.memberUsage))
    const groupName = requiredFlag(args, 'group')
    const readOnly = args.flags['read-only'] === true
    await withWorkspace(needUrl(args, ctx), args, ctx, async (ws) => {
      const r = await addMember({ client: ws.client, where: ws.where }, role, groupName, readOnly)
      ctx.print(
        r,
        t(m.memberAdded, { role: r.role, group: r.group, how: t(r.readOnly ? m.readOnly : m.readWrite) })
      )
    })
  }
}

/** b24desk workspace …: the team workspace on PostgreSQL (issue 21). */
export const workspaceCommands: CliCommand[] = [init, status, group, member]
