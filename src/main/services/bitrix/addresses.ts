import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { BlockList, isIP, type LookupFunction } from 'node:net'

/**
 * What kind of network an IP address belongs to. Only `public` addresses are on the internet at
 * large; the others reach this machine, its local network or nothing at all, and a URL handed to
 * us by a server must not be able to make the app knock on those (requests from inside the
 * workstation's network, on the user's behalf).
 */
export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'reserved'

const ranges = (list: Array<[string, number, 'ipv4' | 'ipv6']>): BlockList => {
  const b = new BlockList()
  for (const [net, prefix, type] of list) b.addSubnet(net, prefix, type)
  return b
}

const LOOPBACK = ranges([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6']
])
const PRIVATE = ranges([
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  // Carrier-grade NAT: not on the internet, often a VPN's range.
  ['100.64.0.0', 10, 'ipv4'],
  ['fc00::', 7, 'ipv6'],
  // Deprecated site-local, still routed inside some networks.
  ['fec0::', 10, 'ipv6']
])
const LINK_LOCAL = ranges([
  // Includes 169.254.169.254, the cloud metadata service.
  ['169.254.0.0', 16, 'ipv4'],
  ['fe80::', 10, 'ipv6']
])
const RESERVED = ranges([
  ['0.0.0.0', 8, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['100::', 64, 'ipv6'],
  ['2001:db8::', 32, 'ipv6'],
  // ORCHIDv1/v2: identifiers, not routable.
  ['2001:10::', 28, 'ipv6'],
  ['2001:20::', 28, 'ipv6'],
  // Documentation (RFC 9637).
  ['3fff::', 20, 'ipv6'],
  ['ff00::', 8, 'ipv6']
])

/** The eight 16-bit groups of an IPv6 address already validated by `isIP`, whatever its spelling. */
const hextets = (address: string): number[] => {
  let text = address.toLowerCase()
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number)
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = text.split('::')
  const part = (p: string | undefined) => (p ? p.split(':').map((h) => parseInt(h, 16)) : [])
  const front = part(head)
  const back = part(tail)
  const zeros = tail === undefined ? [] : new Array<number>(8 - front.length - back.length).fill(0)
  return [...front, ...zeros, ...back]
}

const ipv4At = (h: number[], i: number): string =>
  `${h[i] >> 8}.${h[i] & 255}.${h[i + 1] >> 8}.${h[i + 1] & 255}`

const allZero = (h: number[], from: number, to: number): boolean => h.slice(from, to).every((x) => x === 0)

/**
 * IPv6 forms that carry or reach an IPv4 address, judged by what they reach. Mapped (::ffff:a.b.c.d),
 * the well-known NAT64 prefix (64:ff9b::/96) and 6to4 (2002::/16) are classed as the IPv4 address
 * they carry. The deprecated IPv4-compatible form (::a.b.c.d), SIIT (::ffff:0:a.b.c.d), local-use
 * NAT64 (64:ff9b:1::/48) and Teredo (2001::/32) never reach the internet at large from here: reserved,
 * or the carried address's class when that is loopback, private or link-local.
 * null: the address carries no IPv4 address and is judged by its own ranges.
 */
const viaIpv4 = (address: string): AddressClass | null => {
  const h = hextets(address)
  const strict = (v4: string): AddressClass => {
    const cls = classifyAddress(v4)
    return cls === 'public' ? 'reserved' : cls
  }
  if (allZero(h, 0, 5) && h[5] === 0xffff) return classifyAddress(ipv4At(h, 6))
  if (allZero(h, 0, 4) && h[4] === 0xffff && h[5] === 0) return strict(ipv4At(h, 6))
  // ::/96 except :: and ::1, which the ranges below know.
  if (allZero(h, 0, 6) && !(h[6] === 0 && h[7] <= 1)) return strict(ipv4At(h, 6))
  if (h[0] === 0x64 && h[1] === 0xff9b && allZero(h, 2, 6)) return classifyAddress(ipv4At(h, 6))
  if (h[0] === 0x64 && h[1] === 0xff9b && h[2] === 1) return 'reserved'
  if (h[0] === 0x2002) return classifyAddress(ipv4At(h, 1))
  if (h[0] === 0x2001 && h[1] === 0) return 'reserved'
  return null
}

/** Classifies an IP address (v4 or v6, without brackets); anything that is not an IP is `reserved`. */
export const classifyAddress = (address: string): AddressClass => {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  const kind = isIP(bare)
  if (kind === 0) return 'reserved'
  if (kind === 6) {
    const carried = viaIpv4(bare)
    if (carried) return carried
  }
  const type = kind === 4 ? 'ipv4' : 'ipv6'
  if (LOOPBACK.check(bare, type)) return 'loopback'
  if (LINK_LOCAL.check(bare, type)) return 'link-local'
  if (PRIVATE.check(bare, type)) return 'private'
  if (RESERVED.check(bare, type)) return 'reserved'
  return 'public'
}

/** Resolves a host name to all of its addresses; tests pass their own so no name ever reaches real DNS. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses)
    )
  })

/** Raised, with the low-level code a transport error would carry, when an address is not allowed. */
export class AddressRefused extends Error {
  readonly code = 'ADDRESS_REFUSED'
  readonly hostname: string
  readonly addressClass: AddressClass
  constructor(hostname: string, addressClass: AddressClass) {
    super(`${hostname} resolves to a ${addressClass} address`)
    this.name = 'AddressRefused'
    this.hostname = hostname
    this.addressClass = addressClass
  }
}

/**
 * A `lookup` for sockets that refuses a host when ANY of its addresses is of a class `allowed`
 * does not accept for that host: picking the one good address of several would leave the choice
 * to whoever controls the DNS answer. Checked at connect time, on the address actually used, so a
 * name cannot resolve to a public address for a check and to an internal one for the connection.
 */
export const guardedLookup = (
  allowed: (hostname: string, cls: AddressClass) => boolean,
  resolve: Resolver = systemResolver
): LookupFunction =>
  ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) {
          callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }))
          return
        }
        for (const a of addresses) {
          const cls = classifyAddress(a.address)
          if (!allowed(hostname, cls)) {
            callback(new AddressRefused(hostname, cls))
            return
          }
        }
        if (options?.all) callback(null, addresses)
        else callback(null, addresses[0].address, addresses[0].family)
      },
      (err: unknown) => callback(err)
    )
  }) as LookupFunction
