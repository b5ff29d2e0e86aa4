/** What a failed request does to the lane: the action its failure asks for (outcomes.ts's LaneAction), applied. */
import type { BatchCommand, RestError } from '../bitrix/types'
import type { LaneBatches } from './lane-batches'
import { outcomeContext, type LaneCore } from './lane-core'
import type { LaneHealth } from './lane-health'
import { saveBudget } from './lane-pacing'
import type { LaneAction } from './outcomes'
import { outcomesForFailedRequest } from './outcomes'
import type { OperatingBudget, RateBucket } from './pacer'
import type { QueuedOperation } from './store'

/** The parts of the lane a failure may change. */
export interface ApplyParts {
  core: LaneCore
  health: LaneHealth
  batches: LaneBatches
}

/** The request as a whole failed: settle its operations and do what the failure asks of the lane. */
export const failedRequest = (
  parts: ApplyParts,
  err: RestError,
  ops: QueuedOperation[],
  commands: readonly BatchCommand[],
  bucket: RateBucket,
  budget: OperatingBudget,
  crowded: boolean
): void => {
  const { deps, portalId } = parts.core
  const now = deps.clock.now()
  const { outcomes, action } = outcomesForFailedRequest(ops, err, commands, {
    ...outcomeContext(deps, now),
    crowded
  })
  applyAction(parts, action, err, now, bucket, budget, commands, ops.length)
  deps.store.complete(outcomes, deps.fence.token)
  deps.reportOutcome(portalId, err)
}

export const applyAction = (
  { core, health, batches }: ApplyParts,
  action: LaneAction,
  err: RestError,
  now: number,
  bucket: RateBucket,
  budget: OperatingBudget,
  commands: readonly BatchCommand[],
  sent: number
): void => {
  const { stats, deps } = core
  switch (action.kind) {
    case 'rate-limited':
      stats.rateLimited++
      bucket.saturate(now)
      return
    case 'operating-limited':
      stats.operatingLimitBlocks++
      for (const m of action.methods) budget.block(m, now, deps.retry.operatingBlockFallbackMs)
      saveBudget(core, budget, commands, now)
      return
    case 'batch-refused':
      batches.batchLimit = Math.max(1, Math.min(batches.batchLimit, action.limit))
      deps.log(
        `outbox: lane ${core.portalId}: batch of ${sent} refused (${err.code}); now at most ${batches.batchLimit}`
      )
      return
    case 'unreachable':
      health.unreachableBy(err)
      return
    case 'auth':
      health.refusedBy(err)
      return
    case 'backoff':
      health.backOff(err, action.base, now)
      return
    case 'overload':
    case 'none':
      return
  }
}
