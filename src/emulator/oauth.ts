import { randomBytes } from 'node:crypto'

interface AccessToken {
  expiresAt: number
}

export interface TokenPair {
  accessToken: string
  refreshToken: string
  expires: number
}

export type RefreshOutcome =
  | { ok: true; status: 200; body: Record<string, unknown> }
  | { ok: false; status: number; body: { error: string; error_description: string } }

const token = () => randomBytes(20).toString('hex')

/** The app's tokens on one portal: access tokens expire, every refresh token works once. */
export class OAuthStore {
  readonly clientId: string
  readonly clientSecret: string
  readonly memberId: string
  private readonly access = new Map<string, AccessToken>()
  private refreshTokens = new Set<string>()
  private current: TokenPair
  private readonly now: () => number
  lifetimeSec: number

  constructor(now: () => number, lifetimeSec: number) {
    this.now = now
    this.lifetimeSec = lifetimeSec
    this.clientId = `local.${randomBytes(7).toString('hex')}`
    this.clientSecret = randomBytes(24).toString('base64url')
    this.memberId = randomBytes(16).toString('hex')
    this.current = this.issue()
  }

  private issue(): TokenPair {
    const accessToken = token()
    const refreshToken = token()
    const expiresAt = this.now() + this.lifetimeSec * 1000
    this.access.set(accessToken, { expiresAt })
    this.refreshTokens.add(refreshToken)
    this.current = { accessToken, refreshToken, expires: Math.floor(expiresAt / 1000) }
    return this.current
  }

  currentPair(): TokenPair {
    return this.current
  }

  check(accessToken: string): 'ok' | 'unknown' | 'expired' {
    const t = this.access.get(accessToken)
    if (!t) return 'unknown'
    return t.expiresAt <= this.now() ? 'expired' : 'ok'
  }

  expireAll(): void {
    const past = this.now() - 1
    for (const t of this.access.values()) t.expiresAt = past
    this.current = { ...this.current, expires: Math.floor(past / 1000) }
  }

  /** Back to one fresh pair, as after reinstalling the app. */
  reset(): void {
    this.access.clear()
    this.refreshTokens = new Set()
    this.issue()
  }

  refresh(
    q: Record<string, string | undefined>,
    describe: (pair: TokenPair) => Record<string, unknown>
  ): RefreshOutcome {
    if (q.grant_type !== 'refresh_token') {
      return {
        ok: false,
        status: 400,
        body: { error: 'invalid_request', error_description: 'Unsupported grant_type' }
      }
    }
    if (q.client_id !== this.clientId || q.client_secret !== this.clientSecret) {
      return {
        ok: false,
        status: 400,
        body: { error: 'invalid_client', error_description: 'Invalid client credentials' }
      }
    }
    const rt = q.refresh_token ?? ''
    if (!this.refreshTokens.has(rt)) {
      return {
        ok: false,
        status: 400,
        body: { error: 'invalid_grant', error_description: 'Invalid or expired refresh token' }
      }
    }
    this.refreshTokens.delete(rt)
    return { ok: true, status: 200, body: describe(this.issue()) }
  }
}
