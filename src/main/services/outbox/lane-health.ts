/** The lane's client and its health: the client with its pacing, auth failures, an unreachable portal's probes, backoff. */
import { AppError } from '../errors'
import { localize } from '../app/language'
import type { PortalClient, RestError } from '../bitrix/types'
import type { LaneCore, ProbeResult } from './lane-core'
import { messages } from './messages'
import { OperatingBudget, RateBucket } from './pacer'
import { fullJitter, probeDelay } from './retry-policy'

export class LaneHealth {
  client: PortalClient | null = null
  /** The portal's pacing, made with the first client and kept (its limits updated) with the next ones. */
  bucket: RateBucket | null = null
  budget: OperatingBudget | null = null
  transientStreak = 0
  backoffUntil = 0
  /** Why the lane is backing off, for the person watching; built when shown so it follows the language. */
  backoffReason: () => string = () => ''
  unreachable: RestError | null = null
  private probeAttempt = 0
  /**
   * The lane waits for a person: the portal refused the credentials (`code`), or there are none we
   * can use (`reason` then says what to do, in the words of whoever found out).
   */
  authError: { code: string; reason?: string } | null = null

  constructor(private readonly core: LaneCore) {}

  credentialsChanged(): void {
    this.client = null
    this.authError = null
    this.unreachable = null
    this.probeAttempt = 0
  }

  /** The person asked to resume: an unreachable portal is probed at once instead of at the next backoff. */
  resume(): void {
    this.backoffUntil = 0
    this.probeAttempt = 0
    this.authError = null
  }

  async ensureClient(): Promise<PortalClient | null> {
    if (this.client) return this.client
    const { deps, portalId } = this.core
    try {
      const client = await deps.clientFor(portalId)
      const limits = deps.limitsFor(portalId, client.limits)
      const now = deps.clock.now()
      if (this.bucket) this.bucket.setLimit(limits.rate)
      else this.bucket = new RateBucket(limits.rate, now)
      if (this.budget) this.budget.setLimit(limits.operating)
      else {
        this.budget = new OperatingBudget(limits.operating, deps.budget)
        this.budget.restore(deps.store.loadBudget(portalId), now)
      }
      this.client = client
      return client
    } catch (err) {
      this.clientFailed(err)
      return null
    }
  }

  /**
   * No client: the portal was removed, it has no credentials we can use (a person must enter them),
   * or something in the way may pass by itself (a locked keychain, the demo portal starting).
   */
  private clientFailed(err: unknown): void {
    const { deps, portalId } = this.core
    const e = err instanceof AppError ? err : null
    const code = e?.code ?? 'CLIENT_UNAVAILABLE'
    deps.log(
      `outbox: lane ${portalId}: no client (${code}): ${err instanceof Error ? err.message : String(err)}`
    )
    if (code === 'PORTAL_NOT_FOUND') {
      deps.portalGone(portalId)
      return
    }
    // An AppError's message is written for a person and says what to do; anything else is ours.
    const reason = e ? () => e.message : () => localize(messages.laneNoClient, { code })
    if (e?.category === 'auth') {
      this.authError = { code, reason: reason() }
      return
    }
    this.transientStreak++
    this.backoffUntil = deps.clock.now() + probeDelay(deps.retry.probe, this.transientStreak, deps.random)
    this.backoffReason = reason
  }

  /** Waits, then asks whether the unreachable portal answers again. */
  async probe(cause: RestError): Promise<void> {
    const { deps, portalId } = this.core
    this.probeAttempt++
    const wait = probeDelay(deps.retry.probe, this.probeAttempt, deps.random)
    this.core.setStatus(
      'unreachable',
      localize(messages.laneUnreachable, { code: cause.code }),
      deps.clock.now() + wait
    )
    await this.core.sleep(wait)
    if (this.core.stopping() || deps.store.isLanePaused(portalId) || !this.unreachable) return
    let result: ProbeResult
    try {
      result = await deps.probe(portalId)
    } catch {
      result = 'unreachable'
    }
    if (result === 'reachable') {
      this.unreachable = null
      this.probeAttempt = 0
      deps.log(`outbox: lane ${portalId}: portal answers again`)
    } else if (result === 'auth') {
      this.unreachable = null
      this.authError = { code: cause.code }
    }
  }

  /** A request failed as if the portal were gone: the lane probes it before sending again. */
  unreachableBy(err: RestError): void {
    this.unreachable = err
    this.probeAttempt = 0
  }

  /** The portal refused the credentials: the lane waits for new ones. */
  refusedBy(err: RestError): void {
    // A portal that answers as another one says so in its own words: new credentials alone are not the fix.
    this.authError = {
      code: err.code,
      reason: err.code === 'PORTAL_IDENTITY_CHANGED' ? err.message : undefined
    }
    this.client = null
  }

  /** A transient failure: the lane waits longer with each one in a row. */
  backOff(err: RestError, base: 'probe' | 'transient', now: number): void {
    const { retry, random } = this.core.deps
    this.transientStreak++
    this.backoffUntil =
      now +
      (base === 'probe'
        ? probeDelay(retry.probe, this.transientStreak, random)
        : fullJitter(retry.transient, this.transientStreak, random))
    this.backoffReason = () => localize(messages.laneBackoff, { code: err.code })
  }
}
