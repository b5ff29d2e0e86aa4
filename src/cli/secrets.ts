import { secretsText } from './messages/secrets'
import { createInterface } from 'node:readline'
import { stringFlag, UsageError, type ParsedArgs } from './args'
import type { CliIo } from './command'
import type { Localized } from '../main/services/app/language'

/**
 * Options that carry a secret. A value on the command line is visible to every user of the machine
 * (the process list, shell history), so each can also come from standard input (`-`, one line each,
 * in this order) or from its environment variable when the option is left out.
 */
export const SECRET_OPTIONS = [
  { flag: 'webhook', env: 'B24DESK_WEBHOOK' },
  { flag: 'client-secret', env: 'B24DESK_CLIENT_SECRET' },
  { flag: 'access-token', env: 'B24DESK_ACCESS_TOKEN' },
  { flag: 'refresh-token', env: 'B24DESK_REFRESH_TOKEN' }
] as const

export type SecretFlag = (typeof SECRET_OPTIONS)[number]['flag']

const secretEnvs = SECRET_OPTIONS.map((o) => o.env).join(', ')

export const secretHelp: Localized = {
  en: `Secrets stay out of the process list when given as "-" (read from standard input, one line
each, in the order --webhook, --client-secret, --access-token, --refresh-token), or when the option is
left out and ${secretEnvs} is set instead.
`,
  ru: `Секреты не попадают в список процессов, если указать "-" (значение читается со стандартного ввода,
по строке, в порядке --webhook, --client-secret, --access-token, --refresh-token) или не указывать
параметр, а задать ${secretEnvs}.
`
}

/** Reads `count` lines and stops: a person typing at a terminal need not send end-of-file. */
const readLines = async (stdin: NodeJS.ReadableStream, count: number): Promise<string[]> => {
  const lines: string[] = []
  const rl = createInterface({ input: stdin, terminal: false, crlfDelay: Infinity })
  try {
    for await (const line of rl) {
      lines.push(line.trim())
      if (lines.length === count) break
    }
  } finally {
    rl.close()
  }
  return lines
}

/**
 * Said on stderr when secrets were typed as option values: by then they are already in the process
 * list and the shell history, so the command goes on, but the person learns how to avoid it.
 */
export const typedSecretWarning = (flags: readonly SecretFlag[]): string => {
  const names = flags.map((f) => `--${f}`).join(', ')
  const envs = SECRET_OPTIONS.filter((o) => flags.includes(o.flag)).map((o) => o.env)
  const [was, it] = flags.length > 1 ? ['were', 'them'] : ['was', 'it']
  return `b24desk: ${secretsText('warning names was typed on', { names, was, it, first: flags[0], envs: envs.join(', ') })}\n`
}

/** The secret options' values, from the command line, standard input or the environment, in that order of precedence. */
export const resolveSecrets = async (
  args: ParsedArgs,
  io: CliIo
): Promise<Partial<Record<SecretFlag, string>>> => {
  const out: Partial<Record<SecretFlag, string>> = {}
  const fromStdin: SecretFlag[] = []
  const typed: SecretFlag[] = []
  for (const { flag, env } of SECRET_OPTIONS) {
    const value = stringFlag(args, flag)
    if (value === '-') fromStdin.push(flag)
    else if (value !== undefined) {
      out[flag] = value
      if (value.trim() !== '') typed.push(flag)
    } else if (io.env[env]?.trim()) out[flag] = io.env[env].trim()
  }
  if (typed.length > 0) io.stderr.write(typedSecretWarning(typed))
  if (fromStdin.length === 0) return out
  const names = fromStdin.map((f) => `--${f}`).join(', ')
  if (!io.stdin) throw new UsageError(secretsText('names needs standard input and', { names }))
  if ((io.stdin as { isTTY?: boolean }).isTTY)
    io.stderr.write(`b24desk: ${secretsText('reading names from standard input', { names })}\n`)
  const lines = await readLines(io.stdin, fromStdin.length)
  fromStdin.forEach((flag, i) => {
    const line = lines[i]
    if (!line)
      throw new UsageError(
        secretsText('flag standard input gave no', { flag, count: fromStdin.length, names })
      )
    out[flag] = line
  })
  return out
}

/** All of standard input, as text (for a file given as "-"). */
export const readStdin = async (io: CliIo): Promise<string> => {
  if (!io.stdin) throw new UsageError(secretsText('needs standard input and there'))
  const chunks: Buffer[] = []
  for await (const chunk of io.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}
