import { version } from '../../package.json'
import { AppError } from '../main/services/errors'
import { defaultDataDir } from '../main/services/app/data-dir'
import { languageFromEnv, localize, setLanguage } from '../main/services/app/language'
import { redactSecrets } from '../main/services/bitrix/redact'
import { createAppServices, type AppServices } from '../main/services/compose'
import {
  assertKeychain,
  createKeychainStore,
  KEYCHAIN_SERVICE,
  type SecretStore
} from '../main/services/portals'
import { ContractInputError, invokeChecked } from '../shared/ipc/handlers'
import { parseArgs, stringFlag, UsageError } from './args'
import type { CliCommand, CliContext, CliIo } from './command'
import { tr } from './i18n'
import { commands as registry } from './commands'

export type { CliIo } from './command'

export interface RunOptions {
  /** Tests pass their own keychain entry name; B24DESK_KEYCHAIN_SERVICE does the same for a spawned CLI. */
  secretStore?: SecretStore
  commands?: CliCommand[]
}

const usageOf = (c: CliCommand) => {
  const usage = tr(c.usage)
  return `b24desk ${c.name}${usage ? ` ${usage}` : ''}`
}

const USAGE = { en: 'Usage:', ru: 'Использование:' }

const help = (commands: CliCommand[]) =>
  tr(
    {
      en: `Usage: b24desk <command> [options]

Commands:
{commands}
  version           print the version

Every command takes --data-dir DIR (default: the app's data folder) and --json (machine-readable output).
Run "b24desk <command> --help" for its options. Messages follow B24DESK_LANG, then LANG (en or ru).

Secrets (a webhook URL, an OAuth client secret or tokens) typed as options are visible to other
users in the process list. Give "-" instead to read the value from standard input, one line each,
or leave the option out and set B24DESK_WEBHOOK, B24DESK_CLIENT_SECRET, B24DESK_ACCESS_TOKEN or
B24DESK_REFRESH_TOKEN.
`,
      ru: `Использование: b24desk <команда> [параметры]

Команды:
{commands}
  version           показать версию

Каждая команда принимает --data-dir КАТАЛОГ (по умолчанию папка данных приложения) и --json (вывод для программ).
"b24desk <команда> --help" покажет её параметры. Язык сообщений задают B24DESK_LANG, затем LANG (en или ru).

Секреты (URL вебхука, секрет клиента OAuth, токены), набранные в параметрах, видны другим
пользователям в списке процессов. Укажите вместо них "-", чтобы прочитать значение со стандартного
ввода (по строке на каждое), или не указывайте параметр и задайте B24DESK_WEBHOOK, B24DESK_CLIENT_SECRET,
B24DESK_ACCESS_TOKEN или B24DESK_REFRESH_TOKEN.
`
    },
    { commands: commands.map((c) => `  ${c.name.padEnd(17)} ${tr(c.summary)}`).join('\n') }
  )

/** Longest match first, so "portal add" wins over a one-word "portal". */
const findCommand = (
  commands: CliCommand[],
  argv: string[]
): { command: CliCommand; rest: string[] } | null => {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ')
    const command = commands.find((c) => c.name === name)
    if (command) return { command, rest: argv.slice(words) }
  }
  return null
}

/**
 * What the contract refused, named as the person typed it: the option that set the field when the
 * command says which (`--color`), otherwise the field's path in the request.
 */
const refusedInput = (err: ContractInputError, command: CliCommand): string => {
  const options = Object.entries(command.inputOptions ?? {})
  const optionFor = (path: string): string | undefined =>
    options
      .filter(([field]) => path === field || path.startsWith(`${field}.`))
      .sort(([a], [b]) => b.length - a.length)[0]?.[1]
  return err.problems
    .map((p) =>
      localize(
        { en: 'invalid {field}: {reason}', ru: 'недопустимое значение {field}: {reason}' },
        { field: optionFor(p.path) ?? (p.path || 'input'), reason: p.message }
      )
    )
    .join('; ')
}

/** `--data-dir DIR` and `--json` written before the command ("b24desk --data-dir D portal list"). */
const leadingGlobalOptions = (argv: string[]): { lead: string[]; rest: string[] } => {
  let i = 0
  while (i < argv.length) {
    const a = argv[i]
    if (a === '--json' || a.startsWith('--data-dir=')) i += 1
    else if (a === '--data-dir' && i + 1 < argv.length) i += 2
    else break
  }
  return { lead: argv.slice(0, i), rest: argv.slice(i) }
}

/** Runs one command line; returns the exit code (0 ok, 1 failed, 2 usage). */
export const runCli = async (fullArgv: string[], io: CliIo, opts: RunOptions = {}): Promise<number> => {
  setLanguage(languageFromEnv(io.env))
  const commands = opts.commands ?? registry
  const { lead, rest: argv } = leadingGlobalOptions(fullArgv)
  const [first] = argv
  if (!first || first === 'help' || first === '--help') {
    io.stdout.write(help(commands))
    return first ? 0 : 2
  }
  if (first === 'version' || first === '--version') {
    io.stdout.write(`${version}\n`)
    return 0
  }
  const found = findCommand(commands, argv)
  if (!found) {
    io.stderr.write(
      `b24desk: ${tr({ en: 'unknown command "{name}"', ru: 'неизвестная команда "{name}"' }, { name: argv.slice(0, 2).join(' ') })}\n\n${help(commands)}`
    )
    return 2
  }
  const { command } = found
  const rest = [...lead, ...found.rest]

  // Held in an object: TypeScript cannot see the assignment made inside ctx.services().
  const opened: { services: Promise<AppServices> | null } = { services: null }
  try {
    const args = parseArgs(rest, command.flags ?? {})
    if (args.flags.help) {
      io.stdout.write(
        `${tr(USAGE)} ${usageOf(command)} [--data-dir DIR] [--json]\n\n${tr(command.summary)}\n${command.details ? `\n${tr(command.details)}` : ''}`
      )
      return 0
    }
    const json = args.flags.json === true
    const dataDir = stringFlag(args, 'data-dir') ?? defaultDataDir(io.env)
    const secretStore =
      opts.secretStore ??
      (io.env.B24DESK_KEYCHAIN_SERVICE ? createKeychainStore(io.env.B24DESK_KEYCHAIN_SERVICE) : undefined)
    const ctx: CliContext = {
      io,
      json,
      dataDir,
      services() {
        opened.services ??= createAppServices({
          dataDir,
          version,
          openExternal: async () => {},
          secretStore,
          runOutbox: command.runOutbox ?? false,
          // No window to tell: the desktop app is the one that watches for what this process changes.
          watchOtherProcesses: false,
          reviveDemo: false,
          log: io.env.B24DESK_DEBUG ? (line) => io.stderr.write(`${redactSecrets(line)}\n`) : undefined
        })
        return opened.services
      },
      invoke(channel, ...input) {
        return invokeChecked(async () => (await ctx.services()).handlers, channel, input[0])
      },
      print(data, human) {
        io.stdout.write(
          json ? `${JSON.stringify(data, null, 2)}\n` : typeof human === 'function' ? human() : human
        )
      },
      warn(message) {
        io.stderr.write(`b24desk: ${message}\n`)
      },
      async portalByName(name) {
        const all = await ctx.invoke('portals:list')
        const p = all.find((x) => x.name.toLowerCase() === name.trim().toLowerCase())
        if (!p)
          throw new UsageError(
            tr(
              {
                en: 'no portal named "{name}" (see: b24desk portal list)',
                ru: 'нет портала с именем "{name}" (см. b24desk portal list)'
              },
              { name }
            )
          )
        return p
      },
      // The same keychain the portals service will use (its default when none is passed).
      assertKeychain: () =>
        assertKeychain(
          secretStore ?? createKeychainStore(process.env.B24DESK_KEYCHAIN_SERVICE || KEYCHAIN_SERVICE)
        )
    }
    const code = await command.run(args, ctx)
    return code ?? 0
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`b24desk: ${err.message}\n${tr(USAGE)} ${usageOf(command)}\n`)
      return 2
    }
    if (err instanceof ContractInputError) {
      io.stderr.write(`b24desk: ${refusedInput(err, command)}\n${tr(USAGE)} ${usageOf(command)}\n`)
      return 2
    }
    if (err instanceof AppError) {
      io.stderr.write(`b24desk: ${err.message}\n`)
      return 1
    }
    io.stderr.write(
      `b24desk: ${tr({ en: 'unexpected error', ru: 'непредвиденная ошибка' })}: ${redactSecrets(err instanceof Error ? err.message : String(err))}\n`
    )
    return 1
  } finally {
    if (opened.services) await (await opened.services.catch(() => null))?.close()
  }
}
