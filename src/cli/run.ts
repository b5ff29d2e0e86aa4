import { version } from '../../package.json'
import { AppError } from '../main/services/errors'
import { defaultDataDir } from '../main/services/app/data-dir'
import { existsSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { languageFromEnv } from '../main/services/app/language'
import { redactSecrets } from '../main/services/bitrix/redact'
import { createAppServices, type AppServices } from '../main/services/compose'
import {
  assertKeychain,
  createKeychainStore,
  KEYCHAIN_SERVICE,
  type SecretStore
} from '../main/services/portals'
import { ContractInputError, invokeChecked } from '../../src/shared/ipc/handlers'
import { parseArgs, stringFlag, UsageError } from './args'
import type { CliCommand, CliContext, CliIo } from './command'
import { tr, useLanguage } from './i18n'
import { commonMessages } from './messages/common'
import { helpText } from './messages/help'
import { commands as registry } from './commands'
import { jsonTimes } from './when'

export type { CliIo } from './command'

const common = commonMessages

/** One line typed at the terminal (for a confirmation). */
const readLine = (stdin: NodeJS.ReadableStream): Promise<string> =>
  new Promise((done) => {
    let text = ''
    const onData = (d: Buffer | string) => {
      text += d.toString()
      if (text.includes('\n')) finish()
    }
    const finish = () => {
      stdin.off('data', onData)
      stdin.off('end', finish)
      stdin.pause()
      done(text.split('\n')[0])
    }
    stdin.on('data', onData)
    stdin.on('end', finish)
    stdin.resume()
  })

export interface RunOptions {
  /** Tests pass their own keychain entry name; B24DESK_KEYCHAIN_SERVICE does the same for a spawned CLI. */
  secretStore?: SecretStore
  commands?: CliCommand[]
}

const usageOf = (c: CliCommand) => {
  const usage = tr(c.usage)
  return `b24desk ${c.name}${usage ? ` ${usage}` : ''}`
}

const listLine = (name: string, summary: string) => `  ${name.padEnd(19)} ${summary}`

const help = (commands: CliCommand[]) =>
  helpText('general', {
    commands: commands.map((c) => listLine(c.name, tr(c.summary))).join('\n'),
    help: 'help COMMAND'.padEnd(20),
    version: 'version'.padEnd(20)
  })

/** "portal", "snapshot", "maintenance": a first word several commands share. */
const groupOf = (commands: CliCommand[], word: string): CliCommand[] =>
  commands.filter((c) => c.name.startsWith(`${word} `))

const groupHelp = (group: string, members: CliCommand[]) =>
  helpText('group', {
    group,
    commands: members.map((c) => listLine(c.name.slice(group.length + 1), tr(c.summary))).join('\n')
  })

const commandHelp = (command: CliCommand) =>
  helpText('command', { usage: usageOf(command), summary: tr(command.summary) }) +
  (command.details ? `\n${tr(command.details)}` : '')

const HELP_WORDS = new Set(['--help', '-h'])

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
      common.t('invalid value', { field: optionFor(p.path) ?? 'input', reason: plainReason(p.message) })
    )
    .join('; ')
}

/**
 * A contract's complaint without its insides: "must match pattern /^#[0-9a-fA-F]{6}$/" says nothing
 * to a person, so a pattern is left out of the sentence.
 */
const plainReason = (message: string): string =>
  /pattern|regex|\/\^/i.test(message) ? common.t('not in the expected form') : message

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
  useLanguage(languageFromEnv(io.env))
  const commands = opts.commands ?? registry
  const { lead, rest: argv } = leadingGlobalOptions(fullArgv)
  const [first] = argv
  if (!first || first === 'help' || HELP_WORDS.has(first)) {
    const asked = first === 'help' ? argv.slice(1) : []
    if (asked.length > 0) {
      const found = findCommand(commands, asked)
      const group = groupOf(commands, asked[0])
      if (found && found.rest.length === 0) io.stdout.write(commandHelp(found.command))
      else if (group.length > 0 && asked.length === 1) io.stdout.write(groupHelp(asked[0], group))
      else {
        io.stderr.write(`b24desk: ${helpText('help of unknown', { name: asked.join(' ') })}\n`)
        return 2
      }
      return 0
    }
    io.stdout.write(help(commands))
    return first ? 0 : 2
  }
  if (first === 'version' || first === '--version') {
    io.stdout.write(`${version}\n`)
    return 0
  }
  const found = findCommand(commands, argv)
  if (!found) {
    // "b24desk portal" alone, or "b24desk portal --help": the group's commands.
    const group = groupOf(commands, first)
    if (group.length > 0 && argv.slice(1).every((a) => HELP_WORDS.has(a) || a === '--json')) {
      const asked = argv.slice(1).some((a) => HELP_WORDS.has(a))
      if (!asked) io.stderr.write(`b24desk: ${helpText('no subcommand', { group: first })}\n\n`)
      io.stdout.write(groupHelp(first, group))
      return asked ? 0 : 2
    }
    io.stderr.write(
      `b24desk: ${common.t('unknown command', { name: argv.slice(0, 2).join(' ') })}\n\n${help(commands)}`
    )
    return 2
  }
  const { command } = found
  const rest = [...lead, ...found.rest]
  // Help wins over anything else on the line: "b24desk run --wait x --help" still shows help.
  if (
    found.rest
      .slice(0, found.rest.indexOf('--') === -1 ? undefined : found.rest.indexOf('--'))
      .some((a) => HELP_WORDS.has(a))
  ) {
    io.stdout.write(commandHelp(command))
    return 0
  }

  // Held in an object: TypeScript cannot see the assignment made inside ctx.services().
  const opened: { services: Promise<AppServices> | null } = { services: null }
  try {
    const args = parseArgs(rest, command.flags ?? {})
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
          json ? `${JSON.stringify(data, jsonTimes, 2)}\n` : typeof human === 'function' ? human() : human
        )
      },
      warn(message) {
        io.stderr.write(`b24desk: ${message}\n`)
      },
      async portalByName(name) {
        const all = await ctx.invoke('portals:list')
        const p = all.find((x) => x.name.toLowerCase() === name.trim().toLowerCase())
        if (!p) throw new UsageError(common.t('no such portal', { name }))
        return p
      },
      async confirm(question, yes) {
        if (yes) return true
        const stdin = io.stdin as (NodeJS.ReadableStream & { isTTY?: boolean }) | undefined
        if (!stdin?.isTTY) {
          io.stderr.write(`b24desk: ${common.t('needs --yes', { question })}\n`)
          return false
        }
        io.stderr.write(common.t('confirm prompt', { question }))
        const answer = await readLine(stdin)
        if (/^(y|yes|д|да)$/i.test(answer.trim())) return true
        io.stderr.write(`${common.t('confirm refused')}\n`)
        return false
      },
      output(content, file, { mode, quiet = false } = {}) {
        if (file === undefined) {
          io.stdout.write(content)
          return
        }
        const target = resolve(file)
        if (!existsSync(dirname(target)))
          throw new AppError(
            'OUT_FOLDER_MISSING',
            common.t('folder missing', { file, folder: dirname(file) })
          )
        try {
          writeFileSync(target, content, mode === undefined ? undefined : { mode })
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code ?? ''
          throw new AppError(
            'OUT_NOT_WRITTEN',
            common.t('cannot write', { file, reason: code || String(err) })
          )
        }
        if (!quiet) ctx.warn(common.t('written to', { file }))
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
      io.stderr.write(`b24desk: ${err.message}\n${common.t('usage')} ${usageOf(command)}\n`)
      return 2
    }
    if (err instanceof ContractInputError) {
      io.stderr.write(`b24desk: ${refusedInput(err, command)}\n${common.t('usage')} ${usageOf(command)}\n`)
      return 2
    }
    if (err instanceof AppError) {
      io.stderr.write(`b24desk: ${err.message}\n`)
      return 1
    }
    io.stderr.write(
      `b24desk: ${common.t('unexpected error')}: ${redactSecrets(err instanceof Error ? err.message : String(err))}\n`
    )
    return 1
  } finally {
    // A deadline-bound command (run --wait) does not wait long for requests still in flight.
    if (opened.services) await (await opened.services.catch(() => null))?.close(command.closeGraceMs)
  }
}
