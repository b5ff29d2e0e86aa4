/** Portals in memory for the lane's tests: one that applies publications (with hooks to refuse or fail), one that takes its time. */
import type { BatchCommand, BatchItemResult, PortalClient } from '../../bitrix/types'
import { RestError } from '../../bitrix/types'
import type { Intent } from '../../../../shared/domain/outbox'

export const err = (code: string, category: RestError['category'], httpStatus: number | null = 400) =>
  new RestError({ code, message: `${code} happened`, category, portalId: 'p', method: 'm', httpStatus })

/** A portal in memory: applies publication commands, with hooks to refuse or fail some. */
export const memoryClient = (hooks: {
  refuseBatch?: (cmds: BatchCommand[]) => RestError | null
  failCommand?: (cmd: BatchCommand, attempt: number) => RestError | null
}) => {
  const published = new Map<number, boolean>()
  const sizes: number[] = []
  const attempts = new Map<number, number>()
  let singles = 0
  const apply = (c: BatchCommand): BatchItemResult => {
    const id = Number(c.params.lid)
    const n = (attempts.get(id) ?? 0) + 1
    attempts.set(id, n)
    const e = hooks.failCommand?.(c, n) ?? null
    const timing = { processing: 0.001, operating: null, operatingResetAt: null }
    if (e) return { ok: false, error: e, timing }
    published.set(id, c.method.endsWith('publication'))
    return { ok: true, result: true, timing }
  }
  const client: PortalClient = {
    portalId: 'p',
    limits: 'standard',
    async call(method, params = {}) {
      singles++
      const r = apply({ method, params })
      if (!r.ok) throw r.error
      return { result: r.result as never, timing: r.timing }
    },
    async batch(cmds) {
      const refusal = hooks.refuseBatch?.(cmds) ?? null
      if (refusal) throw refusal
      sizes.push(cmds.length)
      return cmds.map(apply)
    }
  }
  return { client, published, sizes, attempts, singles: () => singles }
}

export const pages = (ids: number[], action: Intent['action'] = 'publish'): Intent[] =>
  ids.map((targetId) => ({ portalId: 'p', kind: 'page', targetId, scope: '', action }))

/**
 * A portal that takes its time: each request takes `ms`, and it records what was on the wire at
 * once: how many requests, and which objects (an object twice at once would break the order of intents).
 */
export const slowPortal = (ms: number, opts: { overloadAbove?: number } = {}) => {
  const published = new Map<number, boolean>()
  const order = new Map<number, string[]>()
  const onWire = new Map<number, number>()
  let inFlight = 0
  let peak = 0
  let overlaps = 0
  let errors500 = 0
  const batches: BatchCommand[][] = []
  const client: PortalClient = {
    portalId: 'p',
    limits: 'standard',
    async call() {
      throw new Error('not used')
    },
    async batch(cmds) {
      inFlight++
      peak = Math.max(peak, inFlight)
      try {
        if (opts.overloadAbove !== undefined && inFlight > opts.overloadAbove) {
          errors500++
          throw err('INTERNAL_SERVER_ERROR', 'transient', 500)
        }
        batches.push(cmds)
        const ids = cmds.map((c) => Number(c.params.lid))
        for (const id of ids) {
          const n = (onWire.get(id) ?? 0) + 1
          if (n > 1) overlaps++
          onWire.set(id, n)
        }
        await new Promise((r) => setTimeout(r, ms))
        for (const id of ids) onWire.set(id, (onWire.get(id) ?? 1) - 1)
        return cmds.map((c) => {
          const id = Number(c.params.lid)
          const on = c.method.endsWith('publication')
          published.set(id, on)
          order.set(id, [...(order.get(id) ?? []), on ? 'publish' : 'unpublish'])
          return {
            ok: true as const,
            result: true,
            timing: { processing: ms / 1000 / cmds.length, operating: null, operatingResetAt: null }
          }
        })
      } finally {
        inFlight--
      }
    }
  }
  return {
    client,
    published,
    order,
    batches,
    peak: () => peak,
    overlaps: () => overlaps,
    errors500: () => errors500
  }
}
