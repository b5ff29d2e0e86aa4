import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
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
    emu = await startEmulator({ portals: 1, seed: 'demo', realDelayFactor: 0 })
    dir = mkdtempSync(join(tmpdir(), 'b24desk-portal-cli-'))
  }, 60_000)
  afterAll(async () => {
    for (const name of ['piped', 'from env', 'app']) await cli(['portal', 'remove', name, '--data-dir', dir])
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

  it('takes the webhook URL from B24DESK_WEBHOOK when --webhook is left out', async () => {
    const p = emu.portals[0]
    const out = await cli(
      ['portal', 'add', '--name', 'from env', '--ca', emu.caCertPath, '--data-dir', dir],
      {
        env: { B24DESK_WEBHOOK: p.webhookUrl }
      }
    )
    expect(out.code, out.stderr).toBe(0)
    expect(await stored('from env')).toContain(p.webhook.code)
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
