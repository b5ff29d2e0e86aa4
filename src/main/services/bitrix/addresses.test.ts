import type { LookupAddress } from 'node:dns'
import { describe, expect, it } from 'vitest'
import { AddressRefused, classifyAddress, guardedLookup, type AddressClass } from './addresses'

describe('classifyAddress', () => {
  const cases: Array<[string, AddressClass]> = [
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['2a00:1450:4001:82a::200e', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.1.2', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.10', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fc00::1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['0.0.0.0', 'reserved'],
    ['::', 'reserved'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['ff02::1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    // IPv6 spellings of IPv4 addresses are judged by the IPv4 address they carry.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['2002:c0a8:0101::1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::8.8.8.8', 'public'],
    // Forms that never reach the internet at large from here: reserved, or what they carry when that is local.
    ['::127.0.0.1', 'loopback'],
    ['::7f00:1', 'loopback'],
    ['::10.0.0.1', 'private'],
    ['::8.8.8.8', 'reserved'],
    ['::ffff:0:7f00:1', 'loopback'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['::ffff:0:8.8.8.8', 'reserved'],
    ['64:ff9b:1::7f00:1', 'reserved'],
    ['64:ff9b:1:ffff::8.8.8.8', 'reserved'],
    ['2001::1', 'reserved'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
    ['2001:10::1', 'reserved'],
    ['3fff::1', 'reserved'],
    ['2001:4860:4860::8888', 'public'],
    ['not-an-ip', 'reserved']
  ]
  it.each(cases)('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected)
  })
})

describe('guardedLookup', () => {
  const lookupWith = (answers: Record<string, LookupAddress[]>, allowPrivateFor?: string) =>
    guardedLookup(
      (hostname, cls) => cls === 'public' || (hostname === allowPrivateFor && cls === 'private'),
      async (hostname) => answers[hostname] ?? []
    )
  const run = (lookup: ReturnType<typeof guardedLookup>, hostname: string, all: boolean) =>
    new Promise<{ err: unknown; result: unknown }>((resolve) =>
      (lookup as unknown as (h: string, o: object, cb: (...a: unknown[]) => void) => void)(
        hostname,
        { all },
        (err, ...rest) => resolve({ err, result: all ? rest[0] : rest })
      )
    )

  it('passes public addresses through in the form the socket asked for', async () => {
    const lookup = lookupWith({ 'a.test': [{ address: '93.184.216.34', family: 4 }] })
    expect(await run(lookup, 'a.test', true)).toEqual({
      err: null,
      result: [{ address: '93.184.216.34', family: 4 }]
    })
    expect(await run(lookup, 'a.test', false)).toEqual({ err: null, result: ['93.184.216.34', 4] })
  })

  it('refuses a name when any one of its addresses is internal', async () => {
    const lookup = lookupWith({
      'mixed.test': [
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 }
      ]
    })
    const { err } = await run(lookup, 'mixed.test', true)
    expect(err).toBeInstanceOf(AddressRefused)
    expect(err).toMatchObject({ hostname: 'mixed.test', addressClass: 'loopback' })
  })

  it('applies the per-host rule: private allowed for one host only', async () => {
    const answers = {
      'portal.corp': [{ address: '10.0.0.5', family: 4 }],
      'other.corp': [{ address: '10.0.0.6', family: 4 }]
    }
    const lookup = lookupWith(answers, 'portal.corp')
    expect((await run(lookup, 'portal.corp', true)).err).toBeNull()
    expect((await run(lookup, 'other.corp', true)).err).toBeInstanceOf(AddressRefused)
  })

  it('reports a name without addresses as not found', async () => {
    const { err } = await run(lookupWith({}), 'nowhere.test', true)
    expect(err).toMatchObject({ code: 'ENOTFOUND' })
  })
})
