/** The lane's read-back: answered batches queued for verify (readback.ts), their verdicts, and the paced port reads go through. */
import { localize } from '../app/language'
import type { BatchCommand, BatchItemResult } from '../bitrix/types'
import { RestError } from '../bitrix/types'
import { targetOf } from './batch-choice'
import { budgetKey } from './commands'
import type { LaneBatches } from './lane-batches'
import { outcomeContext, type LaneCore } from './lane-core'
import type { LaneHealth } from './lane-health'
import { reserve, settle, type Reservation } from './lane-pacing'
import type { LaneWindow } from './lane-window'
import { messages } from './messages'
import type { Answered } from './outcomes'
import { asRestError, transientOutcome } from './outcomes'
import { MISMATCH_CODE } from './readback'
import { overloadSignalOf } from './retry-policy'
import type { SlotPool } from './slot-pool'
import type { Outcome, QueuedOperation } from './store'
import type { AnsweredOperation, ReadbackPort, Verdict } from './verify-types'

/** Tries of one read-back request the overloaded portal refused. */
const READ_ATTEMPTS = 3

/** The slot an answered batch keeps for its read-back, and whether a read of it uses it now. */
interface Lease {
  held: boolean
  inUse: boolean
}

const asked = (op: QueuedOperation): AnsweredOperation => ({
  id: op.id,
  jobId: op.jobId,
  kind: op.kind,
  targetId: op.targetId,
  scope: op.scope,
  action: op.action,
  label: op.label,
  confirmed: false,
  result: null
})

export class LaneReadback {
  /** Answered batches waiting for the read-back (verifyQueued). */
  private readonly toVerify: Array<{
    answered: readonly Answered[]
    resolve: () => void
    /** The batch's slot is kept for this read-back. */
    lease: boolean
  }> = []
  private running = false

  constructor(
    private readonly core: LaneCore,
    private readonly slots: SlotPool,
    private readonly health: LaneHealth,
    private readonly win: LaneWindow,
    private readonly batches: LaneBatches
  ) {}

  /** A read-back runs now: a batch answered meanwhile joins the next one. */
  get verifying(): boolean {
    return this.running
  }

  /**
   * The operations the portal answered stay `sending` (and their objects busy) until the read-back
   * says what the portal now shows; then their verdicts are committed. Batches answered while a
   * read-back runs are read back together in the next one: with several requests in flight,
   * answers come close together, and one read of 30 pages costs what a read of 10 does.
   */
  settle(answered: readonly Answered[], lease = false): Promise<void> {
    if (!this.core.deps.verify) {
      this.commit(
        answered.map((a): Outcome =>
          a.error ? { id: a.op.id, kind: 'failed', error: a.error } : { id: a.op.id, kind: 'done' }
        )
      )
      return Promise.resolve()
    }
    return new Promise<void>((resolve) => {
      this.toVerify.push({ answered, resolve, lease })
      void this.verifyQueued()
    })
  }

  private async verifyQueued(): Promise<void> {
    const { deps, portalId } = this.core
    const verify = deps.verify
    if (this.running || !verify) return
    this.running = true
    try {
      while (this.toVerify.length > 0) {
        const group = this.toVerify.splice(0)
        const answered = group.flatMap((g) => g.answered)
        // Slots kept for this read-back: one is used for its reads, any other goes back now.
        const leases = group.filter((g) => g.lease).length
        for (let i = 1; i < leases; i++) this.slots.release()
        const lease = { held: leases > 0, inUse: false }
        const question = answered.map(({ op, result, confirmed, error }) => ({
          ...asked(op),
          confirmed,
          result,
          error
        }))
        let outcomes: Outcome[]
        try {
          const reads = { count: 0 }
          const verdicts = await verify(portalId, question, this.port(reads, lease), new Set(this.core.busy))
          this.batches.readBack(group.length, reads.count)
          outcomes = this.verdictOutcomes(answered, verdicts)
        } catch (err) {
          // The read-back failed: we cannot say what the portal shows. The intents are absolute
          // states, so sending them again is safe; the attempt is not held against them.
          const e = asRestError(err, portalId, 'batch')
          deps.log(`outbox: lane ${portalId}: read-back failed (${e.code}); the operations go again`)
          const now = deps.clock.now()
          // A refusal stays a refusal: only what the portal accepted goes again.
          outcomes = answered.map((a): Outcome =>
            a.error
              ? { id: a.op.id, kind: 'failed', error: a.error }
              : transientOutcome(a.op, e, outcomeContext(deps, now), true)
          )
        }
        if (lease.held) {
          lease.held = false
          this.slots.release()
        }
        try {
          this.commit(outcomes)
        } catch (err) {
          // Left `sending`: the next runner start queues them again.
          deps.log(`outbox: lane ${portalId}: could not save verdicts: ${String(err)}`)
        }
        for (const g of group) g.resolve()
      }
    } finally {
      this.running = false
    }
  }

  /**
   * Operations another runner left `sending` (it crashed, or was presumed dead and taken over) may
   * have reached the portal, and the portal may have changed since: they are read back before they
   * are sent again. What the portal already shows is done without a second request; the rest goes
   * to the queue as usual (the read is not held against them). A read that fails leaves them marked,
   * to be read again after the usual backoff.
   */
  async takenOver(ops: readonly QueuedOperation[]): Promise<void> {
    const { deps, portalId, busy } = this.core
    const { store, clock } = deps
    const verify = deps.verify
    if (!verify) {
      // Nothing can read the portal here: the intents are absolute states, so sending again is safe.
      store.clearRecheck(ops.map((o) => o.id))
      return
    }
    if (!this.core.stillRunner()) return
    const claimed = store.claim(
      ops.map((o) => o.id),
      deps.fence.token
    )
    const mine = ops.filter((o) => claimed.has(o.id))
    if (mine.length === 0) return
    for (const o of mine) busy.add(targetOf(o))
    let outcomes: Outcome[]
    try {
      const verdicts = await verify(portalId, mine.map(asked), this.port({ count: 0 }))
      const done = new Set(verdicts.filter((v) => v.kind === 'done').map((v) => v.id))
      const now = clock.now()
      outcomes = mine.map((o): Outcome =>
        done.has(o.id)
          ? { id: o.id, kind: 'done' }
          : { id: o.id, kind: 'requeue', notBefore: now, refundAttempt: true }
      )
      store.clearRecheck(mine.filter((o) => !done.has(o.id)).map((o) => o.id))
      deps.log(
        `outbox: lane ${portalId}: read back the operations an earlier runner left unfinished (${mine.length}): ${done.size} already done, ${mine.length - done.size} to send`
      )
    } catch (err) {
      const e = asRestError(err, portalId, 'batch')
      deps.log(`outbox: lane ${portalId}: read-back of unfinished operations failed (${e.code})`)
      outcomes = mine.map((o) => transientOutcome(o, e, outcomeContext(deps, clock.now()), true))
    } finally {
      for (const o of mine) busy.delete(targetOf(o))
    }
    this.commit(outcomes)
    deps.onChange()
  }

  private commit(outcomes: readonly Outcome[]): void {
    this.core.deps.store.complete(outcomes, this.core.deps.fence.token)
  }

  private verdictOutcomes(answered: readonly Answered[], verdicts: readonly Verdict[]): Outcome[] {
    const byId = new Map(verdicts.map((v) => [v.id, v]))
    return answered.map(({ op, confirmed, error }): Outcome => {
      const v = byId.get(op.id)
      if (error) return { id: op.id, kind: 'failed', error: v?.kind === 'failed' ? v.error : error }
      if (v?.kind === 'done') return { id: op.id, kind: 'done' }
      if (v?.kind === 'mismatch' || v?.kind === 'failed')
        return { id: op.id, kind: 'mismatch', error: v.error }
      // No verdict: the verifier could not tell; the portal's own answer decides.
      if (confirmed) return { id: op.id, kind: 'done' }
      return {
        id: op.id,
        kind: 'mismatch',
        error: {
          code: MISMATCH_CODE,
          message: localize(messages.unconfirmed),
          category: 'permanent'
        }
      }
    })
  }

  /**
   * Read-backs go through the same pacing as batches: slots, the rate bucket, the operating budget.
   * A read the overloaded portal refused is tried again (reads change nothing), up to
   * READ_ATTEMPTS times, once the smaller window lets it: failing the read-back would send the
   * whole group's operations again.
   */
  private port(reads: { count: number }, lease: Lease = { held: false, inUse: false }): ReadbackPort {
    return {
      send: async (commands) => {
        if (commands.length === 0) return []
        for (let attempt = 1; ; attempt++) {
          try {
            return await this.readOnce(commands, reads, lease)
          } catch (err) {
            if (
              attempt >= READ_ATTEMPTS ||
              this.core.stopping() ||
              !(err instanceof RestError) ||
              !overloadSignalOf(err)
            )
              throw err
          }
        }
      }
    }
  }

  private async readOnce(
    commands: BatchCommand[],
    reads: { count: number },
    lease: Lease
  ): Promise<BatchItemResult[]> {
    const { deps, portalId, stats } = this.core
    // The slot kept from the answered batch, while no other read of this read-back uses it.
    const leased = lease.held && !lease.inUse
    if (leased) lease.inUse = true
    else await this.slots.wait()
    const done = () => {
      if (leased) lease.inUse = false
      else this.slots.release()
    }
    const { client, bucket, budget } = this.health
    if (!client || !bucket || !budget || !this.core.stillRunner()) {
      done()
      throw new Error('the lane cannot send now')
    }
    const generation = this.win.window.generation
    let reservation: Reservation = []
    try {
      for (;;) {
        const now = deps.clock.now()
        const wait = Math.max(
          bucket.delay(now),
          ...[...new Set(commands.map((c) => budgetKey(c.method)))].map((m) => {
            const n = commands.filter((c) => budgetKey(c.method) === m).length
            return budget.freeAt(m, now, n) - now
          })
        )
        if (wait <= 0 || this.core.stopping()) break
        await deps.clock.sleep(wait)
      }
      if (this.core.stopping()) throw new Error('the lane stopped')
      reservation = reserve(budget, commands)
      bucket.take(deps.clock.now())
      stats.requests++
      stats.readbackRequests++
      reads.count++
      const items = await client.batch(commands)
      budget.recordBatch(
        items.map((it, i) => ({ method: budgetKey(commands[i].method), timing: it.timing })),
        deps.clock.now()
      )
      // Reads take a different time per command than writes: their pace says nothing about the
      // writes' baseline, so only their failures count as signals.
      return items
    } catch (err) {
      const e = asRestError(err, portalId, 'batch')
      const signal = overloadSignalOf(e)
      if (signal) this.win.overloaded(signal, generation)
      if (e.code === 'QUERY_LIMIT_EXCEEDED') bucket.saturate(deps.clock.now())
      throw e
    } finally {
      settle(budget, reservation)
      done()
    }
  }
}
