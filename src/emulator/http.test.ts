import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator } from './index.ts'
import type { EmulatedPortal, Emulator } from './index.ts'
import { controlRequest, manualClock, rawRequest } from './testing/client.ts'

const clock = manualClock(Date.UTC(2026, 2, 12, 0, 57, 18))
let emu: Emulator
let portal: EmulatedPortal

const call = (method: string, body?: unknown) =>
  rawRequest(`${portal.webhookUrl}${method}`, { json: body ?? {}, ca: emu.caCertPem })

beforeAll(async () => {
  emu = await startEmulator({ seed: 'demo', plainHttp: true, realDelayFactor: 0, now: clock.now })
  portal = emu.portals[0]
})
afterAll(() => emu.stop())
beforeEach(() => portal.control.reset())

describe('envelopes', () => {
  it('answers a webhook call with the success envelope and time fields', async () => {
    const res = await call('landing.site.getList.json', {
      params: { select: ['ID', 'TITLE'], filter: { ID: 1 } }
    })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    const body = res.json()
    expect(Object.keys(body)).toEqual(['result', 'time'])
    expect(body.result).toEqual([{ ID: '1', TYPE: 'PAGE', TITLE: 'Spring Sale' }])
    const time = body.time as Record<string, unknown>
    expect(time.start).toBe(clock.now() / 1000)
    expect(time.date_start).toBe('2026-03-12T03:57:18+03:00')
    expect(typeof time.processing).toBe('number')
    expect(time.operating).toBe(time.processing)
    expect(time.operating_reset_at).toBe(Math.floor(clock.now() / 1000) + 600)
    expect(Object.keys(time)).toEqual([
      'start',
      'finish',
      'duration',
      'processing',
      'date_start',
      'date_finish',
      'operating_reset_at',
      'operating'
    ])
  })

  it('reads form-encoded POST and GET query strings with PHP-style nested keys, case-insensitive names', async () => {
    const form = await rawRequest(`${portal.webhookUrl}LANDING.Site.GetList`, {
      form: 'params%5Bfilter%5D%5B%3ETYPE%5D=&params%5Bfilter%5D%5BTYPE%5D=STORE&params%5Bselect%5D%5B0%5D=ID',
      ca: emu.caCertPem
    })
    expect(form.status).toBe(200)
    expect((form.json().result as Array<{ TYPE: string }>).map((r) => r.TYPE).sort()).toEqual([
      'SMN',
      'STORE'
    ])
    const get = await rawRequest(
      `${portal.webhookUrl}landing.landing.getlist.json?params[filter][SITE_ID]=1&params[filter][ACTIVE]=Y&params[select][]=ID&bx24_request_id=x`,
      { ca: emu.caCertPem }
    )
    const rows = get.json().result as Array<Record<string, string>>
    expect(rows.map((r) => r.ID)).toEqual(['1', '2', '5'])
    expect(rows[0]).toEqual({ ID: '1', DOMAIN_ID: '1' })
  })

  it('rejects a wrong webhook code, an unknown method and plain HTTP', async () => {
    const bad = await rawRequest(portal.webhookUrl.replace(portal.webhook.code, 'wrongcode') + 'scope', {
      ca: emu.caCertPem
    })
    expect(bad.status).toBe(401)
    expect(bad.json()).toEqual({ error: 'NO_AUTH_FOUND', error_description: 'Wrong authorization data' })
    const unknown = await call('crm.deal.nothing')
    expect(unknown.status).toBe(404)
    expect(unknown.json()).toEqual({
      error: 'ERROR_METHOD_NOT_FOUND',
      error_description: 'Method not found!'
    })
    const plain = await rawRequest(`${portal.plainBaseUrl}/rest/1/${portal.webhook.code}/scope`)
    expect(plain.status).toBe(400)
    expect(plain.json()).toEqual({ error: 'INVALID_REQUEST', error_description: 'Https required.' })
  })

  it('answers scope, profile and server.time', async () => {
    expect((await call('scope')).json().result).toEqual(['landing', 'crm', 'user'])
    const profile = (await call('profile')).json().result as Record<string, unknown>
    expect(profile).toMatchObject({ ID: '1', ADMIN: true })
    expect((await call('server.time')).json().result).toBe('2026-03-12T03:57:18+03:00')
  })
})

describe('landing quirks', () => {
  it('returns MISSING_PARAMS, LANDING_NOT_EXIST and ACCESS_DENIED with HTTP 400', async () => {
    const missing = await call('landing.site.publication')
    expect(missing.status).toBe(400)
    expect(missing.json()).toEqual({
      error: 'MISSING_PARAMS',
      error_description: 'Not enough parameters for the call, missing: id'
    })
    const noPage = await call('landing.landing.publication', { lid: 99999 })
    expect(noPage.status).toBe(400)
    expect(noPage.json().error).toBe('LANDING_NOT_EXIST')
    portal.control.setConditions({ deniedObjects: { sites: [3], pages: [2], folders: [1], documents: [1] } })
    expect((await call('landing.site.publication', { id: 3 })).json().error).toBe('ACCESS_DENIED')
    expect((await call('landing.landing.unpublic', { lid: 2 })).json().error).toBe('LANDING_NOT_EXIST')
    expect((await call('landing.site.publicationFolder', { folderId: 1 })).json().error).toBe('ACCESS_DENIED')
    const doc = await call('crm.documentgenerator.document.get', { id: 1 })
    expect(doc.status).toBe(400)
    expect(doc.json()).toEqual({ error: 'DOCGEN_ACCESS_ERROR', error_description: 'Access denied' })
    const sites = (await call('landing.site.getList')).json().result as Array<{ ID: string }>
    expect(sites.map((s) => s.ID)).not.toContain('3')
  })

  it('publishes like the portal: int site id, true for pages, folder chains, site activation', async () => {
    const site = await call('landing.site.publication', { id: 2 })
    expect(site.json().result).toBe(2)
    await call('landing.site.unpublic', { id: 1 })
    const before = portal.control.state()
    expect(before.sites.find((s) => s.id === 1)?.active).toBe(false)
    const page = await call('landing.landing.publication', { lid: 3 })
    expect(page.json().result).toBe(true)
    const after = portal.control.state()
    expect(after.sites.find((s) => s.id === 1)?.active).toBe(true)
    expect(after.pages.find((p) => p.id === 3)).toMatchObject({ active: true, published: true })
    expect(after.folders.filter((f) => f.siteId === 1).map((f) => f.active)).toEqual([true, true])
    expect((await call('landing.site.unPublicFolder', { folderId: 2 })).json().result).toBe(true)
    expect(portal.control.state().folders.find((f) => f.id === 2)?.active).toBe(false)
    expect((await call('landing.site.publicationFolder', { folderId: 2 })).json().result).toBe(true)
    expect(portal.control.state().folders.find((f) => f.id === 2)?.active).toBe(true)
  })

  it('enforces plan limits and confirmations', async () => {
    portal.control.setConditions({ publicSiteLimit: 2 })
    const site = await call('landing.site.publication', { id: 2 })
    expect(site.status).toBe(400)
    expect(site.json().error).toBe('PUBLIC_SITE_REACHED')
    // nine pages are live in the demo seed
    portal.control.setConditions({ publicSiteLimit: undefined, publicPageLimit: 10 })
    expect((await call('landing.landing.publication', { lid: 4 })).json().result).toBe(true)
    expect((await call('landing.landing.publication', { lid: 8 })).json().error).toBe('PUBLIC_PAGE_REACHED')
    portal.control.setConditions({ publicPageLimit: undefined, phoneNotConfirmed: true })
    const phone = await call('landing.landing.publication', { lid: 5 })
    expect(phone.status).toBe(400)
    expect(phone.json().error).toBe('PHONE_NOT_CONFIRMED')
    portal.control.setConditions({ phoneNotConfirmed: false, publishingOnlyPaid: true })
    expect((await call('landing.site.publication', { id: 2 })).json().error).toBe('PUBLIC_SITE_REACHED_FREE')
  })

  it('stops site publication at the first failing page and keeps earlier pages published', async () => {
    portal.control.setConditions({ sitePublication: 'server', publicPageLimit: 11 })
    const res = await call('landing.site.publication', { id: 2 })
    expect(res.json().error).toBe('PUBLIC_PAGE_REACHED')
    const pages = portal.control.state().pages.filter((p) => p.siteId === 2)
    expect(pages.map((p) => p.active)).toEqual([true, true, false, false])
  })

  it('hides knowledge bases without the matching scope', async () => {
    const plain = (await call('landing.site.getList')).json().result as Array<{ TYPE: string }>
    expect(new Set(plain.map((s) => s.TYPE))).toEqual(new Set(['PAGE', 'STORE', 'SMN']))
    const kb = (await call('landing.site.getList', { scope: 'knowledge' })).json().result as Array<{
      TITLE: string
    }>
    expect(kb.map((s) => s.TITLE)).toEqual(['Company Knowledge Base'])
    const group = (await call('landing.site.getList', { scope: 'GROUP' })).json().result as Array<{
      TYPE: string
    }>
    expect(group.map((s) => s.TYPE)).toEqual(['GROUP'])
    expect((await call('landing.landing.publication', { lid: 19 })).json().error).toBe('LANDING_NOT_EXIST')
    expect((await call('landing.landing.publication', { lid: 19, scope: 'KNOWLEDGE' })).json().result).toBe(
      true
    )
  })

  it('serves previews as PNG images and public URLs on a fake host', async () => {
    const url = (await call('landing.landing.getpreview', { lid: 1 })).json().result as string
    expect(url).toBe(`${portal.baseUrl}/upload/landing/preview/1.png`)
    const png = await rawRequest(url, { ca: emu.caCertPem })
    expect(png.headers['content-type']).toBe('image/png')
    expect(png.body.subarray(1, 4).toString()).toBe('PNG')
    expect(png.body.readUInt32BE(16)).toBe(320)
    const other = await rawRequest(`${portal.baseUrl}/upload/landing/preview/2.png`, { ca: emu.caCertPem })
    expect(other.body.equals(png.body)).toBe(false)
    expect((await call('landing.landing.getpreview', { lid: 6 })).json().result).toBe(
      '/bitrix/images/landing/nopreview.jpg'
    )
    expect((await call('landing.landing.getpublicurl', { lid: 1 })).json().result).toBe(
      'https://spring-sale.bitrix24site.emu/'
    )
    expect((await call('landing.landing.getpublicurl', { lid: 4 })).json().result).toBe(
      'https://spring-sale.bitrix24site.emu/offers/shoes/boots/'
    )
    // a folder's index page has no page code in its URL
    expect((await call('landing.landing.getpublicurl', { lid: 3 })).json().result).toBe(
      'https://spring-sale.bitrix24site.emu/offers/shoes/'
    )
    expect((await call('landing.site.getPublicUrl', { id: [1, 3] })).json().result).toEqual({
      1: 'https://spring-sale.bitrix24site.emu',
      3: 'https://coffee-corner.bitrix24site.emu'
    })
    const list = (
      await call('landing.landing.getList', { params: { filter: { ID: 1 }, get_preview: 1, get_urls: 1 } })
    ).json().result as Array<Record<string, string>>
    expect(list[0].PREVIEW).toBe(url)
    expect(list[0].DATE_CREATE).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d [ap]m$/)
  })

  it('filters getList with operators, order and limit', async () => {
    const res = await call('landing.landing.getList', {
      params: {
        select: ['ID'],
        filter: { '>=ID': 3, '<ID': 10, '!FOLDER_ID': null, '@SITE_ID': [1, 2] },
        order: { ID: 'DESC' },
        limit: 3
      }
    })
    expect((res.json().result as Array<{ ID: string }>).map((r) => r.ID)).toEqual(['9', '8', '4'])
    const folders = await call('landing.site.getFolders', { siteId: 2, filter: { PARENT_ID: 0 } })
    expect((folders.json().result as Array<{ TITLE: string }>).map((f) => f.TITLE)).toEqual(['Каталог'])
  })
})

describe('documents', () => {
  it('lists with paging, gets with publicUrl and toggles public links', async () => {
    const list = await call('crm.documentgenerator.document.list', { select: ['*'], order: { id: 'ASC' } })
    const body = list.json()
    expect(body.total).toBe(10)
    expect(body.next).toBeUndefined()
    const docs = (body.result as { documents: Array<Record<string, unknown>> }).documents
    expect(docs).toHaveLength(10)
    expect(docs[0].id).toBe('1')
    expect(docs[0]).not.toHaveProperty('publicUrl')
    expect(docs[0].createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$/)
    const get = (await call('crm.documentgenerator.document.get', { id: 2 })).json().result as {
      document: Record<string, unknown>
    }
    expect(get.document.publicUrl).toBeNull()
    const on = (await call('crm.documentgenerator.document.enablepublicurl', { id: 2, status: 1 })).json()
      .result as { publicUrl: string }
    expect(on.publicUrl).toMatch(new RegExp(`^${portal.baseUrl}/~`))
    expect(portal.control.state().documents[1].publicUrl).toBe(on.publicUrl)
    const off = (await call('crm.documentgenerator.document.enablepublicurl', { id: 2, status: 0 })).json()
      .result
    expect(off).toEqual({ publicUrl: null })
  })

  it('uses the docgen error codes "100", "0" and ""', async () => {
    const missing = await call('crm.documentgenerator.document.get')
    expect(missing.status).toBe(400)
    expect(missing.json().error).toBe('100')
    const nf = await call('crm.documentgenerator.document.get', { id: 4242 })
    expect(nf.json()).toEqual({ error: '0', error_description: 'Document not found' })
    portal.control.setConditions({ docgenNotInstalled: true })
    expect((await call('crm.documentgenerator.document.list')).json().error).toBe('')
  })
})

describe('system errors', () => {
  it('maps scope, overload, deleted portal and revoked webhook', async () => {
    portal.control.setConditions({ webhookScopes: ['crm'] })
    const scope = await call('landing.site.getList')
    expect(scope.status).toBe(403)
    expect(scope.json().error).toBe('insufficient_scope')
    expect((await call('crm.documentgenerator.document.list')).status).toBe(200)
    portal.control.setConditions({ webhookScopes: ['landing', 'crm'], overloaded: true })
    const over = await call('scope')
    expect(over.status).toBe(503)
    expect(over.json().error).toBe('OVERLOAD_LIMIT')
    portal.control.setConditions({ overloaded: false, deleted: true })
    const del = await call('scope')
    expect(del.status).toBe(500)
    expect(del.json().error).toBe('PORTAL_DELETED')
    portal.control.setConditions({ deleted: false, revokedWebhook: true })
    expect((await call('scope')).status).toBe(401)
  })

  it('limits the request rate with a leaky bucket and recovers as it drains', async () => {
    portal.control.setConditions({ rate: { burst: 5, drainPerSecond: 2 } })
    const statuses = []
    for (let i = 0; i < 7; i++) statuses.push((await call('scope')).status)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 503, 503])
    const limited = await call('scope')
    expect(limited.json()).toEqual({ error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' })
    clock.advance(1000)
    expect((await call('scope')).status).toBe(200)
    expect((await call('scope')).status).toBe(200)
    expect((await call('scope')).status).toBe(503)
  })

  it('blocks a method after its operating time passes the limit, per method, until buckets expire', async () => {
    portal.control.setConditions({ operatingLimitSec: 0.03 })
    const first = (await call('landing.site.publication', { id: 1 })).json()
    expect((first.time as { operating: number }).operating).toBe(0.025)
    const second = await call('landing.site.publication', { id: 1 })
    expect(second.status).toBe(200)
    expect((second.json().time as { operating: number }).operating).toBe(0.05)
    const blocked = await call('landing.site.publication', { id: 1 })
    expect(blocked.status).toBe(429)
    expect(blocked.json()).toEqual({
      error: 'OPERATION_TIME_LIMIT',
      error_description: 'Method is blocked due to operation time limit'
    })
    expect((await call('landing.site.unpublic', { id: 1 })).status).toBe(200)
    clock.advance(601_000)
    expect((await call('landing.site.publication', { id: 1 })).status).toBe(200)
  })
})

describe('batch', () => {
  it('maps errors per command and serialises empty members as []', async () => {
    const res = await call('batch', {
      halt: 0,
      cmd: ['landing.site.publication?id=1', 'landing.landing.publication?lid=99999', 'batch?cmd[0]=scope']
    })
    expect(res.status).toBe(200)
    const r = res.json().result as Record<string, unknown>
    // PHP json_encode turns the sequential key set {0} into a list
    expect(r.result).toEqual([1])
    expect(r.result_error).toEqual({
      1: { error: 'LANDING_NOT_EXIST', error_description: 'Landing not found' },
      2: {
        error: 'ERROR_BATCH_METHOD_NOT_ALLOWED',
        error_description: 'Method is not allowed for batch usage'
      }
    })
    expect(r.result_total).toEqual([])
    expect(r.result_next).toEqual([])
    const ok = (await call('batch', { cmd: { a: 'scope', b: 'server.time' } })).json().result as Record<
      string,
      unknown
    >
    expect(ok.result_error).toEqual([])
    expect(Object.keys(ok.result as object)).toEqual(['a', 'b'])
  })

  it('stops at the first failure with halt and resolves $result references', async () => {
    const halted = (
      await call('batch', { halt: 1, cmd: ['scope', 'landing.site.publication', 'scope'] })
    ).json().result as Record<string, unknown>
    expect(halted.result).toEqual([['landing', 'crm', 'user']])
    expect(Object.keys(halted.result_error as object)).toEqual(['1'])
    const refs = (
      await call('batch', {
        cmd: {
          site: 'landing.site.getList?params[filter][CODE]=/coffee-corner/&params[select][]=ID',
          pages: 'landing.landing.getList?params[filter][SITE_ID]=$result[site][0][ID]&params[select][]=ID'
        }
      })
    ).json().result as { result: { pages: Array<{ ID: string }> } }
    expect(refs.result.pages.map((p) => p.ID)).toEqual(['11', '12', '13', '14', '25'])
  })

  it('fails commands past the 50th per command by default, or rejects the whole batch with 400', async () => {
    const cmd = Array.from({ length: 53 }, () => 'scope')
    const res = (await call('batch', { halt: 0, cmd })).json().result as {
      result: unknown[]
      result_error: Record<string, { error: string }>
    }
    expect(res.result).toHaveLength(50)
    expect(Object.keys(res.result_error)).toEqual(['50', '51', '52'])
    expect(res.result_error['50'].error).toBe('ERROR_BATCH_LENGTH_EXCEEDED')
    portal.control.setConditions({ batchOver50: 'reject-400' })
    const rejected = await call('batch', { halt: 0, cmd })
    expect(rejected.status).toBe(400)
    expect(rejected.json().error).toBe('ERROR_BATCH_LENGTH_EXCEEDED')
  })

  it('counts a batch as one request against the rate and each command against its own method', async () => {
    portal.control.setConditions({ rate: { burst: 2, drainPerSecond: 0.001 }, operatingLimitSec: 0.03 })
    const first = (
      await call('batch', {
        cmd: [
          'landing.site.publication?id=1',
          'landing.site.publication?id=1',
          'landing.site.publication?id=1',
          'scope'
        ]
      })
    ).json()
    const r = first.result as {
      result: Record<string, unknown>
      result_error: Record<string, { error: string }>
    }
    expect(Object.keys(r.result)).toEqual(['0', '1', '3'])
    expect(r.result_error['2'].error).toBe('OPERATION_TIME_LIMIT')
    expect((first.time as { operating: number }).operating).toBe(0)
    const log = portal.control.requestLog()
    expect(log.countsByMethod['landing.site.publication']).toBe(3)
    expect(log.entries.filter((e) => e.viaBatch)).toHaveLength(4)
    expect((await call('scope')).status).toBe(200)
    expect((await call('scope')).status).toBe(503)
  })
})

describe('oauth', () => {
  const oauthCall = (method: string, token: string) =>
    rawRequest(`${portal.baseUrl}/rest/${method}?auth=${token}`, { ca: emu.caCertPem })
  const refresh = (q: Record<string, string>) =>
    rawRequest(
      `${portal.oauth.serverEndpoint}?${new URLSearchParams({ grant_type: 'refresh_token', ...q })}`,
      { ca: emu.caCertPem }
    )

  it('accepts the token in query or body, expires it and refreshes with a new pair', async () => {
    const creds = portal.oauth
    expect((await oauthCall('scope', creds.accessToken)).json().result).toEqual(['landing', 'crm', 'user'])
    const viaBody = await rawRequest(`${creds.clientEndpoint}profile`, {
      json: { auth: creds.accessToken },
      ca: emu.caCertPem
    })
    expect(viaBody.status).toBe(200)
    clock.advance(3601_000)
    const expired = await oauthCall('scope', creds.accessToken)
    expect(expired.status).toBe(401)
    expect(expired.json()).toEqual({
      error: 'expired_token',
      error_description: 'The access token provided has expired'
    })
    const res = await refresh({
      client_id: creds.clientId,
      client_secret: creds.clientSecret,
      refresh_token: creds.refreshToken
    })
    expect(res.status).toBe(200)
    const tokens = res.json()
    expect(tokens).toMatchObject({
      expires_in: 3600,
      client_endpoint: creds.clientEndpoint,
      member_id: creds.memberId,
      user_id: 1
    })
    expect(tokens.refresh_token).not.toBe(creds.refreshToken)
    expect(tokens.expires).toBe(Math.floor(clock.now() / 1000) + 3600)
    expect((await oauthCall('scope', tokens.access_token as string)).status).toBe(200)
    const reused = await refresh({
      client_id: creds.clientId,
      client_secret: creds.clientSecret,
      refresh_token: creds.refreshToken
    })
    expect(reused.status).toBe(400)
    expect(reused.json().error).toBe('invalid_grant')
    const wrongClient = await refresh({
      client_id: 'nope',
      client_secret: creds.clientSecret,
      refresh_token: tokens.refresh_token as string
    })
    expect(wrongClient.json().error).toBe('invalid_client')
    portal.control.expireAccessToken()
    expect((await oauthCall('scope', tokens.access_token as string)).json().error).toBe('expired_token')
    expect((await oauthCall('scope', 'garbage')).json().error).toBe('NO_AUTH_FOUND')
  })
})

describe('control listener', () => {
  it('reads state and log and sets conditions over loopback HTTP', async () => {
    const control = (action: string, json?: unknown) =>
      controlRequest(`${portal.controlUrl}${action}`, emu.controlToken, { json })
    await call('scope')
    const log = (await control('log')).json() as {
      countsByMethod: Record<string, number>
    }
    expect(log.countsByMethod.scope).toBe(1)
    await control('conditions', { overloaded: true })
    expect((await call('scope')).json().error).toBe('OVERLOAD_LIMIT')
    await control('reset', {})
    expect((await call('scope')).status).toBe(200)
    const state = (await control('state')).json() as { sites: unknown[] }
    expect(state.sites).toHaveLength(7)
  })
})
