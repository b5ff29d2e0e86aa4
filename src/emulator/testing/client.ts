import type { IncomingHttpHeaders } from 'node:http'
import http from 'node:http'
import https from 'node:https'
import { ApiVersion, B24Hook } from '@bitrix24/b24jssdk'
import type { RestrictionParams } from '@bitrix24/b24jssdk'

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  text: string
  body: Buffer
  json(): Record<string, unknown>
}

export interface RawRequest {
  method?: 'GET' | 'POST'
  /** A JSON body (object) or a ready form-encoded string. */
  json?: unknown
  form?: string
  ca?: string
  timeoutMs?: number
  /** Extra request headers, e.g. the control token. */
  headers?: Record<string, string>
}

/** A bare HTTP(S) call that trusts only the given CA; rejects on network errors and timeouts. */
export function rawRequest(url: string, opts: RawRequest = {}): Promise<RawResponse> {
  const u = new URL(url)
  const payload = opts.json !== undefined ? JSON.stringify(opts.json) : opts.form
  const headers: Record<string, string> = { ...opts.headers }
  if (opts.json !== undefined) headers['Content-Type'] = 'application/json'
  else if (opts.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded'
  if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload))
  const lib = u.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      { method: opts.method ?? (payload !== undefined ? 'POST' : 'GET'), headers, ca: opts.ca, agent: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const body = Buffer.concat(chunks)
          const text = body.toString('utf8')
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            body,
            json: () => JSON.parse(text) as Record<string, unknown>
          })
        })
        res.on('error', reject)
      }
    )
    if (opts.timeoutMs !== undefined) {
      req.setTimeout(opts.timeoutMs, () => req.destroy(new Error('client timeout')))
    }
    req.on('error', reject)
    if (payload !== undefined) req.write(payload)
    req.end()
  })
}

/**
 * A call to an emulator's control listener (`controlUrl` + action), with the token it demands.
 * `json` makes it a POST; without a body it is a GET.
 */
export function controlRequest(
  url: string,
  token: string,
  opts: Omit<RawRequest, 'ca' | 'form'> = {}
): Promise<RawResponse> {
  return rawRequest(url, { ...opts, headers: { ...opts.headers, Authorization: `Bearer ${token}` } })
}

/** An https.Agent that trusts exactly the emulator's CA (no global TLS switches). */
export function trustingAgent(caCertPem: string): https.Agent {
  return new https.Agent({ ca: caCertPem, keepAlive: true })
}

/** The official SDK pointed at an emulated portal's webhook, trusting its CA. */
export function sdkHook(
  webhookUrl: string,
  caCertPem: string,
  restrictionParams?: Partial<RestrictionParams>
): B24Hook {
  const b24 = B24Hook.fromWebhookUrl(webhookUrl, restrictionParams ? { restrictionParams } : undefined)
  b24.getHttpClient(ApiVersion.v2).ajaxClient.defaults.httpsAgent = trustingAgent(caCertPem)
  return b24
}

/** A clock tests move by hand; starts at the real time so dates look current. */
export function manualClock(startMs = Date.now()): { now: () => number; advance: (ms: number) => void } {
  let t = startMs
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms
    }
  }
}
