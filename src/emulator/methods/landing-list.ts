import { compileFilter, parseFilterKey, parseOrder, sortRows } from '../filter.ts'
import type { FilterTerm, Row } from '../filter.ts'
import type { ParamValue } from '../params.ts'
import { asRecord, intParam } from '../params.ts'

const getField = (row: Row, field: string) => row[field]

/** Filter terms of a landing getList: dotted keys and CHECK_PERMISSIONS dropped, DELETED=N by default. */
export function landingFilterTerms(filterParam: ParamValue | undefined): FilterTerm[] {
  const filter = asRecord(filterParam)
  const terms: FilterTerm[] = []
  let hasDeleted = false
  for (const [key, value] of Object.entries(filter)) {
    if (key.includes('.') || key.toUpperCase() === 'CHECK_PERMISSIONS') continue
    const { field, op } = parseFilterKey(key)
    const upper = field.toUpperCase()
    if (upper === 'DELETED') hasDeleted = true
    terms.push({ field: upper, op, value })
  }
  if (!hasDeleted) terms.push({ field: 'DELETED', op: '=', value: 'N' })
  return terms
}

export function filterSortSlice<T extends Row>(
  rows: T[],
  terms: FilterTerm[],
  params: Record<string, ParamValue>
): T[] {
  const pred = compileFilter(terms, getField)
  let out = rows.filter(pred)
  out = sortRows(
    out,
    parseOrder(params.order, (f) => f.toUpperCase()),
    getField
  )
  const offset = Math.max(0, intParam(params.offset) ?? 0)
  const limit = intParam(params.limit)
  if (offset > 0 || (limit !== null && limit > 0)) {
    out = out.slice(offset, limit !== null && limit > 0 ? offset + limit : undefined)
  }
  return out
}
