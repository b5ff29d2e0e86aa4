import { mkdtempSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeTlsMaterial, type TlsMaterial } from '../../../../emulator/tls.ts'

/** What a test server saw: every TCP connection (even one whose TLS handshake failed) and request. */
export interface SeenRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

export interface LocalHttps {
  readonly port: number
  /** "127.0.0.1:<port>" */
  readonly host: string
  readonly base: string
  readonly connections: number
  readonly requests: SeenRequest[]
  handle(fn: (req: SeenRequest, res: ServerResponse) => void): void
  close(): Promise<void>
}

/** One throwaway CA (CA:TRUE) and a server certificate it signed for localhost, 127.0.0.1 and ::1. */
export const makeTestTls = (): Promise<TlsMaterial> =>
  makeTlsMaterial(mkdtempSync(join(tmpdir(), 'b24-tls-')))

/** An https server on loopback that records what reaches it; answers 404 until told otherwise. */
export const startLocalHttps = async (tls: TlsMaterial): Promise<LocalHttps> => {
  let connections = 0
  const requests: SeenRequest[] = []
  let handler: (req: SeenRequest, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(404).end()
  }
  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8')
      }
      requests.push(seen)
      handler(seen, res)
    })
  })
  server.on('connection', () => {
    connections++
  })
  // A failed handshake is expected in these tests; it must not become an unhandled error.
  server.on('tlsClientError', () => {})
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.address() as AddressInfo).port
  return {
    port,
    host: `127.0.0.1:${port}`,
    base: `https://127.0.0.1:${port}`,
    get connections() {
      return connections
    },
    requests,
    handle(fn) {
      handler = fn
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

export const json = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text)
  })
  res.end(text)
}

export const restTime = () => {
  const now = Date.now() / 1000
  return { start: now, finish: now, duration: 0, processing: 0 }
}
