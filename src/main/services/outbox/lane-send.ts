/** Sends one batch of the lane's and settles every operation in it: the answer's outcomes, pace and effects. */
import type { BatchCommand, BatchItemResult, PortalClient } from '../bitrix/types'
import { budgetKey, commandFor } from './commands'
import { failedRequest, type ApplyParts } from './lane-apply'
import { outcomeContext } from './lane-core'
import { reserve, saveBudget, settle } from './lane-pacing'
import type { LaneReadback } from './lane-readback'
import type { LaneWindow } from './lane-window'
import { asRestError, outcomesFor } from './outcomes'
import type { OperatingBudget, RateBucket } from './pacer'
import { classify, overloadSignalOf } from './retry-policy'
import type { SlotPool } from './slot-pool'
import type { QueuedOperation } from './store'

/** The parts of the lane a batch goes through. */
export interface SendParts extends ApplyParts {
  slots: SlotPool
  win: LaneWindow
  readback: LaneReadback
}

const commandsOf = (ops: readonly QueuedOperation[]): BatchCommand[] =>
  ops.map((o) => commandFor({ kind: o.kind, action: o.action, targetId: o.targetId, scope: o.scope }))

/** Sends one batch (its slot is already taken), then settles every operation in it. */
export const sendBatch = async (
  parts: SendParts,
  client: PortalClient,
  bucket: RateBucket,
  budget: OperatingBudget,
  ops: QueuedOperation[]
): Promise<void> => {
  const { core, slots, win, health, batches, readback } = parts
  const { deps, portalId, stats } = core
  const commands = commandsOf(ops)
  const single = batches.batchLimit === 1 && ops.length === 1
  const { clock } = deps
  const crowded = slots.inFlight > 1
  const generation = win.window.generation
  const reservation = reserve(budget, commands)
  const sentAt = clock.now()
  bucket.take(sentAt)
  stats.requests++
  const wire = batches.sent(ops.length, sentAt)
  let items: BatchItemResult[]
  try {
    if (single) {
      stats.singleCalls++
      try {
        const r = await client.call(commands[0].method, commands[0].params)
        items = [{ ok: true, result: r.result, timing: r.timing }]
      } catch (err) {
        const e = asRestError(err, portalId, commands[0].method)
        // A single call's own refusal is that operation's answer, not the lane's.
        if (e.category === 'permanent' && classify(e, false) !== 'batch-refused')
          items = [{ ok: false, error: e, timing: null }]
        else throw e
      }
    } else {
      stats.batches++
      items = await client.batch(commands)
    }
  } catch (err) {
    batches.landed(wire)
    settle(budget, reservation)
    const e = asRestError(err, portalId, single ? commands[0].method : 'batch')
    const signal = overloadSignalOf(e)
    // The window goes down before the slot is freed: a read waiting for it must see the smaller
    // window, or it goes out as one request too many and lowers the window a second time.
    if (signal) win.overloaded(signal, generation)
    slots.release()
    failedRequest(parts, e, ops, commands, bucket, budget, crowded)
    return
  }
  const receivedAt = clock.now()
  batches.landed(wire)
  settle(budget, reservation)
  stats.commands += ops.length
  health.transientStreak = 0
  budget.recordBatch(
    items.map((it, i) => ({ method: budgetKey(commands[i].method), timing: it.timing })),
    receivedAt
  )
  const processingMs = items.every((it) => typeof it.timing?.processing === 'number')
    ? items.reduce((n, it) => n + (it.timing?.processing ?? 0), 0) * 1000
    : null
  if (processingMs !== null) batches.measured(receivedAt - sentAt, processingMs)
  win.answered({
    generation,
    processingMs,
    elapsedMs: receivedAt - sentAt,
    commands: ops.length,
    now: receivedAt,
    kind: [...new Set(commands.map((c) => budgetKey(c.method)))].sort().join(' ')
  })

  const { outcomes, answered, effects } = outcomesFor(ops, items, commands, outcomeContext(deps, receivedAt))
  // The answer's slot goes straight to its read-back when one starts now: released first, it
  // would be taken by the next batch, and the read would wait a whole batch for a slot.
  const lease = deps.verify !== undefined && answered.length > 0 && !readback.verifying
  // What the answer says of the portal's limits counts before its slot is freed (as on failure).
  for (const m of effects.operatingLimited) {
    stats.operatingLimitBlocks++
    budget.block(m, receivedAt, deps.retry.operatingBlockFallbackMs)
  }
  if (effects.rateLimited > 0) {
    stats.rateLimited += effects.rateLimited
    bucket.saturate(receivedAt)
    win.overloaded({ kind: 'rate-limited', code: 'QUERY_LIMIT_EXCEEDED' }, generation)
  }
  if (!lease) slots.release()
  if (effects.refusedAt >= 0) batches.batchLimit = Math.max(1, effects.refusedAt)
  if (effects.unreachable) health.unreachable ??= effects.unreachable
  deps.store.complete(outcomes, deps.fence.token)
  saveBudget(core, budget, commands, receivedAt)
  deps.reportOutcome(portalId, effects.laneError)
  if (answered.length > 0) await readback.settle(answered, lease)
}
