import { createInterface } from 'node:readline'
import { stringFlag, UsageError, type ParsedArgs } from './args'
import type { CliIo } from './command'

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

export const secretHelp = `Secrets stay out of the process list when given as "-" (read from standard input, one line
each, in the order --webhook, --client-secret, --access-token, --refresh-token), or when the option is
left out and ${SECRET_OPTIONS.map((o) => o.env).join(', ')} is set instead.
`

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

/** The secret options' values, from the command line, standard input or the environment, in that order of precedence. */
export const resolveSecrets = async (
  args: ParsedArgs,
  io: CliIo
): Promise<Partial<Record<SecretFlag, string>>> => {
  const out: Partial<Record<SecretFlag, string>> = {}
  const fromStdin: SecretFlag[] = []
  for (const { flag, env } of SECRET_OPTIONS) {
    const value = stringFlag(args, flag)
    if (value === '-') fromStdin.push(flag)
    else if (value !== undefined) out[flag] = value
    else if (io.env[env]?.trim()) out[flag] = io.env[env].trim()
  }
  if (fromStdin.length === 0) return out
  const names = fromStdin.map((f) => `--${f}`).join(', ')
  if (!io.stdin) throw new UsageError(`${names} "-" needs standard input, and there is none`)
  if ((io.stdin as { isTTY?: boolean }).isTTY)
    io.stderr.write(`b24desk: reading ${names} from standard input, one line each\n`)
  const lines = await readLines(io.stdin, fromStdin.length)
  fromStdin.forEach((flag, i) => {
    const line = lines[i]
    if (!line)
      throw new UsageError(
        `--${flag} -: standard input gave no value for it (expected ${fromStdin.length} non-empty line(s): ${names})`
      )
    out[flag] = line
  })
  return out
}

/** All of standard input, as text (for a file given as "-"). */
export const readStdin = async (io: CliIo): Promise<string> => {
  if (!io.stdin) throw new UsageError('"-" needs standard input, and there is none')
  const chunks: Buffer[] = []
  for await (const chunk of io.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}
