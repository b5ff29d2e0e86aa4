import { localize } from '../app/language'
import type { BatchCommand, BatchItemResult } from '../bitrix/types'
import { RestError } from '../bitrix/types'
import { budgetKey } from './commands'
import { messages } from './messages'
import type { RetrySettings } from './retry-policy'
import { classify, fullJitter, overloadSignalOf } from './retry-policy'
import type { OperationError, Outcome, QueuedOperation } from './store'

/**
 * From the portal's answers to outcomes per operation, with no side effects: what the lane must do
 * besides (pace harder, block a method, wait for the portal) comes back as data, and the lane does it.
 */

export interface OutcomeContext {
  retry: RetrySettings
  random: () => number
  /** When the answer arrived (clock ms). */
  now: number
}

/**
 * An operation whose command the portal answered: without an error, or refused for good. Either
 * way the portal may have changed things (a site publication that stops at a page error has already
 * activated the site and published the pages before it), so both are read back before the verdict.
 */
export interface Answered {
  op: QueuedOperation
  result: unknown
  /** The portal's own confirmation (see confirmedBy). */
  confirmed: boolean
  /** The portal's refusal: the operation fails with it whatever the read-back shows. */
  error?: OperationError
}

/** What one batch's per-command errors ask of the lane. */
export interface ItemEffects {
  /** Methods the portal blocked (OPERATION_TIME_LIMIT): the budget must hold them back. */
  operatingLimited: string[]
  /** Commands refused with QUERY_LIMIT_EXCEEDED: the rate bucket is full whatever we counted. */
  rateLimited: number
  /** Index of the first command refused for the batch's size (the batch limit goes below it); -1 if none. */
  refusedAt: number
  /** A command said the portal cannot be reached: the lane waits and probes. */
  unreachable: RestError | null
  /** What to report as the portal's health after this answer (null: the answer was healthy). */
  laneError: RestError | null
}

export const errorOf = (err: RestError): OperationError => ({
  code: err.code,
  message: err.message,
  category: err.category
})

/**
 * Whether the answer itself confirms the intent (b24restdocs `landing-site-publication.md`,
 * `crm-document-generator-document-enable-public-url.md`; bitrix-core-business
 * `modules/landing/lib/publicaction/landing.php`): `true`
 * for pages and folders, the site id for sites, the public link (or its absence) for documents. A
 * publication the portal did not perform can come back as `null` without an error.
 */
export const confirmedBy = (op: Pick<QueuedOperation, 'kind' | 'action'>, result: unknown): boolean => {
  switch (op.kind) {
    case 'page':
    case 'folder':
      return result === true
    case 'site':
      return (
        (typeof result === 'number' && result > 0) ||
        (typeof result === 'string' && /^\d+$/.test(result) && Number(result) > 0) ||
        result === true
      )
    case 'document': {
      const url =
        result && typeof result === 'object' ? (result as { publicUrl?: unknown }).publicUrl : undefined
      return op.action === 'link-on' ? typeof url === 'string' && url !== '' : url === null || url === ''
    }
  }
}

/** A transient failure: retried with backoff, until the operation has had its attempts. */
export const transientOutcome = (
  op: QueuedOperation,
  err: RestError,
  ctx: OutcomeContext,
  refundAttempt = false
): Outcome => {
  if (!refundAttempt && op.attempts >= ctx.retry.maxTransientAttempts) {
    return {
      id: op.id,
      kind: 'failed',
      error: {
        code: err.code,
        category: err.category,
        message: localize(messages.gaveUp, { count: op.attempts, message: err.message })
      }
    }
  }
  return {
    id: op.id,
    kind: 'requeue',
    notBefore: ctx.now + fullJitter(ctx.retry.transient, op.attempts, ctx.random),
    error: errorOf(err),
    refundAttempt
  }
}

/**
 * One accepted batch: an outcome for every operation whose command must go again or went
 * unanswered, and the operations the portal answered or refused for good (settled once the read-back
 * says what the portal now shows).
 */
export const outcomesFor = (
  ops: readonly QueuedOperation[],
  items: readonly BatchItemResult[],
  commands: readonly BatchCommand[],
  ctx: OutcomeContext
): { outcomes: Outcome[]; answered: Answered[]; effects: ItemEffects } => {
  const outcomes: Outcome[] = []
  const answered: Answered[] = []
  const effects: ItemEffects = {
    operatingLimited: [],
    rateLimited: 0,
    refusedAt: -1,
    unreachable: null,
    laneError: null
  }
  ops.forEach((op, i) => {
    const item = items[i] as BatchItemResult | undefined
    if (!item) {
      // The portal answered fewer commands than we sent: those not answered simply go again.
      outcomes.push({ id: op.id, kind: 'requeue', notBefore: 0, refundAttempt: true })
      return
    }
    if (item.ok) {
      answered.push({ op, result: item.result, confirmed: confirmedBy(op, item.result) })
      return
    }
    const err = item.error
    switch (classify(err, false)) {
      case 'permanent':
        answered.push({ op, result: null, confirmed: false, error: errorOf(err) })
        return
      case 'operating-limited': {
        const m = budgetKey(commands[i].method)
        if (!effects.operatingLimited.includes(m)) effects.operatingLimited.push(m)
        // The budget holds the method back until the portal's block ends; no delay of its own needed.
        outcomes.push({ id: op.id, kind: 'requeue', notBefore: 0, error: errorOf(err), refundAttempt: true })
        effects.laneError ??= err
        return
      }
      case 'rate-limited':
        effects.rateLimited++
        outcomes.push({ id: op.id, kind: 'requeue', notBefore: 0, refundAttempt: true })
        effects.laneError ??= err
        return
      case 'batch-refused':
        if (effects.refusedAt < 0) effects.refusedAt = i
        outcomes.push({ id: op.id, kind: 'requeue', notBefore: 0, refundAttempt: true })
        return
      // classify() never gives one command 'auth' (its batch was authorised); retrying is the safe answer.
      case 'auth':
      case 'transient':
        outcomes.push(transientOutcome(op, err, ctx))
        return
      case 'limited':
        outcomes.push({
          id: op.id,
          kind: 'requeue',
          notBefore: ctx.now + fullJitter(ctx.retry.transient, op.attempts, ctx.random),
          error: errorOf(err),
          refundAttempt: true
        })
        effects.laneError ??= err
        return
      case 'unreachable':
        effects.unreachable ??= err
        outcomes.push({ id: op.id, kind: 'requeue', notBefore: 0, refundAttempt: true })
        effects.laneError ??= err
        return
    }
  })
  return { outcomes, answered, effects }
}

/** What the lane itself must do after a request failed as a whole. */
export type LaneAction =
  | { kind: 'rate-limited' }
  | { kind: 'operating-limited'; methods: string[] }
  /** Send at most `limit` commands per batch from now on (1: plain calls). */
  | { kind: 'batch-refused'; limit: number }
  | { kind: 'unreachable' }
  | { kind: 'auth' }
  /** Wait before the next request: `probe` for long waits (limits), `transient` for short ones. */
  | { kind: 'backoff'; base: 'probe' | 'transient' }
  /** The portal is overloaded and we had other requests on it: fewer in flight is the backoff. */
  | { kind: 'overload' }
  | { kind: 'none' }

/**
 * A request failed as a whole: nothing in it was applied by the portal, or we cannot know (every
 * action sets an absolute state, so sending it again is safe). `crowded`: other requests of the lane
 * were in flight when it was sent, so an overload is (at least partly) ours, and the window that
 * shrinks is the answer: such operations go straight back to the queue, their attempt refunded.
 */
export const outcomesForFailedRequest = (
  ops: readonly QueuedOperation[],
  err: RestError,
  commands: readonly BatchCommand[],
  ctx: OutcomeContext & { crowded: boolean }
): { outcomes: Outcome[]; action: LaneAction } => {
  const requeueAll = (refund = true, error?: OperationError): Outcome[] =>
    ops.map((o) => ({ id: o.id, kind: 'requeue', notBefore: 0, refundAttempt: refund, error }))
  switch (classify(err, true)) {
    case 'rate-limited':
      return { outcomes: requeueAll(), action: { kind: 'rate-limited' } }
    case 'operating-limited':
      return {
        outcomes: requeueAll(true, errorOf(err)),
        action: { kind: 'operating-limited', methods: [...new Set(commands.map((c) => budgetKey(c.method)))] }
      }
    case 'batch-refused':
      // The portal will not take a batch this big (or at all): halve it; at one, use plain calls.
      return {
        outcomes: requeueAll(),
        action: { kind: 'batch-refused', limit: Math.max(1, Math.floor(ops.length / 2)) }
      }
    case 'unreachable':
      return { outcomes: requeueAll(true, errorOf(err)), action: { kind: 'unreachable' } }
    case 'auth':
      return { outcomes: requeueAll(true, errorOf(err)), action: { kind: 'auth' } }
    case 'limited':
      return { outcomes: requeueAll(true, errorOf(err)), action: { kind: 'backoff', base: 'probe' } }
    case 'permanent':
      return {
        outcomes: ops.map((o) => ({ id: o.id, kind: 'failed', error: errorOf(err) })),
        action: { kind: 'none' }
      }
    case 'transient':
      if (ctx.crowded && overloadSignalOf(err)) {
        return { outcomes: requeueAll(true, errorOf(err)), action: { kind: 'overload' } }
      }
      return {
        outcomes: ops.map((o) => transientOutcome(o, err, ctx)),
        action: { kind: 'backoff', base: 'transient' }
      }
  }
}

/** Anything that is not a RestError (a bug, a socket error the client did not wrap) counts as transient. */
export const asRestError = (err: unknown, portalId: string, method: string): RestError =>
  err instanceof RestError
    ? err
    : new RestError({
        code: 'CLIENT_ERROR',
        message: err instanceof Error ? err.message : String(err),
        category: 'transient',
        portalId,
        method,
        httpStatus: null,
        cause: err
      })
