import https from 'node:https'
import { B24OAuth, ApiVersion, EnumAppStatus } from '@bitrix24/b24jssdk'
import type { AjaxResult, RestrictionParams } from '@bitrix24/b24jssdk'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator } from './index.ts'
import type { EmulatedPortal, Emulator } from './index.ts'
import { rawRequest, sdkHook, trustingAgent } from './testing/client.ts'

/** Real time plus a skew tests can add to, so the rate bucket still drains in real time. */
let skewMs = 0
const now = () => Date.now() + skewMs

/** The SDK paces itself at 50/2 by default; these tests want the portal's limits, not the SDK's. */
const unthrottled: Partial<RestrictionParams> = {
  rateLimit: { burstLimit: 100_000, drainRate: 100_000, adaptiveEnabled: false },
  adaptiveConfig: { enabled: false, thresholdPercent: 100, coefficient: 0, maxDelay: 0 }
}

let emu: Emulator
let demo: EmulatedPortal
let big: EmulatedPortal

beforeAll(async () => {
  emu = await startEmulator({
    portals: [
      { name: 'demo', seed: 'demo' },
      { name: 'big', seed: 'large', rate: { burst: 10_000, drainPerSecond: 1000 } }
    ],
    realDelayFactor: 0,
    now
  })
  demo = emu.portal('demo')
  big = emu.portal('big')
})
afterAll(() => emu.stop())
beforeEach(async () => {
  await demo.control.reset()
  skewMs = 0
})

describe('the official SDK against the emulated portal', () => {
  it('makes single calls through a webhook', async () => {
    const b24 = sdkHook(demo.webhookUrl, emu.caCertPem, unthrottled)
    const res = await b24.actions.v2.call.make({
      method: 'landing.site.getList',
      params: { params: { select: ['ID', 'TITLE'] } }
    })
    expect(res.isSuccess).toBe(true)
    const sites = res.getData()?.result as Array<{ TITLE: string }>
    expect(sites.map((s) => s.TITLE)).toContain('Весенняя распродажа')
    const pub = await b24.actions.v2.call.make({ method: 'landing.site.publication', params: { id: 2 } })
    expect(pub.getData()?.result).toBe(2)
    expect(demo.control.state().sites.find((s) => s.id === 2)?.active).toBe(true)
  })

  it('runs batches, chunks more than 50 commands, and reports per-command errors', async () => {
    const b24 = sdkHook(demo.webhookUrl, emu.caCertPem, unthrottled)
    const batch = await b24.actions.v2.batch.make({
      calls: [
        ['landing.landing.publication', { lid: 7 }],
        ['landing.landing.publication', { lid: 99999 }],
        ['landing.landing.unpublic', { lid: 1 }]
      ],
      options: { isHaltOnError: false }
    })
    expect(batch.isSuccess).toBe(false)
    expect(batch.getErrorMessages().join(' ')).toContain('Landing not found')
    const state = demo.control.state()
    expect(state.pages.find((p) => p.id === 7)?.active).toBe(true)
    expect(state.pages.find((p) => p.id === 1)?.active).toBe(false)

    const calls = Array.from({ length: 120 }, (_, i): [string, Record<string, unknown>] => [
      'landing.landing.getpublicurl',
      { lid: 1 + (i % 16) }
    ])
    const chunked = await b24.actions.v2.batchByChunk.make({ calls, options: { isHaltOnError: false } })
    expect((chunked.getData() as string[]).length).toBe(120)
    expect(demo.control.requestLog().countsByMethod.batch).toBe(4)

    await expect(
      b24.actions.v2.batch.make({ calls, options: { isHaltOnError: false } })
    ).rejects.toMatchObject({ code: 'JSSDK_BATCH_TOO_LARGE' })
  })

  it('keeps a landing scope for the rest of an SDK batch, as the server does (docs/bitrix24.md#sticky-scope)', async () => {
    const b24 = sdkHook(demo.webhookUrl, emu.caCertPem, unthrottled)
    const mixed = await b24.actions.v2.batch.make({
      calls: [
        ['landing.landing.publication', { lid: 19, scope: 'KNOWLEDGE' }],
        ['landing.landing.publication', { lid: 6 }],
        ['landing.site.getFolders', { siteId: 1 }]
      ],
      options: { isHaltOnError: false }
    })
    expect(mixed.isSuccess).toBe(false)
    expect(mixed.getErrorMessages().join(' ')).toContain('Landing not found')
    let state = demo.control.state()
    expect(state.pages.find((p) => p.id === 19)?.active).toBe(true)
    expect(state.pages.find((p) => p.id === 6)?.active).toBe(false)

    // Default-scope commands first, then the scoped one: all of them land.
    const ordered = await b24.actions.v2.batch.make({
      calls: [
        ['landing.landing.publication', { lid: 6 }],
        ['landing.landing.unpublic', { lid: 19, scope: 'KNOWLEDGE' }]
      ],
      options: { isHaltOnError: false }
    })
    expect(ordered.isSuccess).toBe(true)
    state = demo.control.state()
    expect(state.pages.find((p) => p.id === 6)?.active).toBe(true)
    expect(state.pages.find((p) => p.id === 19)?.active).toBe(false)
  })

  it('lists all 5,000 documents and 10,000 pages of the large portal', async () => {
    const b24 = sdkHook(big.webhookUrl, emu.caCertPem, unthrottled)
    const docs = await b24.actions.v2.callList.make({
      method: 'crm.documentgenerator.document.list',
      params: { select: ['*'] },
      idKey: 'id',
      cursorIdKey: 'id',
      customKeyForResult: 'documents'
    })
    const rows = docs.getData() as Array<{ id: string }>
    expect(rows).toHaveLength(5000)
    expect(new Set(rows.map((r) => r.id)).size).toBe(5000)

    const paged: string[] = []
    let start: number | undefined = 0
    while (start !== undefined) {
      const res: AjaxResult = await b24.actions.v2.call.make({
        method: 'crm.documentgenerator.document.list',
        params: { order: { id: 'ASC' }, start }
      })
      expect(res.getTotal()).toBe(5000)
      const data = res.getData() as { result: { documents: Array<{ id: string }> } }
      paged.push(...data.result.documents.map((d) => d.id))
      start = res.isMore() ? paged.length : undefined
    }
    expect(paged).toHaveLength(5000)

    const pages = await b24.actions.v2.call.make({
      method: 'landing.landing.getList',
      params: { params: { select: ['ID'] } }
    })
    expect((pages.getData()?.result as unknown[]).length).toBe(10_000)
  })

  it('hits the rate limit and recovers through the SDK retry', async () => {
    demo.control.setConditions({ rate: { burst: 4, drainPerSecond: 10 } })
    const b24 = sdkHook(demo.webhookUrl, emu.caCertPem, { ...unthrottled, maxRetries: 4 })
    const results = await Promise.all(
      Array.from({ length: 10 }, () => b24.actions.v2.call.make({ method: 'server.time' }))
    )
    expect(results.every((r) => r.isSuccess)).toBe(true)
    const statuses = demo.control.requestLog().entries.map((e) => e.status)
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0)
    expect(statuses.filter((s) => s === 200)).toHaveLength(10)
  })

  it('hits the operating limit and works again once the window has passed', async () => {
    demo.control.setConditions({ operatingLimitSec: 0.04 })
    const b24 = sdkHook(demo.webhookUrl, emu.caCertPem, { ...unthrottled, maxRetries: 1 })
    const call = () => b24.actions.v2.call.make({ method: 'landing.site.publication', params: { id: 1 } })
    await call()
    const second = await call()
    expect((second.getData()?.time as { operating: number }).operating).toBeCloseTo(0.05)
    await expect(call()).rejects.toMatchObject({ code: 'OPERATION_TIME_LIMIT', status: 429 })
    expect(
      (await b24.actions.v2.call.make({ method: 'landing.site.unpublic', params: { id: 1 } })).isSuccess
    ).toBe(true)
    skewMs += 10 * 60_000 + 1000
    expect((await call()).getData()?.result).toBe(1)
  })

  it('refreshes an expired OAuth token through B24OAuth and retries the call', async () => {
    const o = demo.oauth
    const b24 = new B24OAuth(
      {
        applicationToken: 'app-token',
        userId: 1,
        memberId: o.memberId,
        accessToken: o.accessToken,
        refreshToken: o.refreshToken,
        expires: o.expires,
        expiresIn: o.expiresIn,
        scope: o.scope,
        domain: o.domain,
        clientEndpoint: o.clientEndpoint,
        serverEndpoint: o.serverEndpoint,
        status: EnumAppStatus.Local
      },
      { clientId: o.clientId, clientSecret: o.clientSecret },
      { restrictionParams: unthrottled }
    )
    b24.getHttpClient(ApiVersion.v2).ajaxClient.defaults.httpsAgent = trustingAgent(emu.caCertPem)
    // The SDK's token client is private, so the refresh goes through its custom-refresh hook,
    // which calls the emulator's token endpoint exactly as the built-in one would.
    b24.setCustomRefreshAuth(async () => {
      const q = new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: o.clientId,
        client_secret: o.clientSecret,
        refresh_token: latestRefresh
      })
      const res = await rawRequest(`${o.serverEndpoint}?${q}`, { ca: emu.caCertPem })
      if (res.status !== 200) throw new Error(res.text)
      const body = res.json() as { refresh_token: string }
      latestRefresh = body.refresh_token
      return res.json() as never
    })
    let latestRefresh = o.refreshToken
    const refreshed: string[] = []
    b24.setCallbackRefreshAuth(async ({ authData }) => {
      refreshed.push(authData.access_token)
    })

    expect((await b24.actions.v2.call.make({ method: 'scope' })).isSuccess).toBe(true)
    demo.control.expireAccessToken()
    const after = await b24.actions.v2.call.make({ method: 'profile' })
    expect((after.getData()?.result as { ID: string }).ID).toBe('1')
    expect(refreshed).toHaveLength(1)
    expect(refreshed[0]).not.toBe(o.accessToken)
    const log = demo.control
      .requestLog()
      .entries.filter((e) => e.method === 'profile')
      .map((e) => e.error ?? e.status)
    expect(log).toEqual(['expired_token', 200])
  })

  it('refreshes through the SDK built-in token client when that client trusts the CA', async () => {
    const o = demo.oauth
    const b24 = new B24OAuth(
      {
        applicationToken: 'app-token',
        userId: 1,
        memberId: o.memberId,
        accessToken: o.accessToken,
        refreshToken: o.refreshToken,
        expires: Math.floor(Date.now() / 1000) - 10,
        expiresIn: o.expiresIn,
        scope: o.scope,
        domain: o.domain,
        clientEndpoint: o.clientEndpoint,
        serverEndpoint: o.serverEndpoint,
        status: EnumAppStatus.Local
      },
      { clientId: o.clientId, clientSecret: o.clientSecret },
      { restrictionParams: unthrottled }
    )
    b24.getHttpClient(ApiVersion.v2).ajaxClient.defaults.httpsAgent = trustingAgent(emu.caCertPem)
    const previous = https.globalAgent
    // The built-in refresh uses a private axios instance; only the global agent reaches it.
    https.globalAgent = trustingAgent(emu.caCertPem)
    try {
      const res = await b24.actions.v2.call.make({ method: 'scope' })
      expect(res.getData()?.result).toEqual(['landing', 'crm', 'user'])
    } finally {
      https.globalAgent = previous
    }
    expect(demo.oauth.refreshToken).not.toBe(o.refreshToken)
  })
})
