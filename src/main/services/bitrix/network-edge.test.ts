import { get } from 'node:https'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TlsMaterial } from '../../../emulator/tls.ts'
import { setLanguage } from '../app/language'
import { HostBoundAgent } from './agent'
import { createPortalClient, type OAuthTokens } from './client'
import { json, makeTestTls, restTime, startLocalHttps, type LocalHttps } from './testing/local-https'
import { RestError } from './types'

/**
 * The network edge of the REST client, against local https servers that record what reaches them:
 * "portal" plays the portal (and, where a test says so, its OAuth server on the same host), and
 * "elsewhere" is another host (same CA, same certificate, another port) that nothing may reach.
 */
let tls: TlsMaterial
let portal: LocalHttps
let elsewhere: LocalHttps

beforeAll(async () => {
  tls = await makeTestTls()
  portal = await startLocalHttps(tls)
  elsewhere = await startLocalHttps(tls)
  elsewhere.handle((_req, res) => json(res, 200, { result: { ID: '666' }, time: restTime() }))
  setLanguage('en')
})
afterAll(async () => {
  await portal?.close()
  await elsewhere?.close()
})
afterEach(() => {
  portal.requests.length = 0
  elsewhere.requests.length = 0
})

const CLIENT_SECRET = 'Cl13nt-S3cret-value'
const REFRESH_TOKEN = 'R3fresh-T0ken-value'
const WEBHOOK_CODE = 'abcd1234efgh5678'

const oauthClient = (oauthServer: string, onTokensRefreshed?: (t: OAuthTokens) => void) =>
  createPortalClient({
    portalId: 'edge',
    limits: 'standard',
    caPem: tls.caCertPem,
    maxRetries: 1,
    credentials: {
      kind: 'oauth',
      portalUrl: portal.base,
      clientId: 'local.app',
      clientSecret: CLIENT_SECRET,
      accessToken: 'stale-access',
      refreshToken: REFRESH_TOKEN,
      oauthServer
    },
    onTokensRefreshed
  })

const hookClient = () =>
  createPortalClient({
    portalId: 'edge',
    limits: 'standard',
    caPem: tls.caCertPem,
    maxRetries: 2,
    credentials: { kind: 'webhook', webhookUrl: `${portal.base}/rest/1/${WEBHOOK_CODE}/` }
  })

/** A portal whose `profile` wants the fresh token; its token endpoint (same host) is `token`. */
const portalWithTokenEndpoint = (
  token: (req: Parameters<Parameters<LocalHttps['handle']>[0]>[0]) => unknown
) =>
  portal.handle((req, res) => {
    if (req.url.startsWith('/oauth/token')) {
      const out = token(req)
      if (typeof out === 'function') return (out as (r: typeof res) => void)(res)
      return json(res, 200, out)
    }
    const body = JSON.parse(req.body || '{}') as { auth?: string }
    if (body.auth !== 'fresh-access')
      return json(res, 401, {
        error: 'expired_token',
        error_description: 'The access token provided has expired.'
      })
    json(res, 200, { result: { ID: '7', NAME: 'Ann' }, time: restTime() })
  })

describe('OAuth token refresh', () => {
  it('is a POST with a form body: no client secret or refresh token in any URL', async () => {
    portalWithTokenEndpoint(() => ({
      access_token: 'fresh-access',
      refresh_token: 'fresh-refresh',
      expires_in: 3600,
      client_endpoint: `${portal.base}/rest/`
    }))
    const seen: OAuthTokens[] = []
    const c = oauthClient(portal.base, (t) => void seen.push(t))
    try {
      const { result } = await c.call<{ ID: string }>('profile')
      expect(result.ID).toBe('7')
    } finally {
      c.close()
    }
    const token = portal.requests.filter((r) => r.url.startsWith('/oauth/token'))
    expect(token).toHaveLength(1)
    expect(token[0].method).toBe('POST')
    expect(token[0].headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/)
    expect(Object.fromEntries(new URLSearchParams(token[0].body))).toEqual({
      grant_type: 'refresh_token',
      client_id: 'local.app',
      client_secret: CLIENT_SECRET,
      refresh_token: REFRESH_TOKEN
    })
    for (const r of portal.requests) {
      for (const secret of [CLIENT_SECRET, REFRESH_TOKEN, 'client_secret', 'refresh_token'])
        expect(decodeURIComponent(r.url)).not.toContain(secret)
    }
    expect(seen.map((t) => t.refreshToken)).toEqual(['fresh-refresh'])
  })
})

describe('redirects', () => {
  it.each([301, 302, 303, 307, 308])(
    'a %i from the portal is a clear error, and nothing is sent to the other address',
    async (status) => {
      portal.handle((_req, res) => {
        res.writeHead(status, { Location: `${elsewhere.base}/rest/1/${WEBHOOK_CODE}/profile` }).end()
      })
      const c = hookClient()
      const before = elsewhere.connections
      try {
        const err = (await c.call('profile').catch((e: unknown) => e)) as RestError
        expect(err).toBeInstanceOf(RestError)
        expect(err).toMatchObject({ code: 'PORTAL_REDIRECTED', category: 'auth', httpStatus: status })
        expect(err.message).toContain(`another address (${elsewhere.host})`)
        expect(err.messages?.ru).toContain(`на другой адрес (${elsewhere.host})`)
        expect(JSON.stringify({ ...err, message: err.message })).not.toContain(WEBHOOK_CODE)
      } finally {
        c.close()
      }
      // Asked once (a redirect is not retried), and the other host was not even connected to.
      expect(portal.requests).toHaveLength(1)
      expect(elsewhere.connections).toBe(before)
      expect(elsewhere.requests).toHaveLength(0)
    }
  )

  it('an OAuth call redirected with 307 does not carry its token anywhere else', async () => {
    portal.handle((_req, res) => res.writeHead(307, { Location: `${elsewhere.base}/rest/profile` }).end())
    const c = oauthClient(portal.base)
    const before = elsewhere.connections
    try {
      await expect(c.call('profile')).rejects.toMatchObject({ code: 'PORTAL_REDIRECTED', category: 'auth' })
    } finally {
      c.close()
    }
    expect(portal.requests[0].body).toContain('stale-access')
    expect(elsewhere.connections).toBe(before)
  })

  it('a redirect from the token endpoint does not carry the client secret anywhere else', async () => {
    portalWithTokenEndpoint(
      () => (res: Parameters<Parameters<LocalHttps['handle']>[0]>[1]) =>
        res.writeHead(308, { Location: `${elsewhere.base}/oauth/token/` }).end()
    )
    const c = oauthClient(portal.base)
    const before = elsewhere.connections
    try {
      await expect(c.call('profile')).rejects.toMatchObject({
        code: 'PORTAL_REDIRECTED',
        method: 'oauth.token'
      })
    } finally {
      c.close()
    }
    expect(portal.requests.some((r) => r.url.startsWith('/oauth/token'))).toBe(true)
    expect(elsewhere.connections).toBe(before)
  })
})

describe('a CA given for a portal', () => {
  it('is not trusted for an OAuth server on another host: the refresh fails before any request', async () => {
    portalWithTokenEndpoint(() => ({ access_token: 'fresh-access', refresh_token: 'x' }))
    // Same CA, a certificate valid for 127.0.0.1: only the port differs, and that is another host.
    elsewhere.handle((_req, res) => json(res, 200, { access_token: 'fresh-access', refresh_token: 'y' }))
    const c = oauthClient(elsewhere.base)
    const before = elsewhere.connections
    try {
      await expect(c.call('profile')).rejects.toMatchObject({
        code: 'TLS_CERTIFICATE',
        method: 'oauth.token'
      })
    } finally {
      c.close()
    }
    // The TCP connection was made and the handshake refused: the secret was never sent.
    expect(elsewhere.connections).toBeGreaterThan(before)
    expect(elsewhere.requests).toHaveLength(0)
  })

  it('is added per connection for the portal’s host and port only, never as an agent-wide option', async () => {
    const agent = new HostBoundAgent({ portalHost: portal.host, caPem: tls.caCertPem, keepAlive: false })
    portal.handle((_req, res) => json(res, 200, { ok: true }))
    const status = (url: string) =>
      new Promise<number | string>((resolve) => {
        get(url, { agent }, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        }).on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'))
      })
    try {
      expect(await status(`${portal.base}/`)).toBe(200)
      expect(await status(`${elsewhere.base}/`)).toMatch(/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/)
      // A wrapper that copies the agent's TLS options (a proxy tunnel) must find no CA to copy.
      expect((agent as unknown as { options: { ca?: unknown } }).options.ca).toBeUndefined()
      expect(agent.trustsPortalCaFor('127.0.0.1', portal.port)).toBe(true)
      expect(agent.trustsPortalCaFor('localhost', portal.port)).toBe(false)
      expect(agent.trustsPortalCaFor('127.0.0.1', elsewhere.port)).toBe(false)
    } finally {
      agent.destroy()
    }
    expect(elsewhere.requests).toHaveLength(0)
  })
})
