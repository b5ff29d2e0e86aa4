import { randomBytes, X509Certificate } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { generate } from 'selfsigned'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/index.ts'
import { createKeychainStore } from '../../main/services/portals'
import { runCli } from '../run'

const keychainService = `B24 Desk portal cli test ${randomBytes(4).toString('hex')}`
const keychain = createKeychainStore(keychainService)

/** Runs the command line in this process with the given standard input, ended unless `keepOpen` (as a terminal would be). */
const cli = async (
  args: string[],
  opts: { stdin?: string; keepOpen?: boolean; env?: NodeJS.ProcessEnv } = {}
): Promise<{ code: number; stdout: string; stderr: string }> => {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const stdin = new PassThrough()
  if (opts.stdin !== undefined) stdin.write(opts.stdin)
  if (!opts.keepOpen) stdin.end()
  let out = ''
  let err = ''
  stdout.on('data', (d: Buffer) => (out += d.toString()))
  stderr.on('data', (d: Buffer) => (err += d.toString()))
  const code = await runCli(
    args,
    { stdout, stderr, stdin, env: { B24DESK_LANG: 'en', ...opts.env } },
    { secretStore: keychain }
  )
  return { code, stdout: out, stderr: err }
}

describe('portal add keeps secrets off the command line', () => {
  let emu: Emulator
  let dir: string
  beforeAll(async () => {
    emu = await startEmulator({ portals: 2, seed: 'demo', realDelayFactor: 0 })
    dir = mkdtempSync(join(tmpdir(), 'b24desk-portal-cli-'))
  }, 60_000)
  afterAll(async () => {
    for (const name of ['piped', 'from env', 'app', 'expired', 'gateway', 'with ca', 'typed'])
      await cli(['portal', 'remove', name, '--data-dir', dir])
    await emu.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  const stored = async (name: string): Promise<string> => {
    const list = JSON.parse((await cli(['portal', 'list', '--json', '--data-dir', dir])).stdout) as Array<{
      id: string
      name: string
    }>
    const p = list.find((x) => x.name === name)
    return p ? ((await keychain.get(p.id)) ?? '') : ''
  }

  it('reads the webhook URL from standard input with --webhook -', async () => {
    const p = emu.portals[0]
    const argv = [
      'portal',
      'add',
      '--name',
      'piped',
      '--webhook',
      '-',
      '--ca',
      emu.caCertPath,
      '--data-dir',
      dir
    ]
    // The input stays open: one line is all it takes, no end-of-file needed.
    const out = await cli(argv, { stdin: `${p.webhookUrl}\n`, keepOpen: true })
    expect(out.code, out.stderr).toBe(0)
    expect(argv.join(' ')).not.toContain(p.webhook.code)
    expect(out.stdout).toMatch(/Added portal “piped”/)
    expect(await stored('piped')).toContain(p.webhook.code)
  })

  it('refuses the same portal and webhook user under a second name, naming the portal it already is', async () => {
    const p = emu.portals[0]
    // Another webhook of the same user is the same portal too: one rate limit, one operating budget.
    const sameUser = p.control.addWebhook({ userId: p.webhook.userId })
    const out = await cli(
      ['portal', 'add', '--name', 'twin', '--webhook', '-', '--ca', emu.caCertPath, '--data-dir', dir],
      {
        stdin: `${sameUser.url}\n`
      }
    )
    expect(out.code).toBe(1)
    expect(out.stderr).toMatch(/already in B24 Desk as “piped”/)
    expect(out.stderr).not.toContain(sameUser.code)
    const list = JSON.parse((await cli(['portal', 'list', '--json', '--data-dir', dir])).stdout) as Array<{
      name: string
    }>
    expect(list.map((x) => x.name)).toEqual(['piped'])
  })

  it('takes the webhook URL from B24DESK_WEBHOOK when --webhook is left out', async () => {
    // Another user's webhook on the same portal is a different portal connection, and allowed.
    const hook = emu.portals[0].control.addWebhook({ userId: 2 })
    const out = await cli(
      ['portal', 'add', '--name', 'from env', '--ca', emu.caCertPath, '--data-dir', dir],
      {
        env: { B24DESK_WEBHOOK: hook.url }
      }
    )
    expect(out.code, out.stderr).toBe(0)
    expect(await stored('from env')).toContain(hook.code)
  })

  it('reads the OAuth secrets from standard input and the environment, one line per "-"', async () => {
    const o = emu.portals[0].oauth
    const out = await cli(
      [
        'portal',
        'add',
        '--name',
        'app',
        '--oauth-portal',
        emu.portals[0].baseUrl,
        '--client-id',
        o.clientId,
        '--client-secret',
        '-',
        '--refresh-token',
        '-',
        '--oauth-server',
        o.serverEndpoint,
        '--ca',
        emu.caCertPath,
        '--data-dir',
        dir
      ],
      { stdin: `${o.clientSecret}\n${o.refreshToken}\n`, env: { B24DESK_ACCESS_TOKEN: o.accessToken } }
    )
    expect(out.code, out.stderr).toBe(0)
    const secret = JSON.parse(await stored('app')) as { clientSecret: string; accessToken: string }
    expect(secret.clientSecret).toBe(o.clientSecret)
    expect(secret.accessToken).toBe(o.accessToken)
  })

  it('adds an OAuth portal whose access token has expired: the one check refreshes it, and the portal works', async () => {
    const p = emu.portals[1]
    const o = { ...p.oauth }
    p.control.expireAccessToken()
    const out = await cli(
      [
        'portal',
        'add',
        '--name',
        'expired',
        '--oauth-portal',
        p.baseUrl,
        '--client-id',
        o.clientId,
        '--oauth-server',
        o.serverEndpoint,
        '--ca',
        emu.caCertPath,
        '--json',
        '--data-dir',
        dir
      ],
      {
        env: {
          B24DESK_CLIENT_SECRET: o.clientSecret,
          B24DESK_ACCESS_TOKEN: o.accessToken,
          B24DESK_REFRESH_TOKEN: o.refreshToken
        }
      }
    )
    expect(out.code, out.stderr).toBe(0)
    expect(out.stderr).toBe('')
    const added = JSON.parse(out.stdout) as {
      portal: { name: string }
      connection: { landing: boolean; user: { id: string } }
    }
    expect(added.portal.name).toBe('expired')
    expect(added.connection.landing).toBe(true)
    // The refreshed pair was stored, and the spent one is never tried again.
    const secret = JSON.parse(await stored('expired')) as { refreshToken: string }
    expect(secret.refreshToken).not.toBe(o.refreshToken)
    expect(secret.refreshToken).toBe(p.oauth.refreshToken)
    const check = await cli(['portal', 'check', 'expired', '--data-dir', dir])
    expect(check.stdout).toMatch(/expired: online/)
    expect(check.code).toBe(0)
    const sites = await cli(['sites', '--portal', 'expired', '--json', '--data-dir', dir])
    expect(sites.code, sites.stderr).toBe(0)
    expect((JSON.parse(sites.stdout) as { rows: unknown[] }).rows.length).toBeGreaterThan(0)
  })

  it('portal check fails with the reason when every request gets an HTML 502 page', async () => {
    const p = emu.portals[1]
    const hook = p.control.addWebhook({ userId: 3 })
    expect(
      (
        await cli(['portal', 'add', '--name', 'gateway', '--ca', emu.caCertPath, '--data-dir', dir], {
          env: { B24DESK_WEBHOOK: hook.url }
        })
      ).code
    ).toBe(0)
    await p.control.setFaults({ htmlErrorRate: 1 })
    try {
      const out = await cli(['portal', 'check', 'gateway', '--data-dir', dir])
      expect(out.stdout).not.toMatch(/online/)
      expect(out.stdout).toMatch(/gateway: unreachable — .*web page instead of data \(HTTP 502\)/)
      expect(out.code).toBe(1)
      const json = await cli(['portal', 'check', 'gateway', '--json', '--data-dir', dir])
      expect(json.code).toBe(1)
      expect(
        (JSON.parse(json.stdout) as { health: { state: string; lastError: { code: string } } }).health
      ).toMatchObject({
        state: 'unreachable',
        lastError: { code: 'NON_JSON_RESPONSE' }
      })
      expect(json.stderr).toMatch(/HTTP 502/)
    } finally {
      await p.control.setFaults({ htmlErrorRate: 0 })
    }
    const back = await cli(['portal', 'check', 'gateway', '--data-dir', dir])
    expect(back.stdout).toMatch(/gateway: online/)
    expect(back.code).toBe(0)
  }, 60_000)

  it('shows the CA’s subject and SHA-256 fingerprint, for the portal’s host only, before saving', async () => {
    const hook = emu.portals[1].control.addWebhook({ userId: 4 })
    const out = await cli(['portal', 'add', '--name', 'with ca', '--ca', emu.caCertPath, '--data-dir', dir], {
      env: { B24DESK_WEBHOOK: hook.url }
    })
    expect(out.code, out.stderr).toBe(0)
    const fingerprint = new X509Certificate(emu.caCertPem).fingerprint256
    const host = new URL(emu.portals[1].baseUrl).host
    const shown = out.stdout.indexOf(`SHA-256 fingerprint: ${fingerprint}`)
    expect(out.stdout).toContain(`Certificate to trust for ${host} only`)
    expect(out.stdout).toContain('CN=B24 Desk Emulated Portal CA')
    expect(shown).toBeGreaterThan(-1)
    expect(shown).toBeLessThan(out.stdout.indexOf('Added portal “with ca”'))

    // With --json the report of the check carries the same facts, and stdout stays one document.
    const again = await cli(
      ['portal', 'credentials', 'with ca', '--ca', emu.caCertPath, '--json', '--data-dir', dir],
      { env: { B24DESK_WEBHOOK: hook.url } }
    )
    expect(again.code, again.stderr).toBe(0)
    expect(() => JSON.parse(again.stdout)).not.toThrow()
  })

  it('refuses a server certificate given as the CA before calling the portal or saving anything', async () => {
    const leaf = await generate([{ name: 'commonName', value: 'portal.acme.test' }], {
      keyType: 'ec',
      extensions: [{ name: 'basicConstraints', cA: false }]
    })
    const file = join(dir, 'leaf.pem')
    writeFileSync(file, leaf.cert)
    const hook = emu.portals[1].control.addWebhook({ userId: 6 })
    const calls = () =>
      Object.values(emu.portals[1].control.requestLog().countsByMethod).reduce((a, b) => a + b, 0)
    const before = calls()
    const out = await cli(['portal', 'add', '--name', 'leaf', '--ca', file, '--data-dir', dir], {
      env: { B24DESK_WEBHOOK: hook.url }
    })
    expect(out.code).toBe(1)
    expect(out.stderr).toMatch(/“CN=portal\.acme\.test” is not a CA certificate/)
    expect(out.stdout).toBe('')
    expect(calls()).toBe(before)
    const list = JSON.parse((await cli(['portal', 'list', '--json', '--data-dir', dir])).stdout) as Array<{
      name: string
    }>
    expect(list.map((x) => x.name)).not.toContain('leaf')
  })

  it('warns on stderr when a secret is typed as an argument, and still does the work', async () => {
    const hook = emu.portals[1].control.addWebhook({ userId: 5 })
    const out = await cli([
      'portal',
      'add',
      '--name',
      'typed',
      '--webhook',
      hook.url,
      '--ca',
      emu.caCertPath,
      '--json',
      '--data-dir',
      dir
    ])
    expect(out.code, out.stderr).toBe(0)
    expect(out.stderr).toMatch(/warning: --webhook was typed on the command line/)
    expect(out.stderr).not.toContain(hook.code)
    expect((JSON.parse(out.stdout) as { portal: { name: string } }).portal.name).toBe('typed')
  })

  it('refuses a "-" that standard input does not answer, and says how secrets can be given', async () => {
    const out = await cli(['portal', 'add', '--name', 'nothing', '--webhook', '-', '--data-dir', dir], {
      stdin: ''
    })
    expect(out.code).toBe(2)
    expect(out.stderr).toMatch(/--webhook -: standard input gave no value/)

    const missing = await cli([
      'portal',
      'add',
      '--name',
      'x',
      '--oauth-portal',
      'https://h.example',
      '--client-id',
      'c',
      '--data-dir',
      dir
    ])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(
      /--client-secret is required \(or "--client-secret -" .*B24DESK_CLIENT_SECRET\)/
    )

    const help = await cli(['help'])
    expect(help.stdout).toMatch(/"-" instead to read the value from standard input/)
    expect(help.stdout).toMatch(/B24DESK_WEBHOOK/)
    const usage = await cli(['portal', 'add', '--help'])
    expect(usage.stdout).toMatch(/--webhook URL\|-/)
    expect(usage.stdout).toMatch(/B24DESK_CLIENT_SECRET/)
  })
})

describe('the contract checks what the command line sends, as it checks the window', () => {
  let emu: Emulator
  let dir: string
  beforeAll(async () => {
    emu = await startEmulator({ portals: 1, seed: 'demo', realDelayFactor: 0 })
    dir = mkdtempSync(join(tmpdir(), 'b24desk-contract-cli-'))
  }, 60_000)
  afterAll(async () => {
    await cli(['portal', 'remove', 'checked', '--data-dir', dir])
    await emu.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('refuses a value the contract does not take as a usage error naming the option, before anything is created', async () => {
    const fresh = join(dir, 'never-created')
    const out = await cli(
      [
        'portal',
        'add',
        '--name',
        'checked',
        '--color',
        'red',
        '--tags',
        `ok,${'t'.repeat(51)}`,
        '--data-dir',
        fresh
      ],
      { env: { B24DESK_WEBHOOK: emu.portals[0].webhookUrl } }
    )
    expect(out.code).toBe(2)
    expect(out.stderr).toMatch(/invalid --color: not in the expected form/)
    expect(out.stderr).not.toMatch(/pattern|\^#/)
    expect(out.stderr).toMatch(/invalid --tags: /)
    expect(out.stderr).toMatch(/Usage: b24desk portal add/)
    expect(out.stderr).not.toContain(emu.portals[0].webhook.code)
    // Refused before the services opened: no data folder, no database.
    expect(existsSync(fresh)).toBe(false)
  })

  it('applies the contract’s limits to listing options: a site id beyond what the portal can have is a usage error', async () => {
    const add = await cli(['portal', 'add', '--name', 'checked', '--ca', emu.caCertPath, '--data-dir', dir], {
      env: { B24DESK_WEBHOOK: emu.portals[0].webhookUrl }
    })
    expect(add.code, add.stderr).toBe(0)
    const out = await cli([
      'pages',
      '--portal',
      'checked',
      '--site',
      '99999999999999999999',
      '--data-dir',
      dir
    ])
    expect(out.code).toBe(2)
    // Beyond the safe range it is not an id at all, refused before the portal is asked.
    expect(out.stderr).toMatch(/--site must be a positive whole number/)
    expect(out.stdout).toBe('')
    // A good id still lists.
    const site = emu.portals[0].control.state().sites.find((s) => !s.deleted && s.type === 'PAGE')!
    const ok = await cli([
      'pages',
      '--portal',
      'checked',
      '--site',
      String(site.id),
      '--json',
      '--data-dir',
      dir
    ])
    expect(ok.code, ok.stderr).toBe(0)
    const rows = (JSON.parse(ok.stdout) as { rows: Array<{ siteId: number }> }).rows
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r.siteId === site.id)).toBe(true)
  })

  it('says the same in Russian', async () => {
    const out = await cli(
      ['portal', 'add', '--name', 'ru', '--color', 'red', '--data-dir', join(dir, 'ru-never-created')],
      { env: { B24DESK_WEBHOOK: emu.portals[0].webhookUrl, B24DESK_LANG: 'ru' } }
    )
    expect(out.code).toBe(2)
    expect(out.stderr).toMatch(/недопустимое значение --color: /)
  })
})
