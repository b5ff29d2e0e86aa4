import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  clientConfig,
  describeConnectError,
  keychainAccount,
  parseWorkspaceUrl,
  targetUrl
} from './connection'

const dir = mkdtempSync(join(tmpdir(), 'b24desk-conn-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('workspace URL', () => {
  it('reads user, host, port, database and a password, and names the workspace without the password', () => {
    const { target, password } = parseWorkspaceUrl(
      'postgresql://alice:s%40cret@db.example.com:6432/team?sslmode=verify-full&sslrootcert=/etc/ca.pem'
    )
    expect(password).toBe('s@cret')
    expect(target).toEqual({
      host: 'db.example.com',
      port: 6432,
      database: 'team',
      user: 'alice',
      sslmode: 'verify-full',
      caFile: '/etc/ca.pem',
      certFile: null,
      keyFile: null
    })
    expect(keychainAccount(target)).toBe('workspace:alice@db.example.com:6432/team')
    expect(targetUrl(target)).toBe('postgresql://alice@db.example.com:6432/team?sslrootcert=%2Fetc%2Fca.pem')
    expect(targetUrl(target)).not.toContain('s%40cret')
  })

  it('verifies the server by default across a network, not on this computer', () => {
    expect(parseWorkspaceUrl('postgres://a@db.example.com/x').target.sslmode).toBe('verify-full')
    expect(parseWorkspaceUrl('postgres://a@localhost/x').target.sslmode).toBe('disable')
    expect(parseWorkspaceUrl('postgres://a@127.0.0.1/x').target.sslmode).toBe('disable')
    // a CA file asks for TLS even on this computer
    expect(parseWorkspaceUrl('postgres://a@localhost/x', { caFile: '/ca.pem' }).target.sslmode).toBe(
      'verify-full'
    )
    expect(parseWorkspaceUrl('postgres://a@localhost/x?sslrootcert=/ca.pem').target.sslmode).toBe(
      'verify-full'
    )
    const socket = parseWorkspaceUrl('postgresql://a@/x?host=/run/postgresql').target
    expect(socket).toMatchObject({ host: '/run/postgresql', port: 5432, sslmode: 'disable' })
    expect(targetUrl(socket)).toBe('postgresql://a@:5432/x?host=%2Frun%2Fpostgresql')
    expect(parseWorkspaceUrl(targetUrl(socket)).target).toEqual(socket)
  })

  it.each([
    ['mysql://a@h/x', /must start with postgresql:\/\/ \(not "mysql:"\)/],
    ['postgresql://a@h:99999/x', /port "99999"/],
    ['postgresql://a@h/x?sslmode=prefer', /sslmode=prefer is not supported; use verify-full/],
    ['postgresql://a@h/x?ssl=true', /unknown option "ssl"/],
    [
      'postgresql://a@localhost/x?sslmode=disable&sslrootcert=/ca.pem',
      /CA file was given with sslmode=disable/
    ],
    ['postgresql://a@h/x/y', /database name "x\/y"/]
  ])('refuses %s and says what to fix', (url, reason) => {
    expect(() => parseWorkspaceUrl(url)).toThrow(reason)
    try {
      parseWorkspaceUrl(url)
    } catch (err) {
      expect(err).toMatchObject({ code: 'WORKSPACE_BAD_URL' })
    }
  })

  it('keeps a password with a stray % as typed', () => {
    expect(parseWorkspaceUrl('postgresql://a:50%off@h/x').password).toBe('50%off')
  })

  it('never repeats a password from a malformed URL', () => {
    let message = ''
    try {
      parseWorkspaceUrl('postgresql://alice:hunter2@h:abc/x')
    } catch (err) {
      message = (err as Error).message
    }
    expect(message).toMatch(/port/)
    expect(message).not.toContain('hunter2')
  })
})

describe('TLS settings', () => {
  const ca = join(dir, 'ca.pem')
  writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')

  it('verify-full checks the chain against the CA file and the host name', () => {
    const cfg = clientConfig(parseWorkspaceUrl(`postgresql://a@db.example.com/x?sslrootcert=${ca}`).target)
    expect(cfg.ssl).toMatchObject({ rejectUnauthorized: true })
    expect(cfg.ssl).not.toHaveProperty('checkServerIdentity')
    expect((cfg.ssl as { ca: string }).ca).toContain('BEGIN CERTIFICATE')
  })

  it('verify-ca checks the chain but not the name; require encrypts without checking; disable is plain', () => {
    const vca = clientConfig(
      parseWorkspaceUrl(`postgresql://a@h/x?sslmode=verify-ca&sslrootcert=${ca}`).target
    )
    expect(vca.ssl).toMatchObject({ rejectUnauthorized: true })
    expect((vca.ssl as { checkServerIdentity: () => unknown }).checkServerIdentity()).toBeUndefined()
    expect(clientConfig(parseWorkspaceUrl('postgresql://a@h/x?sslmode=require').target).ssl).toMatchObject({
      rejectUnauthorized: false
    })
    expect(clientConfig(parseWorkspaceUrl('postgresql://a@localhost/x').target).ssl).toBe(false)
  })

  it('a CA file that cannot be read is named', () => {
    expect(() =>
      clientConfig(parseWorkspaceUrl('postgresql://a@h/x?sslrootcert=/nonexistent/ca.pem').target)
    ).toThrow('Cannot read the CA file /nonexistent/ca.pem (ENOENT).')
  })

  it('a certificate the CA does not vouch for is explained with what to check', () => {
    const target = parseWorkspaceUrl(`postgresql://a@db.example.com/x?sslrootcert=${ca}`).target
    const err = describeConnectError(
      Object.assign(new Error('self-signed certificate in certificate chain'), {
        code: 'SELF_SIGNED_CERT_IN_CHAIN'
      }),
      target,
      false
    )
    expect(err).toMatchObject({ code: 'WORKSPACE_TLS' })
    expect(err.message).toContain(`with the CA in ${ca}`)
  })
})
