import type { BatchCommand, PortalClient } from '../bitrix/types'
import { restError } from '../bitrix/errors'

/**
 * The most rows one list is read to. A portal's `total` and its pages are its word, not ours: a
 * total of 1e12, or a list that answers full pages for ever, must end in bounded memory and time.
 */
export const MAX_LIST_ROWS = 200_000

/** A row's identity for spotting a page the portal answered twice; rows without an id count by content. */
const keyOf = (row: unknown): string => {
  if (row && typeof row === 'object') {
    const r = row as Record<string, unknown>
    const id = r.ID ?? r.id
    if (typeof id === 'string' || typeof id === 'number') return `#${id}`
  }
  return JSON.stringify(row)
}

/**
 * Counts rows as they come: false when a page adds no row not seen before (the portal repeats
 * itself, so reading further cannot end). Throws LIST_TOO_LONG past MAX_LIST_ROWS.
 */
const rowCounter = (portalId: string, method: string, maxRows: number) => {
  const seen = new Set<string>()
  return (rows: readonly unknown[]): boolean => {
    let fresh = 0
    for (const r of rows) {
      const k = keyOf(r)
      if (!seen.has(k)) {
        seen.add(k)
        fresh++
      }
    }
    if (seen.size > maxRows)
      throw restError({ portalId, method }, 'LIST_TOO_LONG', {
        description: `more than ${maxRows} rows`
      })
    return fresh > 0
  }
}

export interface OffsetPagingOptions {
  pageSize?: number
  /** Pages asked for in one batch request once the first page proved the list is long. */
  pagesPerBatch?: number
  /** Default MAX_LIST_ROWS. */
  maxRows?: number
}

/**
 * Reads a whole list whose method pages by `params.limit`/`params.offset` (landing getList has no
 * start/next). The first request reads one page; if it is full, later requests read many pages at
 * once through `batch`, so 10,000 rows take a few round trips. Stops at the first short page, and
 * also when a portal ignores `limit` and answers with everything at once.
 */
export const fetchAllByOffset = async <T>(
  client: PortalClient,
  command: (offset: number, limit: number) => BatchCommand,
  opts: OffsetPagingOptions = {}
): Promise<T[]> => {
  const pageSize = opts.pageSize ?? 500
  const perBatch = opts.pagesPerBatch ?? 20
  const out: T[] = []
  let offset = 0
  let pages = 1
  const first = command(0, pageSize)
  const fresh = rowCounter(client.portalId, first.method, opts.maxRows ?? MAX_LIST_ROWS)
  for (;;) {
    const cmds = Array.from({ length: pages }, (_, i) => command(offset + i * pageSize, pageSize))
    const results = await client.batch(cmds)
    for (const r of results) {
      if (!r.ok) throw r.error
      const rows = Array.isArray(r.result) ? (r.result as T[]) : []
      // A page of rows already read: the portal ignores the offset, and the list would never end.
      if (!fresh(rows)) return out
      out.push(...rows)
      if (rows.length !== pageSize) return out
    }
    offset += pages * pageSize
    pages = perBatch
  }
}

/**
 * Reads a whole list paged by `start` in fixed pages of 50 (docgen and other D7 lists). The first
 * call gives `total`; the remaining pages go out 50 per batch request. `total` is only a hint: it is
 * capped at `maxRows`, reading stops at the first batch that adds no new row (past the real end, or
 * a portal that repeats one page), and past `maxRows` distinct rows the read fails with LIST_TOO_LONG.
 */
export const fetchAllByStart = async <T>(
  client: PortalClient,
  method: string,
  params: Record<string, unknown>,
  rowsOf: (result: unknown) => T[],
  opts: { maxRows?: number } = {}
): Promise<T[]> => {
  const PAGE = 50
  const maxRows = opts.maxRows ?? MAX_LIST_ROWS
  const fresh = rowCounter(client.portalId, method, maxRows)
  const first = await client.call(method, { ...params, start: 0 })
  const out = rowsOf(first.result)
  fresh(out)
  const claimed = first.total ?? out.length
  if (first.next === undefined && out.length < PAGE) return out
  // One row past the cap is enough to tell a list that is too long.
  const total = Math.min(Number.isFinite(claimed) ? claimed : maxRows + 1, maxRows + 1)
  for (let start = PAGE; start < total; start += PAGE * 50) {
    const chunk: number[] = []
    for (let s = start; s < Math.min(total, start + PAGE * 50); s += PAGE) chunk.push(s)
    const results = await client.batch(chunk.map((s) => ({ method, params: { ...params, start: s } })))
    let added = false
    for (const r of results) {
      if (!r.ok) throw r.error
      const rows = rowsOf(r.result)
      if (fresh(rows)) added = true
      out.push(...rows)
    }
    if (!added) break
  }
  return out
}
