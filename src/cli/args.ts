import { tr } from './i18n'

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

/**
 * `--name value`, `--name=value` and boolean `--json`. Only declared flags are accepted, so a typo
 * fails loudly instead of being ignored.
 */
export const parseArgs = (argv: string[], declared: Record<string, FlagKind>): ParsedArgs => {
  const spec = { ...GLOBAL_FLAGS, ...declared }
  const positionals: string[] = []
  const flags: ParsedArgs['flags'] = {}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (!a.startsWith('--')) {
      positionals.push(a)
      continue
    }
    const eq = a.indexOf('=')
    const name = a.slice(2, eq === -1 ? undefined : eq)
    const kind = spec[name]
    if (!kind)
      throw new UsageError(
        tr({ en: 'unknown option --{name}', ru: 'неизвестный параметр --{name}' }, { name })
      )
    if (kind === 'boolean') {
      if (eq !== -1)
        throw new UsageError(
          tr({ en: '--{name} takes no value', ru: '--{name} не принимает значения' }, { name })
        )
      flags[name] = true
      continue
    }
    const value = eq !== -1 ? a.slice(eq + 1) : argv[++i]
    if (value === undefined)
      throw new UsageError(tr({ en: '--{name} needs a value', ru: '--{name}: нужно значение' }, { name }))
    if (kind === 'list') {
      const prev = flags[name]
      flags[name] = [...(Array.isArray(prev) ? prev : []), value]
    } else flags[name] = value
  }
  return { positionals, flags }
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
  if (v === undefined || v === '')
    throw new UsageError(tr({ en: '--{name} is required', ru: 'нужен параметр --{name}' }, { name }))
  return v
}

export const intFlag = (args: ParsedArgs, name: string): number | undefined => {
  const v = stringFlag(args, name)
  if (v === undefined) return undefined
  if (!/^\d+$/.test(v) || Number(v) <= 0)
    throw new UsageError(
      tr(
        { en: '--{name} must be a positive whole number', ru: '--{name}: нужно целое положительное число' },
        { name }
      )
    )
  return Number(v)
}
