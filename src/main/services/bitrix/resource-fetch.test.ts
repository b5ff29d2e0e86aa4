import type { LookupAddress } from 'node:dns'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TlsMaterial } from '../../../emulator/tls.ts'
import { setLanguage } from '../app/language'
import {
  createResourceFetcher,
  isBitrix24SiteHost,
  previewAddressAllowed,
  previewSourceAllowed,
  type ResourceFetcher
} from './resource-fetch'
import { makeTestTls, startLocalHttps, type LocalHttps } from './testing/local-https'
import { RestError } from './types'

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])

describe('where a preview may come from', () => {
  const portal = 'portal.example.com'
  it.each([
    ['https://portal.example.com/upload/p.png', true],
    ['https://PORTAL.example.com:443/upload/p.png', true],
    ['https://acme.bitrix24.site/preview.jpg', true],
    ['https://shop-1.bitrix24.shop/preview.jpg', true],
    ['https://acme.bitrix24site.ru/preview.jpg', true],
    ['https://acme.b24site.online/preview.jpg', true],
    ['http://portal.example.com/upload/p.png', false],
    ['https://portal.example.com:8443/upload/p.png', false],
    ['https://user:pw@portal.example.com/upload/p.png', false],
    ['https://other.example.com/p.png', false],
    ['https://a.b.bitrix24.site/preview.jpg', false],
    ['https://bitrix24.site/preview.jpg', false],
    ['https://acme.bitrix24.site.evil.test/preview.jpg', false],
    ['https://acmebitrix24.site/preview.jpg', false],
    ['https://acme.bitrix24.site:8443/preview.jpg', false],
    ['https://127.0.0.1/p.png', false]
  ])('%s: %s', (url, allowed) => {
    expect(previewSourceAllowed(new URL(url), portal)).toBe(allowed)
  })

  it('knows the Bitrix24 site domains one label deep', () => {
    expect(isBitrix24SiteHost(new URL('https://x.bitrix24shop.by/'))).toBe(true)
    expect(isBitrix24SiteHost(new URL('https://x.bitrix24.com/'))).toBe(false)
  })

  it('accepts internal addresses only for the portal’s own host, loopback only for a loopback portal', () => {
    expect(previewAddressAllowed('portal.example.com', 'acme.bitrix24.site', 'public')).toBe(true)
    expect(previewAddressAllowed('portal.example.com', 'acme.bitrix24.site', 'private')).toBe(false)
    expect(previewAddressAllowed('portal.example.com', 'acme.bitrix24.site', 'loopback')).toBe(false)
    expect(previewAddressAllowed('portal.example.com', 'acme.bitrix24.site', 'link-local')).toBe(false)
    // A self-hosted portal on the office network: its own previews are where its REST answers are.
    expect(previewAddressAllowed('b24.corp.example', 'b24.corp.example', 'private')).toBe(true)
    expect(previewAddressAllowed('b24.corp.example', 'b24.corp.example', 'loopback')).toBe(false)
    expect(previewAddressAllowed('127.0.0.1:8443', '127.0.0.1', 'loopback')).toBe(true)
    expect(previewAddressAllowed('[::1]:8443', '::1', 'loopback')).toBe(true)
    expect(previewAddressAllowed('127.0.0.1:8443', 'acme.bitrix24.site', 'loopback')).toBe(false)
    expect(previewAddressAllowed('127.0.0.1:8443', '127.0.0.1', 'reserved')).toBe(false)
  })
})

describe('createResourceFetcher', () => {
  let tls: TlsMaterial
  let portal: LocalHttps
  let elsewhere: LocalHttps
  let fetcher: ResourceFetcher
  beforeAll(async () => {
    tls = await makeTestTls()
    portal = await startLocalHttps(tls)
    elsewhere = await startLocalHttps(tls)
    elsewhere.handle((_req, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG))
    fetcher = createResourceFetcher({ portalId: 'p', portalHost: portal.host, caPem: tls.caCertPem })
    setLanguage('en')
  })
  afterAll(async () => {
    fetcher?.close()
    await portal?.close()
    await elsewhere?.close()
  })
  afterEach(() => {
    portal.requests.length = 0
  })

  const refusal = async (p: Promise<unknown>): Promise<RestError> => {
    const err = await p.catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RestError)
    return err as RestError
  }

  it('downloads an image from the portal’s own host with its CA', async () => {
    portal.handle((_req, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG))
    const out = await fetcher.fetch(`${portal.base}/upload/landing/preview/1.png`)
    expect(out).toEqual({ bytes: PNG, contentType: 'image/png' })
    expect(portal.requests[0].headers.accept).toBe('image/*')
  })

  it('refuses a preview URL on another host without connecting to it', async () => {
    const before = elsewhere.connections
    const err = await refusal(fetcher.fetch(`${elsewhere.base}/preview.png`))
    expect(err).toMatchObject({ code: 'PREVIEW_REFUSED', category: 'permanent' })
    expect(err.message).toContain(elsewhere.host)
    expect(err.messages?.ru).toContain(elsewhere.host)
    // The same server under another name is another host too.
    await refusal(fetcher.fetch(`https://localhost:${portal.port}/preview.png`))
    await refusal(fetcher.fetch(`http://${portal.host}/preview.png`))
    expect(elsewhere.connections).toBe(before)
    expect(portal.requests).toHaveLength(0)
  })

  it('follows a redirect within the portal’s host, and refuses one to another host unopened', async () => {
    portal.handle((req, res) => {
      if (req.url === '/moved.png') return res.writeHead(302, { Location: '/upload/p.png' }).end()
      if (req.url === '/away.png') return res.writeHead(307, { Location: `${elsewhere.base}/p.png` }).end()
      if (req.url === '/loop.png') return res.writeHead(301, { Location: '/loop.png' }).end()
      res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG)
    })
    expect((await fetcher.fetch(`${portal.base}/moved.png`)).bytes).toEqual(PNG)
    expect(portal.requests.map((r) => r.url)).toEqual(['/moved.png', '/upload/p.png'])

    const before = elsewhere.connections
    const away = await refusal(fetcher.fetch(`${portal.base}/away.png`))
    expect(away).toMatchObject({ code: 'PREVIEW_REFUSED', httpStatus: 307 })
    expect(away.message).toContain(`another host (${elsewhere.host})`)
    expect(elsewhere.connections).toBe(before)

    expect(await refusal(fetcher.fetch(`${portal.base}/loop.png`))).toMatchObject({
      code: 'PREVIEW_REFUSED'
    })
  })

  it('stops reading at the size limit, and treats a missing image as no preview', async () => {
    portal.handle((req, res) => {
      if (req.url === '/big.png') {
        res.writeHead(200, { 'Content-Type': 'image/png' })
        return res.end(Buffer.alloc(64 * 1024))
      }
      res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>404</h1>')
    })
    expect(await refusal(fetcher.fetch(`${portal.base}/big.png`, { maxBytes: 1024 }))).toMatchObject({
      code: 'PREVIEW_REFUSED'
    })
    expect(await refusal(fetcher.fetch(`${portal.base}/none.png`))).toMatchObject({
      code: 'PREVIEW_UNAVAILABLE',
      category: 'permanent',
      httpStatus: 404
    })
  })

  it('never connects to a Bitrix24 site host whose name resolves to an internal address', async () => {
    const asked: string[] = []
    const answers: Record<string, LookupAddress[]> = {
      'loop.bitrix24.site': [{ address: '127.0.0.1', family: 4 }],
      'office.bitrix24.site': [{ address: '192.168.1.20', family: 4 }],
      'meta.bitrix24.site': [{ address: '169.254.169.254', family: 4 }],
      'mapped.bitrix24.site': [{ address: '::ffff:10.0.0.1', family: 6 }],
      'mixed.bitrix24.site': [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.1', family: 4 }
      ]
    }
    const guarded = createResourceFetcher({
      portalId: 'p',
      portalHost: 'acme.bitrix24.ru',
      resolve: async (hostname) => {
        asked.push(hostname)
        return answers[hostname] ?? []
      }
    })
    try {
      for (const name of Object.keys(answers)) {
        const err = await refusal(guarded.fetch(`https://${name}/preview.jpg`))
        expect(err.code, name).toBe('PREVIEW_REFUSED')
        expect(err.message).toContain(name)
      }
      // IP literals skip name resolution, so they are judged before any socket is opened.
      expect((await refusal(guarded.fetch('https://10.0.0.1/preview.jpg'))).code).toBe('PREVIEW_REFUSED')
    } finally {
      guarded.close()
    }
    expect(asked.sort()).toEqual(Object.keys(answers).sort())
  })
})
