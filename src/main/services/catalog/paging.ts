import type { BatchCommand, PortalClient } from '../bitrix/types'

export interface OffsetPagingOptions {
  pageSize?: number
  /** Pages asked for in one batch request once the first page proved the list is long. */
  pagesPerBatch?: number
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
  for (;;) {
    const cmds = Array.from({ length: pages }, (_, i) => command(offset + i * pageSize, pageSize))
    const results = await client.batch(cmds)
    for (const r of results) {
      if (!r.ok) throw r.error
      const rows = Array.isArray(r.result) ? (r.result as T[]) : []
      out.push(...rows)
      if (rows.length !== pageSize) return out
    }
    offset += pages * pageSize
    pages = perBatch
  }
}

/**
 * Reads a whole list paged by `start` in fixed pages of 50 (docgen and other D7 lists). The first
 * call gives `total`; the remaining pages go out 50 per batch request.
 */
export const fetchAllByStart = async <T>(
  client: PortalClient,
  method: string,
  params: Record<string, unknown>,
  rowsOf: (result: unknown) => T[]
): Promise<T[]> => {
  const PAGE = 50
  const first = await client.call(method, { ...params, start: 0 })
  const out = rowsOf(first.result)
  const total = first.total ?? out.length
  if (first.next === undefined && out.length < PAGE) return out
  const starts: number[] = []
  for (let s = PAGE; s < total; s += PAGE) starts.push(s)
  for (let i = 0; i < starts.length; i += 50) {
    const chunk = starts.slice(i, i + 50)
    const results = await client.batch(chunk.map((start) => ({ method, params: { ...params, start } })))
    for (const r of results) {
      if (!r.ok) throw r.error
      out.push(...rowsOf(r.result))
    }
  }
  return out
}
