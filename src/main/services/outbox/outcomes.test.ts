import { describe, expect, it } from 'vitest'
import type { BatchItemResult } from '../bitrix/types'
import { RestError } from '../bitrix/types'
import { commandFor } from './commands'
import { confirmedBy, outcomesFor, outcomesForFailedRequest } from './outcomes'
import { defaultRetrySettings } from './retry-policy'
import type { QueuedOperation } from './store'

const op = (id: number, over: Partial<QueuedOperation> = {}): QueuedOperation => ({
  id,
  jobId: 1,
  portalId: 'p',
  kind: 'page',
  targetId: id * 10,
  scope: '',
  action: 'publish',
  label: null,
  attempts: 1,
  ...over
})
const err = (code: string, category: RestError['category'], httpStatus: number | null = 400) =>
  new RestError({ code, message: `${code} happened`, category, portalId: 'p', method: 'm', httpStatus })
const ok = (result: unknown): BatchItemResult => ({ ok: true, result, timing: null })
const bad = (e: RestError): BatchItemResult => ({ ok: false, error: e, timing: null })
const ctx = { retry: defaultRetrySettings, random: () => 0.5, now: 10_000 }

describe('outcomesFor: one answered batch', () => {
  it('maps each command to what happens to its operation, and what the lane must do besides', () => {
    const ops = [op(1), op(2), op(3), op(4), op(5), op(6, { action: 'unpublish' }), op(7), op(8)]
    const commands = ops.map((o) => commandFor(o))
    const items = [
      ok(true),
      bad(err('LANDING_NOT_EXIST', 'permanent')),
      bad(err('INTERNAL_SERVER_ERROR', 'transient', null)),
      bad(err('QUERY_LIMIT_EXCEEDED', 'transient', null)),
      bad(err('ERROR_BATCH_LENGTH_EXCEEDED', 'permanent')),
      bad(err('OPERATION_TIME_LIMIT', 'limited', null)),
      ok(null)
      // 8: not answered at all
    ]
    const r = outcomesFor(ops, items, commands, ctx)
    // A refusal is read back too (the portal may have changed things before refusing); it keeps its error.
    expect(r.answered.map((a) => [a.op.id, a.confirmed, a.error?.code ?? null])).toEqual([
      [1, true, null],
      [2, false, 'LANDING_NOT_EXIST'],
      [7, false, null]
    ])
    expect(r.answered[1].error).toEqual({
      code: 'LANDING_NOT_EXIST',
      message: 'LANDING_NOT_EXIST happened',
      category: 'permanent'
    })
    expect(r.outcomes).toEqual([
      {
        id: 3,
        kind: 'requeue',
        notBefore: 10_500,
        error: {
          code: 'INTERNAL_SERVER_ERROR',
          message: 'INTERNAL_SERVER_ERROR happened',
          category: 'transient'
        },
        refundAttempt: false
      },
      { id: 4, kind: 'requeue', notBefore: 0, refundAttempt: true },
      { id: 5, kind: 'requeue', notBefore: 0, refundAttempt: true },
      {
        id: 6,
        kind: 'requeue',
        notBefore: 0,
        error: {
          code: 'OPERATION_TIME_LIMIT',
          message: 'OPERATION_TIME_LIMIT happened',
          category: 'limited'
        },
        refundAttempt: true
      },
      { id: 8, kind: 'requeue', notBefore: 0, refundAttempt: true }
    ])
    expect(r.effects).toMatchObject({
      operatingLimited: ['landing.landing.unpublic'],
      rateLimited: 1,
      refusedAt: 4,
      unreachable: null
    })
    expect(r.effects.laneError?.code).toBe('QUERY_LIMIT_EXCEEDED')
  })

  it('a transient error gives up once the operation has had its attempts, saying how many', () => {
    const spent = op(1, { attempts: defaultRetrySettings.maxTransientAttempts })
    const r = outcomesFor(
      [spent],
      [bad(err('INTERNAL_SERVER_ERROR', 'transient', null))],
      [commandFor(spent)],
      ctx
    )
    expect(r.outcomes[0]).toMatchObject({ kind: 'failed', error: { code: 'INTERNAL_SERVER_ERROR' } })
    expect((r.outcomes[0] as { error: { message: string } }).error.message).toMatch(
      /^Gave up after 8 attempts/
    )
  })
})

describe('outcomesForFailedRequest: the request failed as a whole', () => {
  const ops = [op(1), op(2)]
  const commands = ops.map((o) => commandFor(o))

  it('an overload while other requests were in flight: straight back to the queue, attempt refunded, no backoff', () => {
    const e = err('INTERNAL_SERVER_ERROR', 'transient', 500)
    const crowded = outcomesForFailedRequest(ops, e, commands, { ...ctx, crowded: true })
    expect(crowded.action).toEqual({ kind: 'overload' })
    expect(crowded.outcomes.every((o) => o.kind === 'requeue' && o.notBefore === 0 && o.refundAttempt)).toBe(
      true
    )
    // Alone on the portal, the same failure is an ordinary transient one: backoff, and the attempt counts.
    const alone = outcomesForFailedRequest(ops, e, commands, { ...ctx, crowded: false })
    expect(alone.action).toEqual({ kind: 'backoff', base: 'transient' })
    expect(alone.outcomes[0]).toMatchObject({ kind: 'requeue', notBefore: 10_500, refundAttempt: false })
  })

  it('each kind of failure asks the lane for its own remedy', () => {
    const action = (e: RestError) =>
      outcomesForFailedRequest(ops, e, commands, { ...ctx, crowded: false }).action
    expect(action(err('QUERY_LIMIT_EXCEEDED', 'transient', 503))).toEqual({ kind: 'rate-limited' })
    expect(action(err('OPERATION_TIME_LIMIT', 'limited', 429))).toEqual({
      kind: 'operating-limited',
      methods: ['landing.landing.publication']
    })
    expect(action(err('URI_TOO_LONG', 'permanent', 414))).toEqual({ kind: 'batch-refused', limit: 1 })
    expect(action(err('NETWORK_UNREACHABLE', 'unreachable', null))).toEqual({ kind: 'unreachable' })
    expect(action(err('NO_AUTH_FOUND', 'auth', 401))).toEqual({ kind: 'auth' })
    expect(action(err('PAYMENT_REQUIRED', 'limited', 402))).toEqual({ kind: 'backoff', base: 'probe' })
    const refused = outcomesForFailedRequest(ops, err('ACCESS_DENIED', 'permanent', 403), commands, {
      ...ctx,
      crowded: false
    })
    expect(refused).toMatchObject({
      action: { kind: 'none' },
      outcomes: [{ kind: 'failed' }, { kind: 'failed' }]
    })
  })
})

describe('confirmedBy: what the portal answered', () => {
  it('pages and folders confirm with true, sites with their id, document links with the link (or its absence)', () => {
    expect(confirmedBy({ kind: 'page', action: 'publish' }, true)).toBe(true)
    // docs/bitrix24.md#publication-without-right: a publication without the right comes back empty, with no error.
    expect(confirmedBy({ kind: 'page', action: 'publish' }, null)).toBe(false)
    expect(confirmedBy({ kind: 'folder', action: 'unpublish' }, true)).toBe(true)
    expect(confirmedBy({ kind: 'site', action: 'publish' }, 12)).toBe(true)
    expect(confirmedBy({ kind: 'site', action: 'publish' }, '12')).toBe(true)
    expect(confirmedBy({ kind: 'site', action: 'publish' }, false)).toBe(false)
    expect(confirmedBy({ kind: 'document', action: 'link-on' }, { publicUrl: 'https://x/~1' })).toBe(true)
    expect(confirmedBy({ kind: 'document', action: 'link-on' }, { publicUrl: null })).toBe(false)
    expect(confirmedBy({ kind: 'document', action: 'link-off' }, { publicUrl: null })).toBe(true)
  })
})
