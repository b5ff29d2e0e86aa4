/** How big the lane's next batch is (its limit, the rate, the window, spread), and which site tree each candidate is in. */
import { batchSizeFor, spreadBatchSize, targetOf } from './batch-choice'
import { budgetKey, commandFor } from './commands'
import { CANDIDATES, type LaneCore } from './lane-core'
import type { LaneWindow } from './lane-window'
import type { OperatingBudget, RateBucket } from './pacer'
import type { SlotPool } from './slot-pool'
import type { QueuedOperation } from './store'

/** A batch on the wire: its commands and when it went (for spread). */
export interface OnWire {
  commands: number
  sentAt: number
}

export class LaneBatches {
  /** The most commands the portal takes in one batch (lowered when it refuses one). */
  batchLimit: number
  /** Requests a batch costs with its read-back (a running mean), for sizing batches within the rate. */
  private requestsPerBatch: number
  /** Clock ms a request takes beyond the portal's processing (a running mean); null until known. */
  private overheadMs: number | null = null
  /** Batches on the wire. */
  private readonly onWire = new Set<OnWire>()
  /** Sites of operations already looked up (an operation's target never moves between sites). */
  private readonly siteOfOp = new Map<number, number | null>()

  constructor(
    private readonly core: LaneCore,
    private readonly win: LaneWindow,
    private readonly slots: SlotPool
  ) {
    this.batchLimit = core.deps.maxBatch
    this.requestsPerBatch = core.deps.verify ? 2 : 1
  }

  /** Commands for the next batch (batchSizeFor); one request at a time (ceiling 1) keeps the full batch. */
  size(
    candidates: readonly QueuedOperation[],
    budget: OperatingBudget,
    bucket: RateBucket,
    now: number
  ): number {
    const window = this.win.window
    if (window.ceiling <= 1) return this.batchLimit
    const first = candidates.find((c) => !this.core.busy.has(targetOf(c))) ?? candidates[0]
    const estimateSec = budget.estimate(budgetKey(commandFor(first).method))
    const size = batchSizeFor({
      remaining: candidates.length,
      estimateSec,
      window: window.window,
      requestsPerBatch: this.requestsPerBatch,
      room: bucket.room(now),
      drainPerSecond: bucket.drainPerSecond,
      limit: this.batchLimit,
      // Each request's own cost (round trip, our side) stays under a tenth of the batch.
      minBatchSeconds: Math.max(1, (10 * (this.overheadMs ?? 0)) / 1000),
      growingBatchSeconds: window.growing ? 0.5 : undefined
    })
    const spread = this.spread(candidates.length, estimateSec, now)
    return spread === null ? size : Math.max(size, spread)
  }

  /**
   * A short job's batches share its work evenly across the window (spreadBatchSize), once the
   * window is known: remembered from the last job, or grown to the ceiling. Null otherwise.
   */
  private spread(queued: number, estimateSec: number, now: number): number | null {
    const window = this.win.window
    if (window.growing || queued >= CANDIDATES) return null
    let onWire = 0
    for (const b of this.onWire) onWire += Math.max(0, b.commands - (now - b.sentAt) / (estimateSec * 1000))
    return spreadBatchSize({
      remaining: queued,
      onWire,
      window: window.window,
      free: window.window - this.slots.inFlight,
      limit: this.batchLimit
    })
  }

  /** A batch went on the wire; `landed` takes it off. */
  sent(commands: number, sentAt: number): OnWire {
    const wire = { commands, sentAt }
    this.onWire.add(wire)
    return wire
  }

  landed(wire: OnWire): void {
    this.onWire.delete(wire)
  }

  /** What a request cost beyond the portal's work (network, TLS, our own side), for sizing batches. */
  measured(elapsedMs: number, processingMs: number): void {
    const overhead = Math.max(0, elapsedMs - processingMs)
    this.overheadMs = this.overheadMs === null ? overhead : 0.8 * this.overheadMs + 0.2 * overhead
  }

  /** A read-back of `batches` answered batches took `reads` requests. */
  readBack(batches: number, reads: number): void {
    this.requestsPerBatch = 0.8 * this.requestsPerBatch + 0.2 * (1 + reads / batches)
  }

  /** Each candidate's site tree, looked up in the catalog once per operation. */
  siteOf(candidates: readonly QueuedOperation[]): ((op: QueuedOperation) => number | undefined) | undefined {
    const { deps, portalId } = this.core
    const placesOf = deps.placesOf
    if (!placesOf) return undefined
    if (this.siteOfOp.size > 10_000) this.siteOfOp.clear()
    const unknown = candidates.filter(
      (o) => o.kind !== 'site' && o.kind !== 'document' && !this.siteOfOp.has(o.id)
    )
    if (unknown.length > 0) {
      try {
        const places = placesOf(portalId, {
          pages: unknown.filter((o) => o.kind === 'page').map((o) => o.targetId),
          folders: unknown.filter((o) => o.kind === 'folder').map((o) => o.targetId)
        })
        for (const o of unknown) {
          const place = o.kind === 'page' ? places.pages.get(o.targetId) : places.folders.get(o.targetId)
          this.siteOfOp.set(o.id, place?.siteId ?? null)
        }
      } catch (err) {
        deps.log(`outbox: lane ${portalId}: could not look up sites: ${String(err)}`)
      }
    }
    return (op) => (op.kind === 'site' ? op.targetId : (this.siteOfOp.get(op.id) ?? undefined))
  }
}
