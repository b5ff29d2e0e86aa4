import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator, type EmulatedPortal } from '../../../emulator/index.ts'
import { makeTlsMaterial } from '../../../emulator/tls.ts'
import { createPortalClient, type OAuthTokens } from './client'
import { RestError } from './types'

let emu: Emulator
let portal: EmulatedPortal

beforeAll(async () => {
  emu = await startEmulator({ portals: 1, seed: 'demo', realDelayFactor: 0 })
  portal = emu.portals[0]
})
afterAll(async () => {
  await emu?.stop()
})

const hookClient = (
  webhookUrl = portal.webhookUrl,
  extra: Partial<Parameters<typeof createPortalClient>[0]> = {}
) =>
  createPortalClient({
    portalId: 'p1',
    limits: 'standard',
    credentials: { kind: 'webhook', webhookUrl },
    caPem: emu.caCertPem,
    ...extra
  })

describe('createPortalClient (webhook) against the emulated portal', () => {
  it('calls a method and reports timing', async () => {
    const c = hookClient()
    const { result, timing } = await c.call<{ ID: string }>('profile')
    expect(result.ID).toBe(String(portal.webhook.userId))
    expect(timing).not.toBeNull()
    c.close()
  })

  it('runs a batch with per-command results and errors in order', async () => {
    const c = hookClient()
    const out = await c.batch([
      { method: 'scope', params: {} },
      { method: 'landing.landing.getpreview', params: { lid: 987654321 } },
      { method: 'landing.site.getList', params: { params: { select: ['ID', 'TITLE'], limit: 2 } } }
    ])
    expect(out).toHaveLength(3)
    expect(out[0].ok).toBe(true)
    expect(out[1].ok).toBe(false)
    if (!out[1].ok) {
      expect(out[1].error).toBeInstanceOf(RestError)
      expect(out[1].error.method).toBe('landing.landing.getpreview')
      expect(out[1].error.category).toBe('permanent')
    }
    expect(out[2].ok && Array.isArray(out[2].result) && out[2].result.length).toBeLessThanOrEqual(2)
    c.close()
  })

  it('refuses more than 50 commands without calling the portal', async () => {
    const c = hookClient()
    const cmds = Array.from({ length: 51 }, () => ({ method: 'scope', params: {} }))
    await expect(c.batch(cmds)).rejects.toMatchObject({
      code: 'ERROR_BATCH_LENGTH_EXCEEDED',
      category: 'permanent'
    })
    c.close()
  })

  it('a wrong webhook code is an auth error that says the code is wrong or revoked, without the code', async () => {
    const wrongCode = 'zzzzwrongcode0000'
    const url = portal.webhookUrl.replace(portal.webhook.code, wrongCode)
    const c = hookClient(url)
    const err = await c.call('profile').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RestError)
    const r = err as RestError
    expect(r.category).toBe('auth')
    expect(r.message).toMatch(/wrong|revoked/i)
    expect(r.messages?.ru).toMatch(/неверен|отозван/)
    expect(JSON.stringify({ ...r, message: r.message })).not.toContain(wrongCode)
    c.close()
  })

  it('does not trust the portal without its CA', async () => {
    const c = hookClient(portal.webhookUrl, { caPem: null })
    const err = await c.call('profile').catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'TLS_CERTIFICATE' })
    expect((err as RestError).message).toMatch(/certificate/i)
    c.close()
  })

  it('reports a refused connection as unreachable', async () => {
    const url = new URL(portal.webhookUrl)
    const dead = createServer()
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', () => r()))
    const port = (dead.address() as AddressInfo).port
    await new Promise<void>((r) => dead.close(() => r()))
    url.port = String(port)
    const c = hookClient(url.toString())
    await expect(c.call('profile')).rejects.toMatchObject({
      code: 'NETWORK_UNREACHABLE',
      category: 'unreachable'
    })
    c.close()
  })
})

describe('createPortalClient against a portal that misbehaves', () => {
  let server: Server
  let base: string
  let ca: string
  let mode: 'html200' | 'html500' | 'hang' = 'html200'
  beforeAll(async () => {
    const tls = await makeTlsMaterial(
      (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/b24-tls-`)
    )
    ca = tls.caCertPem
    server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
      req.resume()
      if (mode === 'hang') return
      res.writeHead(mode === 'html200' ? 200 : 500, { 'Content-Type': 'text/html' })
      res.end('<html><body>Maintenance</body></html>')
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise<void>((r) => server.close(() => r()))
  })

  const client = (timeoutMs?: number) =>
    createPortalClient({
      portalId: 'p2',
      limits: 'standard',
      credentials: { kind: 'webhook', webhookUrl: `${base}/rest/1/abcdefgh12345678/` },
      caPem: ca,
      timeoutMs,
      maxRetries: 1
    })

  it('an HTML answer with status 200 is a transient error with a clear message', async () => {
    mode = 'html200'
    const c = client()
    const err = (await c.call('profile').catch((e: unknown) => e)) as RestError
    expect(err).toMatchObject({ code: 'NON_JSON_RESPONSE', category: 'transient' })
    expect(err.message).toMatch(/web page instead of data/)
    c.close()
  })

  it('an HTML error page is a transient error too', async () => {
    mode = 'html500'
    const c = client()
    await expect(c.call('profile')).rejects.toMatchObject({ code: 'NON_JSON_RESPONSE', httpStatus: 500 })
    c.close()
  })

  it('a portal that never answers times out as a transient error', async () => {
    mode = 'hang'
    const c = client(300)
    await expect(c.call('profile')).rejects.toMatchObject({ code: 'TIMEOUT', category: 'transient' })
    c.close()
  })
})

describe('createPortalClient (OAuth)', () => {
  it('refreshes an expired token once for concurrent calls and hands the rotated pair over', async () => {
    const seen: OAuthTokens[] = []
    const o = portal.oauth
    const c = createPortalClient({
      portalId: 'p3',
      limits: 'standard',
      caPem: emu.caCertPem,
      credentials: {
        kind: 'oauth',
        portalUrl: portal.baseUrl,
        clientId: o.clientId,
        clientSecret: o.clientSecret,
        accessToken: o.accessToken,
        refreshToken: o.refreshToken,
        oauthServer: o.serverEndpoint
      },
      onTokensRefreshed: (t) => {
        seen.push(t)
      }
    })
    await c.call('profile')
    portal.control.expireAccessToken()
    portal.control.clearLog()
    const results = await Promise.all(Array.from({ length: 8 }, () => c.call('profile')))
    expect(results).toHaveLength(8)
    expect(seen).toHaveLength(1)
    expect(seen[0].refreshToken).not.toBe(o.refreshToken)
    c.close()
  })
})

describe('an answer larger than the client accepts', () => {
  let server: Server
  let base: string
  let ca: string

  beforeAll(async () => {
    const tls = await makeTlsMaterial(mkdtempSync(join(tmpdir(), 'b24-big-')))
    ca = tls.caCertPem
    server = createServer({ key: tls.key, cert: tls.cert }, (_req, res) => {
      // A valid envelope that is simply too big: two megabytes of one title.
      const body = JSON.stringify({ result: { ID: '1', TITLE: 'x'.repeat(2 * 1024 * 1024) }, time: {} })
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(body)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('is refused with RESPONSE_TOO_LARGE, not read into memory', async () => {
    const c = createPortalClient({
      portalId: 'big',
      limits: 'standard',
      credentials: { kind: 'webhook', webhookUrl: `${base}/rest/1/abcdef123/` },
      caPem: ca,
      maxRetries: 1,
      maxResponseBytes: 1024 * 1024
    })
    try {
      await expect(c.call('profile')).rejects.toMatchObject({
        code: 'RESPONSE_TOO_LARGE',
        category: 'permanent'
      })
    } finally {
      c.close()
    }
  })
})
