import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/index.ts'
import { createKeychainStore } from '../../main/services/portals'
import { runCli } from '../run'

const keychainService = `B24 Desk outbox cli test ${randomBytes(4).toString('hex')}`

const cli = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (d: Buffer) => (out += d.toString()))
  stderr.on('data', (d: Buffer) => (err += d.toString()))
  const code = await runCli(args, { stdout, stderr, env: { B24DESK_LANG: 'en' } }, { secretStore: createKeychainStore(keychainService) })
  return { code, stdout: out, stderr: err }
}

describe('outbox commands', () => {
  let emu: Emulator
  let dir: string
  beforeAll(async () => {
    emu = await startEmulator({ portals: [{ name: 'small', seed: 'demo' }], realDelayFactor: 0 })
    dir = mkdtempSync(join(tmpdir(), 'b24desk-outbox-cli-'))
    const added = await cli(['portal', 'add', '--name', 'small', '--webhook', emu.portals[0].webhookUrl, '--ca', emu.caCertPath, '--data-dir', dir])
    expect(added.code, added.stderr).toBe(0)
  }, 60_000)
  afterAll(async () => {
    await cli(['portal', 'remove', 'small', '--data-dir', dir]).catch(() => undefined)
    await emu.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('queues publications and public links, shows the queue, and drains it with run', async () => {
    const pub = await cli(['publish', 'page', '--portal', 'small', '14', '6', '--data-dir', dir])
    expect(pub.code, pub.stderr).toBe(0)
    expect(pub.stdout.trim()).toMatch(/^\d+$/)
    const link = await cli(['link', 'on', '--portal', 'small', '2', '--data-dir', dir, '--json'])
    expect(JSON.parse(link.stdout)).toMatchObject({ total: 1 })
    const queue = await cli(['queue', '--json', '--data-dir', dir])
    const snap = JSON.parse(queue.stdout) as { lanes: Array<{ counts: { queued: number } }>; jobs: unknown[] }
    expect(snap.lanes[0].counts.queued).toBe(3)
    expect(snap.jobs).toHaveLength(2)

    const run = await cli(['run', '--wait', '5', '--data-dir', dir])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/Outbox empty: 3 done, 0 failed/)
    const state = emu.portals[0].control.state()
    expect(state.pages.find((p) => p.id === 14)?.active).toBe(true)
    expect(state.pages.find((p) => p.id === 6)?.active).toBe(true)
    expect(state.documents.find((d) => d.id === 2)?.publicUrl).toMatch(/^https:/)
  }, 60_000)

  it('run exits non-zero when what is left cannot proceed', async () => {
    expect((await cli(['unpublish', 'page', '--portal', 'small', '14', '--data-dir', dir])).code).toBe(0)
    await emu.portals[0].control.goOffline()
    try {
      const run = await cli(['run', '--wait', '1', '--data-dir', dir])
      expect(run.code).not.toBe(0)
      expect(run.stderr).toMatch(/cannot proceed/)
    } finally {
      await emu.portals[0].control.goOnline()
    }
    const run = await cli(['run', '--wait', '5', '--data-dir', dir])
    expect(run.code, run.stderr).toBe(0)
    expect(emu.portals[0].control.state().pages.find((p) => p.id === 14)?.active).toBe(false)
  }, 60_000)

  it('refuses bad input with a usage error', async () => {
    expect((await cli(['publish', 'widget', '--portal', 'small', '1', '--data-dir', dir])).code).toBe(2)
    expect((await cli(['link', 'on', '--portal', 'small', 'x', '--data-dir', dir])).code).toBe(2)
  })
})
