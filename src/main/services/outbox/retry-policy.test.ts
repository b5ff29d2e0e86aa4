import { describe, expect, it } from 'vitest'
import { restError } from '../bitrix/errors'
import { classify, fullJitter, probeDelay } from './retry-policy'

describe('retry policy', () => {
  it('full jitter stays within [0, min(max, base*2^(n-1))]', () => {
    const b = { baseMs: 100, maxMs: 1_000 }
    expect(fullJitter(b, 1, () => 0.999)).toBeLessThan(100)
    expect(fullJitter(b, 3, () => 0.999)).toBeLessThan(400)
    expect(fullJitter(b, 3, () => 0.999)).toBeGreaterThan(390)
    expect(fullJitter(b, 20, () => 0.999)).toBeLessThan(1_000)
    expect(fullJitter(b, 5, () => 0)).toBe(0)
    expect(probeDelay(b, 1, () => 0)).toBe(50)
  })

  it('sorts errors by what the outbox can do about them', () => {
    expect(classify({ code: 'QUERY_LIMIT_EXCEEDED', category: 'limited' }, true)).toBe('rate-limited')
    expect(classify({ code: 'OPERATION_TIME_LIMIT', category: 'limited' }, false)).toBe('operating-limited')
    expect(classify({ code: 'ERROR_BATCH_LENGTH_EXCEEDED', category: 'permanent' }, false)).toBe(
      'batch-refused'
    )
    expect(classify({ code: 'SOMETHING', category: 'permanent', httpStatus: 414 }, true)).toBe(
      'batch-refused'
    )
    expect(classify({ code: 'LANDING_NOT_EXIST', category: 'permanent', httpStatus: 400 }, false)).toBe(
      'permanent'
    )
    expect(classify({ code: 'NO_AUTH_FOUND', category: 'auth' }, true)).toBe('auth')
    expect(classify({ code: 'ECONNREFUSED', category: 'unreachable' }, true)).toBe('unreachable')
    expect(classify({ code: 'INTERNAL_SERVER_ERROR', category: 'transient' }, true)).toBe('transient')
  })

  it('pauses for credentials only when the whole request was refused, never for one command of an accepted batch', () => {
    expect(classify({ code: 'expired_token', category: 'auth' }, true)).toBe('auth')
    expect(classify({ code: 'NO_AUTH_FOUND', category: 'auth' }, false)).toBe('transient')
    // A missing scope refuses one method to working credentials: the items that need it fail, the lane goes on.
    const scope = restError(
      { portalId: 'p', method: 'crm.documentgenerator.document.enablepublicurl' },
      'insufficient_scope',
      { httpStatus: 403 }
    )
    expect(classify(scope, false)).toBe('permanent')
    expect(classify(scope, true)).toBe('permanent')
    expect(scope.message).toMatch(/“crm”.*Retry failed/)
    expect(scope.messages?.ru).toMatch(/«crm».*Повторить ошибки/)
  })
})
