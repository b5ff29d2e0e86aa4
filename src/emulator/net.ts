// Node HTTP plumbing of the emulated portal: listening and closing sockets, reading bodies, plain and error answers.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

const MAX_BODY = 20 * 1024 * 1024

export function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e)
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

export function closeServer(server: http.Server | undefined): Promise<void> {
  if (!server || !server.listening) return Promise.resolve()
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

/** The request's body; null when it is larger than a portal accepts. */
export function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= MAX_BODY) chunks.push(c)
    })
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function sendPlain(
  res: http.ServerResponse,
  status: number,
  type: string,
  body: string | Buffer
): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch)
}

export function internalError(res: http.ServerResponse, e: unknown): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  const body = JSON.stringify({
    error: 'INTERNAL_SERVER_ERROR',
    error_description: e instanceof Error ? e.message : 'Internal server error'
  })
  res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' })
  res.end(body)
}
