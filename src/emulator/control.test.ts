import net from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator } from './index.ts'
import type { EmulatedPortal, Emulator } from './index.ts'

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
      const res = await send(conditionsPath(), { Host: host })
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
  ])('refuses %s and changes nothing', async (_label, headersFor) => {
    const headers = headersFor(port())
    const res = await send(conditionsPath(), headers)
    expect(portal.control.conditions().overloaded).toBeFalsy()
    const read = await send(new URL(`${portal.controlUrl}state`).pathname, headers, 'GET')
    if (!('Host' in headers)) {
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
