import { createHash, X509Certificate } from 'node:crypto'
import { generate } from 'selfsigned'
import { beforeAll, describe, expect, it } from 'vitest'
import { setLanguage } from '../app/language'
import { AppError } from '../errors'
import { describeCaPem, inspectCaPem } from './ca'

const DAY = 86_400_000

const cert = async (opts: { cn: string; ca: boolean; from: number; to: number }) =>
  (
    await generate([{ name: 'commonName', value: opts.cn }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate: new Date(opts.from),
      notAfterDate: new Date(opts.to),
      extensions: [{ name: 'basicConstraints', cA: opts.ca, critical: true }]
    })
  ).cert

const refusal = (fn: () => unknown): AppError => {
  try {
    fn()
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('expected a refusal')
}

describe('inspectCaPem', () => {
  const now = Date.now()
  let ca: string
  let otherCa: string
  let leaf: string
  let expired: string
  let future: string
  beforeAll(async () => {
    ca = await cert({ cn: 'Acme Root CA', ca: true, from: now - DAY, to: now + 30 * DAY })
    otherCa = await cert({ cn: 'Acme Issuing CA', ca: true, from: now - DAY, to: now + 60 * DAY })
    leaf = await cert({ cn: 'portal.acme.test', ca: false, from: now - DAY, to: now + 30 * DAY })
    expired = await cert({ cn: 'Old Acme CA', ca: true, from: now - 400 * DAY, to: now - DAY })
    future = await cert({ cn: 'Next Acme CA', ca: true, from: now + 2 * DAY, to: now + 400 * DAY })
    setLanguage('en')
  })

  it('gives the subject and the SHA-256 fingerprint a person compares with their CA', () => {
    const [info] = inspectCaPem(ca, now)
    expect(info.subject).toBe('CN=Acme Root CA')
    // The fingerprint is SHA-256 over the DER bytes, the same figure browsers and openssl show.
    const der = new X509Certificate(ca).raw
    const expected = createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':')
    expect(info.fingerprint256).toBe(expected)
    expect(Date.parse(info.validTo)).toBeGreaterThan(now + 29 * DAY)
  })

  it('accepts a chain of CA certificates and describes each', () => {
    const infos = inspectCaPem(`${ca}\n${otherCa}`, now)
    expect(infos.map((i) => i.subject)).toEqual(['CN=Acme Root CA', 'CN=Acme Issuing CA'])
  })

  it('refuses a server certificate (no CA:TRUE), naming it and saying what to give instead', () => {
    const err = refusal(() => inspectCaPem(leaf, now))
    expect(err.code).toBe('CA_NOT_CA')
    expect(err.category).toBe('permanent')
    expect(err.message).toMatch(/“CN=portal\.acme\.test” is not a CA certificate/)
    expect(err.message).toMatch(/authority that signed the portal’s certificate/)
    // One server certificate hidden among CAs is refused too.
    expect(refusal(() => inspectCaPem(`${ca}${leaf}`, now)).code).toBe('CA_NOT_CA')
  })

  it('refuses an expired CA and one not valid yet, with the date', () => {
    const old = refusal(() => inspectCaPem(expired, now))
    expect(old.code).toBe('CA_EXPIRED')
    expect(old.message).toContain(new Date(now - DAY).toISOString().slice(0, 10))
    const early = refusal(() => inspectCaPem(future, now))
    expect(early.code).toBe('CA_NOT_YET_VALID')
    expect(early.message).toContain(new Date(now + 2 * DAY).toISOString().slice(0, 10))
  })

  it('refuses text that is not PEM, and a damaged certificate, in the person’s language', () => {
    expect(refusal(() => inspectCaPem('just some text', now)).code).toBe('CA_INVALID')
    const damaged = ca.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA')
    expect(refusal(() => inspectCaPem(damaged, now)).code).toBe('CA_INVALID')
    setLanguage('ru')
    try {
      expect(refusal(() => inspectCaPem(leaf, now)).message).toMatch(/не является сертификатом CA/)
    } finally {
      setLanguage('en')
    }
  })

  it('describes a stored PEM for display without judging it', () => {
    expect(describeCaPem(expired).map((i) => i.subject)).toEqual(['CN=Old Acme CA'])
    expect(describeCaPem(null)).toEqual([])
  })
})
