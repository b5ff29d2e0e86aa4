import { request } from 'node:https'
import { isIP } from 'node:net'
import { getLanguage, type Localized } from '../app/language'
import { classifyAddress, guardedLookup, systemResolver, type AddressClass, type Resolver } from './addresses'
import { HostBoundAgent, hostKey, hostKeyOfUrl, sameHost } from './agent'
import { errorFromTransport, restError, type ErrorContext } from './errors'
import { RestError } from './types'
import { isLoopbackHost } from './webhook-url'

/**
 * The hosts Bitrix24 serves its cloud sites from (Bitrix\Landing\Domain::B24_DOMAINS in the
 * landing module). On a Bitrix24 portal a page's preview is `<page public URL>preview.jpg`
 * (Landing::getPreview), so a site published on `acme.bitrix24.site` has its previews there, not
 * on the portal's own host. Sites on a customer's own domain are not in this list: a domain the
 * portal names could be anything, so their previews are not fetched.
 */
export const BITRIX24_SITE_DOMAINS = [
  'bitrix24.site',
  'bitrix24.shop',
  'bitrix24site.by',
  'bitrix24shop.by',
  'bitrix24site.ua',
  'bitrix24site.ru',
  'bitrix24shop.ru',
  'b24site.online',
  'b24shop.online'
] as const

const SITE_HOST = new RegExp(
  `^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.(?:${BITRIX24_SITE_DOMAINS.map((d) => d.replace(/\./g, '\\.')).join('|')})$`,
  'i'
)

/** One label under a Bitrix24 site domain, on the default https port (the landing module's own rule). */
export const isBitrix24SiteHost = (url: URL): boolean => url.port === '' && SITE_HOST.test(url.hostname)

/** Where a preview may come from: https, no user info, the portal's own host and port, or a Bitrix24 site host. */
export const previewSourceAllowed = (url: URL, portalHost: string): boolean =>
  url.protocol === 'https:' &&
  url.username === '' &&
  url.password === '' &&
  (sameHost(hostKeyOfUrl(url), hostKey(portalHost)) || isBitrix24SiteHost(url))

/**
 * Which addresses a preview host may resolve to. Public ones always. The portal's own host may
 * also be on the office network (a self-hosted portal): its previews come from where its REST
 * answers come from. Loopback only for the portal's own host, and only when the portal was added
 * under a loopback address (the emulated portal). Never anything else for any other host.
 */
export const previewAddressAllowed = (portalHost: string, hostname: string, cls: AddressClass): boolean => {
  if (cls === 'public') return true
  const portal = hostKey(portalHost)
  if (hostname.replace(/^\[|\]$/g, '').toLowerCase() !== portal.hostname) return false
  if (cls === 'loopback') return isLoopbackHost(portal.hostname)
  return cls === 'private' || cls === 'link-local'
}

const MAX_REDIRECTS = 3

const REFUSALS: Record<string, Localized> = {
  'not-allowed-host': {
    en: 'The preview is on {host}, which is neither the portal nor a Bitrix24 site host; B24 Desk does not fetch it.',
    ru: 'Превью находится на {host}, а это не портал и не хост сайтов Битрикс24; B24 Desk его не загружает.'
  },
  'redirect-elsewhere': {
    en: 'The preview address redirected to another host ({host}); B24 Desk does not follow it.',
    ru: 'Адрес превью перенаправил на другой хост ({host}); B24 Desk не переходит по нему.'
  },
  'too-many-redirects': {
    en: 'The preview address redirected too many times.',
    ru: 'Адрес превью перенаправлял слишком много раз.'
  },
  address: {
    en: 'The preview host {host} is on a {kind} address, which B24 Desk does not contact for previews.',
    ru: 'Хост превью {host} находится по адресу типа «{kind}», к которому B24 Desk не обращается за превью.'
  },
  'too-large': {
    en: 'The preview image is larger than {max} bytes.',
    ru: 'Изображение превью больше {max} байт.'
  },
  status: {
    en: 'The preview could not be downloaded (HTTP {status}).',
    ru: 'Не удалось загрузить превью (HTTP {status}).'
  }
}

const fill = (text: string, vars: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m))

/**
 * A preview that is not fetched, and why. PREVIEW_REFUSED (a rule said no) and PREVIEW_UNAVAILABLE
 * (the host had no image) are permanent: nothing changes by waiting. A 5xx is transient.
 */
export const previewRefused = (
  ctx: ErrorContext,
  reason: keyof typeof REFUSALS,
  vars: Record<string, string | number> = {},
  httpStatus: number | null = null
): RestError => {
  const messages = { en: fill(REFUSALS[reason].en, vars), ru: fill(REFUSALS[reason].ru, vars) }
  const unavailable = reason === 'status'
  return new RestError({
    code: unavailable ? 'PREVIEW_UNAVAILABLE' : 'PREVIEW_REFUSED',
    message: messages[getLanguage()],
    messages,
    category: unavailable && httpStatus !== null && httpStatus >= 500 ? 'transient' : 'permanent',
    portalId: ctx.portalId,
    method: ctx.method,
    httpStatus
  })
}

export interface ResourceFetcherOptions {
  portalId: string
  /** The portal's host as stored ("portal.example.com", "127.0.0.1:8443"). */
  portalHost: string
  caPem?: string | null
  timeoutMs?: number
  /** Name resolution; tests inject one so nothing reaches real DNS. */
  resolve?: Resolver
}

export interface ResourceFetcher {
  fetch(url: string, opts?: { maxBytes?: number }): Promise<{ bytes: Buffer; contentType: string | null }>
  close(): void
}

/**
 * Downloads portal resources (preview images) under the rules for URLs a server hands us: only
 * from the portal's own host or a Bitrix24 site host, only over https, redirects followed only to
 * the same host, and never to an internal address unless the portal itself lives there. The
 * request carries no credential (previews are public images), and the portal's CA is trusted on
 * the portal's host only.
 */
export const createResourceFetcher = (opts: ResourceFetcherOptions): ResourceFetcher => {
  const ctx: ErrorContext = { portalId: opts.portalId, method: 'preview' }
  const allowed = (hostname: string, cls: AddressClass): boolean =>
    previewAddressAllowed(opts.portalHost, hostname, cls)
  const agent = new HostBoundAgent({
    portalHost: opts.portalHost,
    caPem: opts.caPem,
    keepAlive: false,
    maxSockets: 4,
    lookup: guardedLookup(allowed, opts.resolve ?? systemResolver)
  })

  const checkTarget = (url: URL): void => {
    if (!previewSourceAllowed(url, opts.portalHost))
      throw previewRefused(ctx, 'not-allowed-host', { host: url.host })
    // Sockets skip `lookup` for IP literals, so those are classified here.
    const literal = url.hostname.replace(/^\[|\]$/g, '')
    if (isIP(literal)) {
      const cls = classifyAddress(literal)
      if (!allowed(literal, cls)) throw previewRefused(ctx, 'address', { host: url.host, kind: cls })
    }
  }

  const once = (url: URL, maxBytes: number) =>
    new Promise<{ status: number; location: string | null; bytes: Buffer; contentType: string | null }>(
      (resolve, reject) => {
        const req = request(
          url,
          {
            method: 'GET',
            agent,
            timeout: opts.timeoutMs ?? 30_000,
            headers: { Accept: 'image/*', 'User-Agent': 'B24Desk', Referer: `https://${opts.portalHost}/` }
          },
          (res) => {
            const status = res.statusCode ?? 0
            const location = typeof res.headers.location === 'string' ? res.headers.location : null
            const type = res.headers['content-type']
            if (status >= 300 && status < 400) {
              res.resume()
              resolve({ status, location, bytes: Buffer.alloc(0), contentType: null })
              return
            }
            const declared = Number(res.headers['content-length'])
            if (Number.isFinite(declared) && declared > maxBytes) {
              res.destroy()
              reject(previewRefused(ctx, 'too-large', { max: maxBytes }))
              return
            }
            const chunks: Buffer[] = []
            let size = 0
            res.on('data', (c: Buffer) => {
              size += c.length
              if (size > maxBytes) {
                res.destroy()
                reject(previewRefused(ctx, 'too-large', { max: maxBytes }))
                return
              }
              chunks.push(c)
            })
            res.on('end', () =>
              resolve({
                status,
                location,
                bytes: Buffer.concat(chunks),
                contentType: typeof type === 'string' ? type : null
              })
            )
            res.on('error', reject)
          }
        )
        req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })))
        req.on('error', reject)
        req.end()
      }
    )

  const asRestError = (err: unknown): RestError => {
    if (err instanceof RestError) return err
    const e = err as { code?: unknown; hostname?: unknown; addressClass?: unknown; message?: unknown }
    if (e?.code === 'ADDRESS_REFUSED')
      return previewRefused(ctx, 'address', { host: String(e.hostname), kind: String(e.addressClass) })
    const code = typeof e?.code === 'string' ? e.code : ''
    return (
      (code ? errorFromTransport(ctx, code) : null) ??
      restError(ctx, 'CLIENT_ERROR', {
        description: typeof e?.message === 'string' ? e.message : String(err)
      })
    )
  }

  return {
    async fetch(input, o = {}) {
      const maxBytes = o.maxBytes ?? 5_000_000
      let url: URL
      try {
        url = new URL(input)
      } catch {
        throw previewRefused(ctx, 'not-allowed-host', { host: '—' })
      }
      for (let hop = 0; ; hop++) {
        checkTarget(url)
        let res: Awaited<ReturnType<typeof once>>
        try {
          res = await once(url, maxBytes)
        } catch (err) {
          throw asRestError(err)
        }
        if (res.status >= 300 && res.status < 400) {
          if (!res.location) throw previewRefused(ctx, 'status', { status: res.status }, res.status)
          const next = new URL(res.location, url)
          // A redirect stays on the host the preview was found on: a server must not be able to
          // send this request on to anywhere else, the other rules notwithstanding.
          if (next.protocol !== 'https:' || !sameHost(hostKeyOfUrl(next), hostKeyOfUrl(url)))
            throw previewRefused(ctx, 'redirect-elsewhere', { host: next.host }, res.status)
          if (hop + 1 > MAX_REDIRECTS) throw previewRefused(ctx, 'too-many-redirects', {}, res.status)
          url = next
          continue
        }
        if (res.status < 200 || res.status >= 300)
          throw previewRefused(ctx, 'status', { status: res.status }, res.status)
        return { bytes: res.bytes, contentType: res.contentType }
      }
    },
    close() {
      agent.destroy()
    }
  }
}
