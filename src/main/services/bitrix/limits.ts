import { ParamsFactory, type RestrictionParams } from '@bitrix24/b24jssdk'
import type { LimitsPreset } from '../../../shared/domain/portal'
import { NON_RETRYABLE_TRANSPORT_CODES } from './errors'

export interface LimitsOptions {
  /** Self-hosted portals have no operating limit unless an administrator switched it on (420 s then). */
  operatingLimitSec?: number | null
  /** Attempts per call inside the SDK (rate-limit waits included). */
  maxRetries?: number
}

/**
 * The SDK's restriction manager settings for a portal's plan. The SDK paces calls with a leaky
 * bucket like the portal's own (standard 50/2, enterprise 250/5), waits out operating-limit blocks,
 * and retries. Network failures are NOT retried here: the outbox and the health monitor decide what
 * an unreachable portal means, and a refused connection should be reported at once.
 */
export const restrictionParamsFor = (preset: LimitsPreset, opts: LimitsOptions = {}): RestrictionParams => {
  const base = preset === 'enterprise' ? ParamsFactory.getEnterprise() : ParamsFactory.getDefault()
  const params: RestrictionParams = {
    ...base,
    maxRetries: opts.maxRetries ?? base.maxRetries ?? 3,
    retryOnNetworkError: false,
    hardErrorCodes: [...NON_RETRYABLE_TRANSPORT_CODES]
  }
  if (preset === 'self-hosted' && base.operatingLimit) {
    // The SDK only acts on `time.operating`, which self-hosted portals omit when the limit is off,
    // so the limiter stays idle there; when the limit is on, its default is 420 s, not the cloud's 480 s.
    params.operatingLimit = { ...base.operatingLimit, limitMs: (opts.operatingLimitSec ?? 420) * 1000 }
  } else if (opts.operatingLimitSec && base.operatingLimit) {
    params.operatingLimit = { ...base.operatingLimit, limitMs: opts.operatingLimitSec * 1000 }
  }
  return params
}
