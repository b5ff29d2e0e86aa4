import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TlsMaterial } from '../../../emulator/tls.ts'
import { setLanguage } from '../app/language'
import { createPortalClient, type PortalClientHandle } from '../bitrix/client'
import { json, makeTestTls, restTime, startLocalHttps, type LocalHttps } from '../bitrix/testing/local-https'
import type { RestError } from '../bitrix/types'
import { createPreviewsService, type PreviewsService } from './index'
import { previewSourceUrl } from './source'
import { reportingClient } from '../portals/reporting-client'

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9])

describe('previewSourceUrl', () => {
  it('reads the three forms getPreview answers in', () => {
    expect(previewSourceUrl('/bitrix/images/landing/nopreview.jpg', 'portal.example.com')?.href).toBe(
      'https://portal.example.com/bitrix/images/landing/nopreview.jpg'
    )
    expect(previewSourceUrl('https://acme.bitrix24.site/preview.jpg', 'portal.example.com')?.href).toBe(
      'https://acme.bitrix24.site/preview.jpg'
    )
    // Manager::getUrlFromFile drops the port; the portal's own host gets its port back.
    expect(previewSourceUrl('//b24.corp.example/upload/x.png', 'b24.corp.example:8443')?.href).toBe(
      'https://b24.corp.example:8443/upload/x.png'
    )
    expect(previewSourceUrl('//other.example/x.png', 'b24.corp.example:8443')?.href).toBe(
      'https://other.example/x.png'
    )
    expect(previewSourceUrl('  ', 'portal.example.com')).toBeNull()
    expect(previewSourceUrl('https://', 'portal.example.com')).toBeNull()
  })
})

describe('previews:get', () => {
  const CODE = 'previewcode12345'
  let tls: TlsMaterial
  let portal: LocalHttps
  let elsewhere: LocalHttps
  let dir: string
  let client: PortalClientHandle
  let service: PreviewsService
  let answer = ''
  const reported: Array<RestError | null> = []

  beforeAll(async () => {
    setLanguage('en')
    tls = await makeTestTls()
    portal = await startLocalHttps(tls)
    elsewhere = await startLocalHttps(tls)
    elsewhere.handle((_req, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG))
    portal.handle((req, res) => {
      if (req.url.startsWith(`/rest/1/${CODE}/landing.landing.getpreview`))
        return json(res, 200, { result: answer, time: restTime() })
      if (req.url === '/upload/landing/preview/5.png')
        return res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG)
      res.writeHead(404).end()
    })
    dir = mkdtempSync(join(tmpdir(), 'b24-previews-'))
    client = createPortalClient({
      portalId: 'p1',
      limits: 'standard',
      caPem: tls.caCertPem,
      credentials: { kind: 'webhook', webhookUrl: `${portal.base}/rest/1/${CODE}/` }
    })
    service = createPreviewsService({
      dataDir: dir,
      now: () => Date.now(),
      portals: {
        has: () => true,
        // As the portals service hands it out: its answers go to the portal's health.
        clientFor: async () => reportingClient(client, (err) => void reported.push(err))
      }
    })
  })
  afterAll(async () => {
    client?.close()
    await portal?.close()
    await elsewhere?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('shows a preview the portal serves itself', async () => {
    answer = `${portal.base}/upload/landing/preview/5.png`
    const out = await service.handlers['previews:get']({ portalId: 'p1', kind: 'page', id: 5, scope: '' })
    expect(out.dataUrl).toBe(`data:image/png;base64,${PNG.toString('base64')}`)
  })

  it('refuses a preview URL on another host without a request, and says why', async () => {
    answer = `${elsewhere.base}/upload/landing/preview/6.png`
    const before = elsewhere.connections
    reported.length = 0
    await expect(
      service.handlers['previews:get']({ portalId: 'p1', kind: 'page', id: 6, scope: '' })
    ).rejects.toMatchObject({ code: 'PREVIEW_REFUSED', message: expect.stringContaining(elsewhere.host) })
    expect(elsewhere.connections).toBe(before)
    expect(elsewhere.requests).toHaveLength(0)
    // The portal answered getPreview: it is healthy, whatever the image's host did.
    expect(reported).toEqual([null])
  })
})
