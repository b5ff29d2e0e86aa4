import { Agent, type AgentOptions, type RequestOptions } from 'node:https'
import type { Duplex } from 'node:stream'
import type { LookupFunction } from 'node:net'

/** A host as URLs name it ("portal.example.com", "127.0.0.1:8443", "[::1]:8443"), split for comparison. */
export interface HostKey {
  hostname: string
  port: number
}

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '').toLowerCase()

export const hostKey = (host: string): HostKey => {
  const u = new URL(`https://${host}`)
  return { hostname: bare(u.hostname), port: u.port ? Number(u.port) : 443 }
}

export const hostKeyOfUrl = (url: URL): HostKey => ({
  hostname: bare(url.hostname),
  port: url.port ? Number(url.port) : url.protocol === 'http:' ? 80 : 443
})

export const sameHost = (a: HostKey, b: HostKey): boolean => a.hostname === b.hostname && a.port === b.port

export interface HostBoundAgentOptions {
  /** The portal's host as stored ("portal.example.com" or "127.0.0.1:8443"). */
  portalHost: string
  /** The only extra CA to trust, and only for `portalHost`. */
  caPem?: string | null
  keepAlive?: boolean
  maxSockets?: number
  /** Replaces DNS resolution for every connection (used to refuse internal addresses). */
  lookup?: LookupFunction
}

/**
 * An https.Agent that adds the portal's CA to the trust store only on connections to the portal's
 * own host and port; every other host (the OAuth server, preview hosts, a redirect target) is
 * verified against the system's roots, so a CA given for one intranet portal can never vouch for
 * a certificate somebody issues for another name.
 *
 * The CA is applied per connection rather than as an agent option on purpose: libraries that wrap
 * an agent (axios' proxy tunnel copies the agent's TLS options) would otherwise carry it to every
 * host. Behind such a proxy the portal CA is simply not used, which fails closed.
 */
export class HostBoundAgent extends Agent {
  private readonly portal: HostKey
  private readonly portalCa: string | null

  constructor(opts: HostBoundAgentOptions) {
    const base: AgentOptions = { keepAlive: opts.keepAlive ?? true, maxSockets: opts.maxSockets ?? 8 }
    if (opts.lookup) (base as AgentOptions & { lookup: LookupFunction }).lookup = opts.lookup
    super(base)
    this.portal = hostKey(opts.portalHost)
    this.portalCa = opts.caPem || null
  }

  /** Whether a connection to this host and port gets the portal's CA. */
  trustsPortalCaFor(hostname: string, port: number | string | null | undefined): boolean {
    const p = port === undefined || port === '' || port === null ? 443 : Number(port)
    return this.portalCa !== null && sameHost(this.portal, { hostname: bare(hostname), port: p })
  }

  override createConnection(options: RequestOptions, callback?: (err: Error | null, s: Duplex) => void) {
    const tlsOptions: RequestOptions = { ...options }
    // A CA passed with a request (not something this app does) must not widen trust either.
    delete tlsOptions.ca
    if (this.portalCa !== null && this.trustsPortalCaFor(String(options.host ?? ''), options.port))
      tlsOptions.ca = this.portalCa
    // Node's typings declare createConnection on http.Agent only; https.Agent implements it.
    const parent = Agent.prototype as unknown as {
      createConnection(o: RequestOptions, cb?: (err: Error | null, s: Duplex) => void): Duplex
    }
    return parent.createConnection.call(this, tlsOptions, callback)
  }
}
