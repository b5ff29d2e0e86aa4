/** A command-line test's portal: the emulated "acme" (demo seed), added by its webhook to a fresh data folder, gone after. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/index.ts'
import type { CliOutcome } from './in-process'

type Cli = (args: string[], env?: NodeJS.ProcessEnv) => Promise<CliOutcome>

export interface AcmePortal {
  readonly emu: Emulator
  readonly dir: string
  /** `--data-dir DIR`, to end a command's arguments with. */
  d(): string[]
}

/** Registers the suite's beforeAll/afterAll: the portal is there for every test of the suite. */
export const acmePortal = (cli: Cli, name: string): AcmePortal => {
  let emu: Emulator | undefined
  let dir = ''
  const d = () => ['--data-dir', dir]
  beforeAll(async () => {
    emu = await startEmulator({ portals: [{ name: 'acme', seed: 'demo' }], realDelayFactor: 0 })
    dir = mkdtempSync(join(tmpdir(), `b24desk-${name}-cli-`))
    const added = await cli([
      'portal',
      'add',
      '--name',
      'acme',
      '--webhook',
      emu.portals[0].webhookUrl,
      '--ca',
      emu.caCertPath,
      ...d()
    ])
    expect(added.code, added.stderr).toBe(0)
  }, 60_000)
  afterAll(async () => {
    // The portal's secret leaves the keychain with it.
    await cli(['portal', 'remove', 'acme', '--yes', ...d()]).catch(() => undefined)
    await emu?.stop()
    rmSync(dir, { recursive: true, force: true })
  })
  return {
    get emu() {
      if (!emu) throw new Error('the acme portal starts in beforeAll')
      return emu
    },
    get dir() {
      return dir
    },
    d
  }
}
