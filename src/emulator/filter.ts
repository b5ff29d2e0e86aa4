import type { ParamValue } from './params.ts'

export type Row = Record<string, unknown>
type Op = '=' | '!=' | '>' | '<' | '>=' | '<=' | '@' | '!@' | '%' | '!%'

const PREFIXES: Array<[string, Op]> = [
  ['!@', '!@'],
  ['!%', '!%'],
  ['!=', '!='],
  ['>=', '>='],
  ['<=', '<='],
  ['=', '='],
  ['!', '!='],
  ['>', '>'],
  ['<', '<'],
  ['@', '@'],
  ['%', '%']
]

export interface FilterTerm {
  field: string
  op: Op
  value: ParamValue
}

export function parseFilterKey(key: string): { field: string; op: Op } {
  for (const [prefix, op] of PREFIXES) {
    if (key.startsWith(prefix)) return { field: key.slice(prefix.length), op }
  }
  return { field: key, op: '=' }
}

function scalar(v: unknown): string | number | null {
  if (v === null || v === undefined) return null
  if (typeof v === 'boolean') return v ? 'Y' : 'N'
  if (typeof v === 'number' || typeof v === 'string') return v
  return String(v)
}

function compare(a: unknown, b: unknown): number {
  const x = scalar(a)
  const y = scalar(b)
  if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1
  const nx = Number(x)
  const ny = Number(y)
  if (x !== '' && y !== '' && !Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny
  return String(x).localeCompare(String(y))
}

function equals(a: unknown, b: unknown): boolean {
  const x = scalar(a)
  const y = scalar(b)
  if (x === null || y === null)
    return (
      (x ?? '') === (y ?? '') ||
      (x === null && (y === '' || y === 0 || y === '0')) ||
      (y === null && (x === '' || x === 0 || x === '0'))
    )
  return compare(x, y) === 0
}

function list(v: ParamValue): ParamValue[] {
  if (Array.isArray(v)) return v
  if (v !== null && typeof v === 'object') return Object.values(v)
  return [v]
}

function termPredicate(term: FilterTerm, get: (row: Row, field: string) => unknown): (row: Row) => boolean {
  const { field, op, value } = term
  const values = list(value)
  const many = Array.isArray(value) || (value !== null && typeof value === 'object')
  switch (op) {
    case '=':
    case '@':
      return many || op === '@'
        ? (r) => values.some((v) => equals(get(r, field), v))
        : (r) => equals(get(r, field), value)
    case '!=':
    case '!@':
      return (r) => !values.some((v) => equals(get(r, field), v))
    case '>':
      return (r) => compare(get(r, field), value) > 0
    case '<':
      return (r) => compare(get(r, field), value) < 0
    case '>=':
      return (r) => compare(get(r, field), value) >= 0
    case '<=':
      return (r) => compare(get(r, field), value) <= 0
    case '%':
      return (r) =>
        String(get(r, field) ?? '')
          .toLowerCase()
          .includes(String(value).toLowerCase())
    case '!%':
      return (r) =>
        !String(get(r, field) ?? '')
          .toLowerCase()
          .includes(String(value).toLowerCase())
  }
}

/** Compiles an ORM-style filter to one predicate, so listing is a single O(n) pass. */
export function compileFilter(
  terms: FilterTerm[],
  get: (row: Row, field: string) => unknown
): (row: Row) => boolean {
  const preds = terms.map((t) => termPredicate(t, get))
  return (row) => preds.every((p) => p(row))
}

/** Sorts rows by an ORM `order` object; stable, so equal keys keep id order. */
export function sortRows<T extends Row>(
  rows: T[],
  order: Array<[string, 'ASC' | 'DESC']>,
  get: (row: Row, field: string) => unknown
): T[] {
  if (order.length === 0) return rows
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => {
      for (const [field, dir] of order) {
        const c = compare(get(a.row, field), get(b.row, field))
        if (c !== 0) return dir === 'DESC' ? -c : c
      }
      return a.i - b.i
    })
    .map((x) => x.row)
}

export function parseOrder(
  v: ParamValue | undefined,
  normalize: (f: string) => string
): Array<[string, 'ASC' | 'DESC']> {
  if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v)) return []
  return Object.entries(v).map(([k, d]) => [
    normalize(k),
    String(d).toUpperCase() === 'DESC' ? 'DESC' : 'ASC'
  ])
}
