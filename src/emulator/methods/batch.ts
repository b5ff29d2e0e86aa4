import type { RestError, TimeInfo } from '../envelope.ts'
import { errors } from '../envelope.ts'
import type { ParamValue, Params } from '../params.ts'
import { getCaseInsensitive, parsePhpQuery, truthy } from '../params.ts'

export const BATCH_MAX_LENGTH = 50

export type CommandOutcome =
  | { ok: true; result: unknown; next?: number; total?: number; time: TimeInfo }
  | { ok: false; error: RestError; time?: TimeInfo }

export type CommandRunner = (method: string, params: Params) => CommandOutcome

interface Collected {
  result: Map<string, unknown>
  error: Map<string, { error: string; error_description: string }>
  total: Map<string, number>
  next: Map<string, number>
  time: Map<string, TimeInfo>
}

/** json_encode of a PHP array: sequential 0..n-1 keys become a list, an empty one `[]`. */
function phpArray(m: Map<string, unknown>): unknown {
  const keys = [...m.keys()]
  if (keys.every((k, i) => k === String(i))) return [...m.values()]
  return Object.fromEntries(m)
}

const REF = /\$(result|next|total|time|error)((?:\[[^\]]*\])+)/g

function lookup(c: Collected, kind: string, path: string): unknown {
  const segs = [...path.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1])
  const source =
    kind === 'result'
      ? c.result
      : kind === 'next'
        ? c.next
        : kind === 'total'
          ? c.total
          : kind === 'time'
            ? c.time
            : c.error
  const first = segs.shift()
  if (first === undefined || !source.has(first)) return undefined
  let v: unknown = source.get(first)
  // A missing segment stops at the deepest value found, as CRestUtil does.
  for (const s of segs) {
    if (v !== null && typeof v === 'object' && s in (v as Record<string, unknown>))
      v = (v as Record<string, unknown>)[s]
    else break
  }
  return v
}

function substitute(value: ParamValue, c: Collected): ParamValue {
  if (typeof value === 'string') {
    const whole = /^\$(result|next|total|time|error)((?:\[[^\]]*\])+)$/.exec(value)
    if (whole) {
      const v = lookup(c, whole[1], whole[2])
      return v === undefined ? value : (v as ParamValue)
    }
    return value.replace(REF, (m, kind: string, path: string) => {
      const v = lookup(c, kind, path)
      return v === undefined || (typeof v === 'object' && v !== null) ? m : String(v)
    })
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, c))
  if (value !== null && typeof value === 'object') {
    const out: Record<string, ParamValue> = {}
    for (const [k, v] of Object.entries(value)) out[k] = substitute(v, c)
    return out
  }
  return value
}

function parseCommand(cmd: ParamValue): { method: string; params: Params } {
  const text = typeof cmd === 'string' ? cmd : ''
  const q = text.indexOf('?')
  const method = (q < 0 ? text : text.slice(0, q)).trim()
  return { method, params: q < 0 ? {} : parsePhpQuery(text.slice(q + 1)) }
}

export interface BatchOptions {
  over50: 'per-command' | 'reject-400'
}

/** Runs `batch`: sequential, per-command errors, `halt`, references between commands (docs/bitrix24.md#batch). */
export function runBatch(params: Params, run: CommandRunner, opts: BatchOptions): { result: unknown } {
  const cmdParam = getCaseInsensitive(params, 'cmd')
  const halt = truthy(getCaseInsensitive(params, 'halt'))
  const commands: Array<[string, ParamValue]> = Array.isArray(cmdParam)
    ? cmdParam.map((v, i) => [String(i), v])
    : cmdParam !== null && typeof cmdParam === 'object'
      ? Object.entries(cmdParam)
      : []
  if (commands.length > BATCH_MAX_LENGTH && opts.over50 === 'reject-400') throw errors.batchLength()
  const c: Collected = {
    result: new Map(),
    error: new Map(),
    total: new Map(),
    next: new Map(),
    time: new Map()
  }
  for (let i = 0; i < commands.length; i++) {
    const [key, raw] = commands[i]
    let outcome: CommandOutcome
    if (i >= BATCH_MAX_LENGTH) {
      outcome = { ok: false, error: errors.batchLength() }
    } else {
      const { method, params: cmdParams } = parseCommand(raw)
      const lower = method.toLowerCase().replace(/\.json$/, '')
      if (lower === 'batch' || lower === 'download' || lower === 'upload') {
        outcome = { ok: false, error: errors.batchNotAllowed() }
      } else {
        outcome = run(lower, substitute(cmdParams, c) as Params)
      }
    }
    if (outcome.ok) {
      c.result.set(key, outcome.result)
      if (outcome.total !== undefined) c.total.set(key, outcome.total)
      if (outcome.next !== undefined) c.next.set(key, outcome.next)
      c.time.set(key, outcome.time)
    } else {
      c.error.set(key, { error: outcome.error.code, error_description: outcome.error.description })
      if (outcome.time) c.time.set(key, outcome.time)
      if (halt) break
    }
  }
  return {
    result: {
      result: phpArray(c.result),
      result_error: phpArray(c.error),
      result_total: phpArray(c.total),
      result_next: phpArray(c.next),
      result_time: phpArray(c.time)
    }
  }
}
