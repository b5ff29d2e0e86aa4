import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/index.ts'
import { readTarGz } from '../../main/services/desktop/tar'
import { inProcessCli } from '../testing/in-process'

const cli = inProcessCli('diagnostics')

describe('b24desk diagnostics --out FILE', () => {
  let emu: Emulator
  let dir: string
  beforeAll(async () => {
    emu = await startEmulator({ portals: 1, seed: 'demo', realDelayFactor: 0 })
    dir = mkdtempSync(join(tmpdir(), 'b24desk-diag-'))
  }, 60_000)
  afterAll(async () => {
    await cli(['portal', 'remove', 'acme', '--data-dir', dir])
    await emu.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('saves one archive with versions, settings, outbox counts and the last log lines, and no secret', async () => {
    const p = emu.portals[0]
    const added = await cli(
      [
        'portal',
        'add',
        '--name',
        'acme',
        '--webhook',
        p.webhookUrl,
        '--ca',
        emu.caCertPath,
        '--data-dir',
        dir
      ],
      { B24DESK_LANG: 'en' }
    )
    expect(added.code, added.stderr).toBe(0)
    // A log as the app would write it, with secrets that slipped into lines before redaction.
    const token = 'tok3n-f0r-t3st-0nly-9f8e7d'
    mkdirSync(join(dir, 'logs'), { recursive: true })
    writeFileSync(
      join(dir, 'logs', 'main.log'),
      [
        ...Array.from({ length: 700 }, (_, i) => `2026-12-07T21:00:00.000Z info line ${i}`),
        `2026-12-07T21:00:01.000Z warn retry ${p.webhookUrl}landing.site.getList`,
        `2026-12-07T21:00:02.000Z error refresh failed {"access_token":"${token}","refresh_token":"${token}"}`,
        `2026-12-07T21:00:03.000Z info GET https://acme.example/rest/1/${p.webhook.code}/profile?auth=${token}`,
        '2026-12-07T21:00:04.000Z info the last line'
      ].join('\n') + '\n'
    )
    const file = join(dir, 'support.tar.gz')
    const out = await cli(['diagnostics', '--out', file, '--data-dir', dir])
    expect(out.code, out.stderr).toBe(0)
    expect(out.stdout).toBe(`Saved diagnostics to ${file}\n`)
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)

    const archive = readFileSync(file)
    const entries = Object.fromEntries(readTarGz(archive).map((e) => [e.name, e.content.toString('utf8')]))
    expect(Object.keys(entries).sort()).toEqual([
      'about.json',
      'crash-dumps.json',
      'log.txt',
      'outbox.json',
      'portals.json',
      'settings.json'
    ])
    const about = JSON.parse(entries['about.json']) as Record<string, unknown>
    expect(about).toMatchObject({ platform: process.platform, arch: process.arch })
    expect((about.versions as Record<string, string>).node).toBe(process.versions.node)
    expect(JSON.parse(entries['settings.json'])).toMatchObject({
      onClose: 'tray',
      updates: 'auto',
      // The command line has no updater: its state says off.
      updateState: { status: 'off', lockedBy: null }
    })
    expect(JSON.parse(entries['outbox.json'])).toMatchObject({ jobs: 0, unfinishedJobs: 0 })
    expect(JSON.parse(entries['portals.json'])).toEqual([expect.objectContaining({ authKind: 'webhook' })])
    const log = entries['log.txt'].trimEnd().split('\n')
    expect(log).toHaveLength(500)
    expect(log.at(-1)).toMatch(/the last line$/)

    // The whole archive, compressed and not: no webhook code, no token anywhere.
    const everything = Object.values(entries).join('\n')
    for (const secret of [p.webhook.code, token]) {
      expect(everything).not.toContain(secret)
      expect(archive.includes(Buffer.from(secret))).toBe(false)
    }
    expect(everything).toContain('/rest/1/***')
  })

  it('explains itself in help', async () => {
    const out = await cli(['diagnostics', '--help'])
    expect(out.code).toBe(0)
    expect(out.stdout).toMatch(/Nothing is sent anywhere/)
  })
})
