import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util'
import { commonMessages } from './messages/common'

const t = commonMessages.t

/** 'list': the option may be given several times (`--portal A --portal B`); its values are kept in order. */
export type FlagKind = 'string' | 'boolean' | 'list'

export interface ParsedArgs {
  /** Words after the command's own name. */
  positionals: string[]
  flags: Record<string, string | boolean | string[]>
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** Flags every command takes. */
export const GLOBAL_FLAGS: Record<string, FlagKind> = {
  'data-dir': 'string',
  json: 'boolean',
  help: 'boolean'
}

/** The option a node:util parse error is about, as the person typed it (`--portal`). */
const optionIn = (message: string): string => /'(--?[^' =<]+)/.exec(message)?.[1]?.replace(/^-+/, '') ?? ''

/**
 * `--name value`, `--name=value`, boolean `--json`, `-h` for help, through node:util's parseArgs.
 * Only declared flags are accepted, so a typo fails loudly instead of being ignored; its errors are
 * said in the user's language.
 */
export const parseArgs = (argv: string[], declared: Record<string, FlagKind>): ParsedArgs => {
  const spec = { ...GLOBAL_FLAGS, ...declared }
  const options: NonNullable<ParseArgsConfig['options']> = {}
  for (const [name, kind] of Object.entries(spec))
    options[name] = {
      type: kind === 'boolean' ? 'boolean' : 'string',
      ...(kind === 'list' ? { multiple: true } : {}),
      ...(name === 'help' ? { short: 'h' } : {})
    }
  let parsed: { values: Record<string, unknown>; positionals: string[] }
  try {
    parsed = parseNodeArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (err) {
    const code = (err as { code?: string }).code
    const message = err instanceof Error ? err.message : ''
    const name = optionIn(message)
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(t('unknown option', { name }))
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new UsageError(
        spec[name] === 'boolean' ? t('option takes no value', { name }) : t('option needs value', { name })
      )
    throw err
  }
  const flags: ParsedArgs['flags'] = {}
  for (const [name, value] of Object.entries(parsed.values))
    if (value !== undefined) flags[name] = value as string | boolean | string[]
  return { positionals: parsed.positionals, flags }
}

export const stringFlag = (args: ParsedArgs, name: string): string | undefined => {
  const v = args.flags[name]
  return typeof v === 'string' ? v : undefined
}

/** Every value of a 'list' option, in the order given (empty when it was not given). */
export const listFlag = (args: ParsedArgs, name: string): string[] => {
  const v = args.flags[name]
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : []
}

export const requiredFlag = (args: ParsedArgs, name: string): string => {
  const v = stringFlag(args, name)
  if (v === undefined || v === '') throw new UsageError(t('option required', { name }))
  return v
}

/** A positive whole number within JavaScript's safe range (ids and counts beyond it are refused). */
const positiveWhole = (text: string): number | null =>
  /^\d+$/.test(text) && Number(text) > 0 && Number.isSafeInteger(Number(text)) ? Number(text) : null

export const intFlag = (args: ParsedArgs, name: string): number | undefined => {
  const v = stringFlag(args, name)
  if (v === undefined) return undefined
  const n = positiveWhole(v)
  if (n === null) throw new UsageError(t('positive whole number', { name }))
  return n
}

/** Ids typed as words: positive whole numbers in the safe range, at least one. */
export const idsOf = (words: string[]): number[] => {
  if (words.length === 0) throw new UsageError(t('no ids'))
  return words.map((w) => {
    const n = positiveWhole(w)
    if (n === null) throw new UsageError(t('not an id', { w }))
    return n
  })
}
