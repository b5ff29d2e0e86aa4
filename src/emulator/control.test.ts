import net from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator } from './index.ts'
import type { EmulatedPortal, Emulator } from './index.ts'
import { controlRequest, rawRequest } from './testing/client.ts'

let emu: Emulator
let portal: EmulatedPortal

beforeAll(async () => {
  emu = await startEmulator({ seed: 'empty', realDelayFactor: 0 })
  portal = emu.portals[0]
})
afterAll(() => emu.stop())
beforeEach(() => portal.control.setConditions({ overloaded: false }))

/**
 * A request to the control listener with exactly the given headers (none added, Host included),
 * as a browser or an attacker's page would send it; written by hand so nothing is filled in.
 */
const send = (
  path: string,
  headers: Record<string, string>,
  method = 'POST'
): Promise<{ status: number; body: string }> => {
  const u = new URL(emu.controlBaseUrl)
  const payload = method === 'POST' ? '{"overloaded":true}' : ''
  const head = [
    `${method} ${path} HTTP/1.1`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(payload)}`,
    'Connection: close'
  ]
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(u.port), u.hostname, () =>
      socket.end(`${head.join('\r\n')}\r\n\r\n${payload}`)
    )
    let raw = ''
    socket.on('data', (c: Buffer) => (raw += c.toString()))
    socket.on('error', reject)
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0)
      resolve({ status, body: raw.slice(raw.indexOf('\r\n\r\n') + 4) })
    })
  })
}

const port = () => new URL(emu.controlBaseUrl).port
const conditionsPath = () => new URL(`${portal.controlUrl}conditions`).pathname

describe('control listener refuses what a web page could send', () => {
  it('answers requests addressed to its loopback name', async () => {
    for (const host of [`127.0.0.1:${port()}`, `localhost:${port()}`]) {
      const res = await send(conditionsPath(), { Host: host, Authorization: `Bearer ${emu.controlToken}` })
      expect(res.status, host).toBe(200)
      expect(portal.control.conditions().overloaded).toBe(true)
      portal.control.setConditions({ overloaded: false })
    }
  })

  it.each<[string, (port: string) => Record<string, string>]>([
    ['another site’s name (DNS rebinding)', (p) => ({ Host: `attacker.example:${p}` })],
    ['the right name on another port', () => ({ Host: '127.0.0.1:1' })],
    ['no Host at all', () => ({})],
    ['a cross-origin page', (p) => ({ Host: `127.0.0.1:${p}`, Origin: 'https://attacker.example' })],
    ['a sandboxed frame (Origin: null)', (p) => ({ Host: `127.0.0.1:${p}`, Origin: 'null' })],
    ['a page on another loopback port', (p) => ({ Host: `127.0.0.1:${p}`, Origin: 'http://127.0.0.1:5173' })],
    ['a cross-site fetch without Origin', (p) => ({ Host: `127.0.0.1:${p}`, 'Sec-Fetch-Site': 'cross-site' })]
  ])('refuses %s and changes nothing, even with the token', async (_label, headersFor) => {
    const headers = { ...headersFor(port()), 'x-control-token': emu.controlToken }
    const res = await send(conditionsPath(), headers)
    expect(portal.control.conditions().overloaded).toBeFalsy()
    const read = await send(new URL(`${portal.controlUrl}state`).pathname, headers, 'GET')
    if (!('Host' in headersFor(port()))) {
      // Node's HTTP server itself answers 400 to an HTTP/1.1 request without Host.
      expect([res.status, read.status]).toEqual([400, 400])
      return
    }
    expect(res.status).toBe(403)
    expect((JSON.parse(res.body) as { error: string }).error).toMatch(/control API/)
    expect(read.status).toBe(403)
  })

  it('can be left out: the portals still run, steered only in process', async () => {
    const quiet = await startEmulator({ seed: 'empty', realDelayFactor: 0, controlListener: false })
    try {
      expect(quiet.controlBaseUrl).toBe('')
      expect(quiet.portals[0].controlUrl).toBe('')
      quiet.portals[0].control.setConditions({ overloaded: true })
      expect(quiet.portals[0].control.conditions().overloaded).toBe(true)
    } finally {
      await quiet.stop()
    }
  })
})

describe('control listener needs the token and bounds what it takes (issue 11)', () => {
  it('refuses a request without the token, or with a wrong one, with 401 and changes nothing', async () => {
    expect(emu.controlToken).toMatch(/^[\w-]{24,}$/)
    const none = await rawRequest(`${portal.controlUrl}conditions`, { json: { overloaded: true } })
    expect(none.status).toBe(401)
    expect(none.json().error).toMatch(/controlToken/)
    const wrong = await controlRequest(`${portal.controlUrl}conditions`, `${emu.controlToken}x`, {
      json: { overloaded: true }
    })
    expect(wrong.status).toBe(401)
    expect((await rawRequest(`${portal.controlUrl}state`)).status).toBe(401)
    expect((await rawRequest(emu.controlBaseUrl + 'portals')).status).toBe(401)
    expect(portal.control.conditions().overloaded).toBe(false)
  })

  it('takes the token as a Bearer header or as x-control-token', async () => {
    const bearer = await controlRequest(`${portal.controlUrl}conditions`, emu.controlToken, {
      json: { overloaded: true }
    })
    expect(bearer.status).toBe(200)
    expect(portal.control.conditions().overloaded).toBe(true)
    const header = await rawRequest(`${portal.controlUrl}conditions`, {
      headers: { 'x-control-token': emu.controlToken }
    })
    expect(header.status).toBe(200)
    expect(header.json().overloaded).toBe(true)
  })

  it('refuses a body over 1 MiB with 413', async () => {
    const big = { webhookScopes: ['x'.repeat(1024 * 1024)] }
    const res = await controlRequest(`${portal.controlUrl}conditions`, emu.controlToken, { json: big })
    expect(res.status).toBe(413)
    expect(portal.control.conditions().webhookScopes).toEqual(['landing', 'crm', 'user'])
  })

  it('answers bad input with 400 and a reason', async () => {
    const ctl = (action: string, json: unknown) =>
      controlRequest(`${portal.controlUrl}${action}`, emu.controlToken, { json })
    const typo = await ctl('conditions', { stickyScop: false })
    expect(typo.status).toBe(400)
    expect(typo.json().error).toMatch(/stickyScop/)
    const value = await ctl('conditions', { dateFormat: 'iso' })
    expect(value.status).toBe(400)
    expect(value.json().error).toMatch(/dateFormat/)
    const notJson = await rawRequest(`${portal.controlUrl}conditions`, {
      form: 'overloaded=1',
      headers: { Authorization: `Bearer ${emu.controlToken}` }
    })
    expect(notJson.status).toBe(400)
    expect((await ctl('publication-right', { pages: [1] })).status).toBe(400)
  })
})

describe('request log', () => {
  it('keeps only the latest entries, oldest first, and counts the dropped ones', async () => {
    const small = await startEmulator({ seed: 'empty', realDelayFactor: 0, requestLogLimit: 5 })
    try {
      const p = small.portals[0]
      for (const m of [
        'scope',
        'profile',
        'server.time',
        'scope',
        'profile',
        'server.time',
        'scope',
        'profile'
      ]) {
        await rawRequest(`${p.webhookUrl}${m}`, { ca: small.caCertPem })
      }
      const log = p.control.requestLog()
      expect(log.entries.map((e) => e.method)).toEqual([
        'scope',
        'profile',
        'server.time',
        'scope',
        'profile'
      ])
      expect(log.dropped).toBe(3)
      expect(log.countsByMethod).toEqual({ scope: 2, profile: 2, 'server.time': 1 })
      p.control.clearLog()
      expect(p.control.requestLog()).toEqual({ entries: [], countsByMethod: {}, dropped: 0 })
    } finally {
      await small.stop()
    }
  })
})
