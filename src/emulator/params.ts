/** A decoded request parameter tree, as PHP would see it in $_REQUEST. */
export type ParamValue = string | number | boolean | null | ParamValue[] | { [key: string]: ParamValue }
export type Params = Record<string, ParamValue>

function isRecord(v: unknown): v is Record<string, ParamValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * PHP parse_str semantics for one key: `a[b][]` -> ['a', 'b', ''], where '' means "append".
 * Unbalanced brackets keep the rest of the name literal, as PHP does.
 */
function splitKey(key: string): string[] {
  const open = key.indexOf('[')
  if (open <= 0) return [key]
  const parts = [key.slice(0, open)]
  let rest = key.slice(open)
  while (rest.startsWith('[')) {
    const close = rest.indexOf(']')
    if (close < 0) break
    parts.push(rest.slice(1, close))
    rest = rest.slice(close + 1)
  }
  return parts
}

function assignPath(target: Record<string, ParamValue>, path: string[], value: string): void {
  let node: Record<string, ParamValue> = target
  for (let i = 0; i < path.length; i++) {
    let seg = path[i]
    if (seg === '') seg = String(nextIndex(node))
    if (i === path.length - 1) {
      node[seg] = value
      return
    }
    const child = node[seg]
    if (isRecord(child)) {
      node = child
    } else {
      const fresh: Record<string, ParamValue> = {}
      node[seg] = fresh
      node = fresh
    }
  }
}

function nextIndex(node: Record<string, ParamValue>): number {
  let max = -1
  for (const k of Object.keys(node)) {
    if (/^\d+$/.test(k)) max = Math.max(max, Number(k))
  }
  return max + 1
}

/** PHP arrays with keys 0..n-1 are lists; turn those objects into JS arrays. */
function listify(value: ParamValue): ParamValue {
  if (Array.isArray(value)) return value.map(listify)
  if (!isRecord(value)) return value
  const keys = Object.keys(value)
  const out: Record<string, ParamValue> = {}
  for (const k of keys) out[k] = listify(value[k])
  if (keys.length > 0 && keys.every((k, i) => k === String(i))) return keys.map((k) => out[k])
  return out
}

export function parsePhpQuery(query: string): Params {
  const root: Record<string, ParamValue> = {}
  for (const [key, value] of new URLSearchParams(query)) {
    assignPath(root, splitKey(key), value)
  }
  const out: Params = {}
  for (const k of Object.keys(root)) out[k] = listify(root[k])
  return out
}

/** A param as an int the way PHP's (int) cast reads it; null when absent. */
export function intParam(v: ParamValue | undefined): number | null {
  if (v === undefined || v === null || v === '') return null
  if (typeof v === 'number') return Math.trunc(v)
  if (typeof v === 'boolean') return v ? 1 : 0
  if (typeof v === 'string') {
    const n = Number.parseInt(v, 10)
    return Number.isNaN(n) ? 0 : n
  }
  return null
}

export function asRecord(v: ParamValue | undefined): Record<string, ParamValue> {
  if (isRecord(v)) return v
  if (Array.isArray(v)) {
    const out: Record<string, ParamValue> = {}
    v.forEach((x, i) => {
      out[String(i)] = x
    })
    return out
  }
  return {}
}

export function isParamRecord(v: ParamValue | undefined): v is Record<string, ParamValue> {
  return isRecord(v)
}

export function truthy(v: ParamValue | undefined): boolean {
  if (v === undefined || v === null) return false
  if (typeof v === 'string')
    return v !== '' && v !== '0' && v.toLowerCase() !== 'false' && v.toUpperCase() !== 'N'
  if (typeof v === 'number') return v !== 0
  if (typeof v === 'boolean') return v
  return true
}

/** Keys are matched case-insensitively where PHP code lowercases them (batch CMD/HALT). */
export function getCaseInsensitive(p: Params, name: string): ParamValue | undefined {
  if (name in p) return p[name]
  const lower = name.toLowerCase()
  for (const k of Object.keys(p)) if (k.toLowerCase() === lower) return p[k]
  return undefined
}
