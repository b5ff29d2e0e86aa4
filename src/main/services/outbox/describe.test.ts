import { afterEach, describe, expect, it } from 'vitest'
import { setLanguage } from '../app/language'
import type { OperationView } from '../../../shared/domain/outbox'
import { healthReason, operationReason } from './describe'

afterEach(() => setLanguage('en'))

describe('plain-language outbox reasons', () => {
  it('says why a portal may hold its lane up, in the current language', () => {
    const health = {
      state: 'auth_failed' as const,
      lastError: {
        code: 'INVALID_CREDENTIALS',
        message: 'Webhook rejected.',
        category: 'auth' as const,
        at: 1
      }
    }
    expect(healthReason(health)).toBe(
      'The portal refused the credentials when last contacted (INVALID_CREDENTIALS); update the webhook or app credentials to continue. Webhook rejected.'
    )
    expect(healthReason({ state: 'unreachable' })).toBe('The portal did not answer when last contacted.')
    setLanguage('ru')
    expect(healthReason({ state: 'unreachable' })).toBe('При последнем обращении портал не ответил.')
    expect(healthReason({ state: 'online' })).toBeNull()
    expect(healthReason({ state: 'unknown' })).toBeNull()
    expect(healthReason(undefined)).toBeNull()
  })

  it('gives each operation outcome a reason a person can read', () => {
    const op = {
      id: 1,
      jobId: 1,
      portalId: 'p',
      kind: 'page',
      targetId: 1,
      scope: '',
      action: 'publish',
      attempts: 1,
      updatedAt: 0
    } as const
    expect(
      operationReason({
        ...op,
        state: 'failed',
        error: { code: 'X', message: 'The page is gone.', category: 'permanent' }
      } as OperationView)
    ).toBe('The page is gone.')
    expect(operationReason({ ...op, state: 'superseded', error: null } as OperationView)).toMatch(
      /newer request/
    )
    expect(operationReason({ ...op, state: 'cancelled', error: null } as OperationView)).toBe('Cancelled.')
    expect(operationReason({ ...op, state: 'done', error: null } as OperationView)).toBe('')
  })
})
