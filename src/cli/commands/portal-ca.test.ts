import { randomBytes, X509Certificate } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/index.ts'
import { createKeychainStore } from '../../main/services/portals'
import { runCli } from '../run'

const keychain = createKeychainStore(`B24 Desk portal ca test ${randomBytes(4).toString('hex')}`)

const cli = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const stdin = new PassThrough()
  stdin.end()
  let out = ''
  let err = ''
  stdout.on('data', (d: Buffer) => (out += d.toString()))
  stderr.on('data', (d: Buffer) => (err += d.toString()))
  const code = await runCli(
    args,
    { stdout, stderr, stdin, env: { B24DESK_LANG: 'en', ...env } },
    { secretStore: keychain }
  )
  return { code, stdout: out, stderr: err }
}

const fingerprint = (pem: string) => new X509Certificate(pem).fingerprint256

describe('portal set --ca trusts another CA with the stored secret, after the portal answers with it', () => {
  let emu: Emulator
  let other: Emulator
  let dir: string
  let bundle: string
  const RU = { B24DESK_LANG: 'ru' }
  const inDir = (...args: string[]) => [...args, '--data-dir', dir]

  /** Where the keychain entry of "acme" may be used: the CA fingerprints it is bound to. */
  const boundCa = async (): Promise<string | null> => {
    const list = JSON.parse((await cli(inDir('portal', 'list', '--json'))).stdout) as Array<{
      id: string
      name: string
    }>
    const id = list.find((p) => p.name === 'acme')?.id ?? ''
    return (
      (JSON.parse((await keychain.get(id)) ?? '{}') as { bound?: { ca: string | null } }).bound?.ca ?? null
    )
  }

  const checksOnline = async () => {
    const out = await cli(inDir('portal', 'check', 'acme'))
    expect(out.stdout).toBe('acme: online\n')
    expect(out.code).toBe(0)
  }

  beforeAll(async () => {
    emu = await startEmulator({ portals: 1, seed: 'demo', realDelayFactor: 0 })
    other = await startEmulator({ portals: 1, seed: 'demo', realDelayFactor: 0 })
    dir = mkdtempSync(join(tmpdir(), 'b24desk-portal-ca-'))
    // Added trusting both CAs, so that trusting the portal's own CA alone is a visible change.
    bundle = join(dir, 'both.pem')
    writeFileSync(bundle, `${emu.caCertPem.trim()}\n${other.caCertPem.trim()}\n`)
    const added = await cli(inDir('portal', 'add', '--name', 'acme', '--ca', bundle), {
      B24DESK_WEBHOOK: emu.portals[0].webhookUrl
    })
    expect(added.code, added.stderr).toBe(0)
  }, 60_000)

  afterAll(async () => {
    await cli(inDir('portal', 'remove', 'acme', '--yes'))
    await emu.stop()
    await other.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('refuses a CA the portal does not answer with, and the CA it had still works', async () => {
    const before = await boundCa()
    expect(before).toBe(`${fingerprint(emu.caCertPem)},${fingerprint(other.caCertPem)}`)
    const out = await cli(inDir('portal', 'set', 'acme', '--ca', other.caCertPath))
    expect(out.code).toBe(1)
    // The CA is shown before the portal is called, then the refusal says why.
    expect(out.stdout).toContain(`SHA-256 fingerprint: ${fingerprint(other.caCertPem)}`)
    expect(out.stderr).toMatch(
      /“acme” was called with the new certificate and did not answer, so nothing was changed .*not trusted/
    )
    expect(out.stderr).not.toMatch(/\/work|\.ts:|at /)
    expect(await boundCa()).toBe(before)
    await checksOnline()

    // A file that is no certificate is refused before the portal is called.
    writeFileSync(join(dir, 'junk.pem'), 'not a certificate\n')
    const junk = await cli(inDir('portal', 'set', 'acme', '--ca', join(dir, 'junk.pem')))
    expect(junk.code).toBe(1)
    expect(junk.stdout).toBe('')
    expect(junk.stderr).toMatch(/must be a PEM file/)
    const empty = await cli(inDir('portal', 'set', 'acme', '--ca', ''))
    expect(empty.code).toBe(2)
    expect(empty.stderr).toMatch(/cannot read the certificate file given with --ca/)

    const none = await cli(inDir('portal', 'set', 'acme', '--ca', 'none', '--notes', 'unchanged?'))
    expect(none.code).toBe(1)
    expect(none.stderr).toMatch(/nothing was changed/)
    expect(await boundCa()).toBe(before)
    const listed = JSON.parse((await cli(inDir('portal', 'list', '--json'))).stdout) as Array<{
      notes: string
    }>
    expect(listed[0].notes).toBe('')
    await checksOnline()
  }, 60_000)

  it('says the same in Russian', async () => {
    const out = await cli(inDir('portal', 'set', 'acme', '--ca', other.caCertPath), RU)
    expect(out.code).toBe(1)
    expect(out.stdout).toContain('CA, которому доверять только для адреса этого портала')
    expect(out.stdout).toContain(`отпечаток SHA-256: ${fingerprint(other.caCertPem)}`)
    expect(out.stderr).toMatch(
      /«acme» не ответил при проверке с новым сертификатом, поэтому ничего не изменено .*не является доверенным/
    )
    const nothing = await cli(inDir('portal', 'set', 'acme'), RU)
    expect(nothing.code).toBe(2)
    expect(nothing.stderr).toContain('--limits и/или --ca')
    const help = await cli(['portal', 'set', '--help'], RU)
    expect(help.stdout).toContain('--ca ФАЙЛ — доверять другому CA')
  })

  it('trusts the right CA with the stored secret, binds the keychain entry to it, and the portal still checks online', async () => {
    const out = await cli(inDir('portal', 'set', 'acme', '--ca', emu.caCertPath))
    expect(out.code, out.stderr).toBe(0)
    const host = new URL(emu.portals[0].baseUrl).host
    expect(out.stdout).toContain("CA to trust for this portal's host only:")
    expect(out.stdout).toContain('CN=B24 Desk Emulated Portal CA')
    expect(out.stdout).toContain(`SHA-256 fingerprint: ${fingerprint(emu.caCertPem)}`)
    expect(out.stdout).toContain(`“acme” now trusts this CA for ${host}; the portal answered with it.`)
    expect(await boundCa()).toBe(fingerprint(emu.caCertPem))
    await checksOnline()

    // Together with other settings, and in Russian.
    const ru = await cli(inDir('portal', 'set', 'acme', '--ca', emu.caCertPath, '--notes', 'CA renewed'), RU)
    expect(ru.code, ru.stderr).toBe(0)
    expect(ru.stdout).toContain('«acme»: не больше')
    const listed = JSON.parse((await cli(inDir('portal', 'list', '--json'))).stdout) as Array<{
      notes: string
    }>
    expect(listed[0].notes).toBe('CA renewed')
    const alone = await cli(inDir('portal', 'set', 'acme', '--ca', emu.caCertPath), RU)
    expect(alone.stdout).toContain(`«acme» теперь доверяет этому CA для ${host}; портал ответил с ним.`)
    await checksOnline()
  }, 60_000)
})
