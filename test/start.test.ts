import { execFile } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
// @ts-expect-error: a plain ES module of the build scripts, without type declarations
import { ensureElectron, platformPath } from '../scripts/electron-binary.mjs'

const run = promisify(execFile)
const ROOT = resolve(__dirname, '..')
const VERSION = '45.4.1'
const EXE = platformPath(process.platform) as string

/**
 * A stand-in for node_modules/electron: the same files the real package has where `npm start` looks
 * (package.json, path.txt, dist/version, dist/<executable>) and an install.js that behaves as the
 * real installer does when told to by STANDIN_INSTALL: `ok` unpacks a binary and writes path.txt,
 * anything else prints that error the way @electron/get reports it and exits 1.
 */
const standIn = (dir: string) => {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: VERSION }))
  writeFileSync(
    join(dir, 'install.js'),
    `const fs = require('fs'), path = require('path');
fs.appendFileSync(path.join(__dirname, 'installer-runs'), 'x');
const mode = process.env.STANDIN_INSTALL;
if (mode === 'ok') {
  fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'dist', ${JSON.stringify(EXE)}), '#!/bin/sh\\n', { mode: 0o755 });
  fs.writeFileSync(path.join(__dirname, 'dist', 'version'), 'v${VERSION}');
  fs.writeFileSync(path.join(__dirname, 'path.txt'), ${JSON.stringify(EXE)});
  process.exit(0);
}
console.error(mode);
process.exit(1);
`
  )
}

const installBinary = (dir: string, version = VERSION) => {
  mkdirSync(join(dir, 'dist'), { recursive: true })
  writeFileSync(join(dir, 'dist', EXE), '#!/bin/sh\n')
  chmodSync(join(dir, 'dist', EXE), 0o755)
  writeFileSync(join(dir, 'dist', 'version'), `v${version}`)
  writeFileSync(join(dir, 'path.txt'), EXE)
}

let dir: string
const installerRuns = () => {
  try {
    return readFileSync(join(dir, 'installer-runs'), 'utf8').length
  } catch {
    return 0
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'b24desk-electron-standin-'))
  standIn(dir)
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const ensure = (env: Record<string, string>) =>
  ensureElectron({ electronDir: dir, echo: false, env: { PATH: process.env.PATH ?? '', ...env } }) as Promise<
    { ok: true; execPath: string; installed: boolean } | { ok: false; message: string }
  >

describe('npm start: finding Electron before electron-vite', () => {
  it('uses an installed binary and runs no installer', async () => {
    installBinary(dir)
    await expect(ensure({ STANDIN_INSTALL: 'should not run' })).resolves.toEqual({
      ok: true,
      execPath: join(dir, 'dist', EXE),
      installed: false
    })
    expect(installerRuns()).toBe(0)
  })

  it("runs the Electron package's own installer when the binary is missing, then uses what it unpacked", async () => {
    await expect(ensure({ STANDIN_INSTALL: 'ok' })).resolves.toEqual({
      ok: true,
      execPath: join(dir, 'dist', EXE),
      installed: true
    })
    expect(installerRuns()).toBe(1)
  })

  it('installs again when the binary on disk is of another Electron version', async () => {
    installBinary(dir, '44.0.0')
    const result = await ensure({ STANDIN_INSTALL: 'ok' })
    expect(result.ok).toBe(true)
    expect(installerRuns()).toBe(1)
  })

  it('takes ELECTRON_OVERRIDE_DIST_PATH without downloading, and says so when it holds no Electron', async () => {
    const unpacked = mkdtempSync(join(tmpdir(), 'b24desk-electron-unpacked-'))
    try {
      const empty = await ensure({ ELECTRON_OVERRIDE_DIST_PATH: unpacked, STANDIN_INSTALL: 'should not run' })
      expect(empty.ok).toBe(false)
      if (!empty.ok) {
        expect(empty.message).toContain(
          `ELECTRON_OVERRIDE_DIST_PATH is set, but there is no Electron executable at`
        )
        expect(empty.message).toContain(join(unpacked, EXE))
      }
      mkdirSync(join(unpacked, EXE, '..'), { recursive: true })
      writeFileSync(join(unpacked, EXE), '')
      await expect(ensure({ ELECTRON_OVERRIDE_DIST_PATH: unpacked })).resolves.toEqual({
        ok: true,
        execPath: join(unpacked, EXE),
        installed: false
      })
      expect(installerRuns()).toBe(0)
    } finally {
      rmSync(unpacked, { recursive: true, force: true })
    }
  })

  const failures: Array<[string, string, RegExp[]]> = [
    [
      'no network',
      'RequestError: getaddrinfo ENOTFOUND github.com',
      [/cannot look up the download host/, /ELECTRON_MIRROR/]
    ],
    [
      'a proxy in the way',
      'RequestError: connect ETIMEDOUT 140.82.121.4:443',
      [/refused or timed out/, /ELECTRON_GET_USE_PROXY=1/, /GLOBAL_AGENT_HTTPS_PROXY/]
    ],
    [
      'a proxy that wants a login',
      'HTTPError: Response code 407 (Proxy Authentication Required)',
      [/credentials/]
    ],
    [
      'an inspecting proxy',
      'RequestError: self-signed certificate in certificate chain',
      [/not trusted/, /NODE_EXTRA_CA_CERTS/]
    ]
  ]
  for (const [name, printed, expected] of failures) {
    it(`says why and what to do when the installer fails: ${name}`, async () => {
      const result = await ensure({ STANDIN_INSTALL: printed })
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.message).toContain(`Electron ${VERSION}'s binary is not installed`)
      for (const re of expected) expect(result.message).toMatch(re)
      // The two ways that need no download are always offered.
      expect(result.message).toContain('ELECTRON_OVERRIDE_DIST_PATH=')
      expect(result.message).toContain('npm run start:browser')
    })
  }

  it("probes the download host when the installer only says 'fetch failed', and says what the probe found", async () => {
    const probed: string[] = []
    const withProbe = (answer: string) =>
      ensureElectron({
        electronDir: dir,
        echo: false,
        env: { PATH: process.env.PATH ?? '', STANDIN_INSTALL: 'TypeError: fetch failed' },
        probe: async () => {
          probed.push(answer)
          return answer
        }
      }) as Promise<{ ok: boolean; message: string }>
    expect((await withProbe('ENOTFOUND')).message).toMatch(/cannot look up the download host/)
    expect((await withProbe('ECONNREFUSED')).message).toMatch(
      /refused or timed out.*\n.*ELECTRON_GET_USE_PROXY=1/
    )
    expect((await withProbe('ok')).message).toMatch(/did not get through/)
    expect(probed).toEqual(['ENOTFOUND', 'ECONNREFUSED', 'ok'])
    // A failure the installer explains itself needs no probe.
    await ensure({ STANDIN_INSTALL: 'RequestError: getaddrinfo ENOTFOUND github.com' })
    expect(probed).toHaveLength(3)
  })

  it('names the mirror that lacks this version', async () => {
    const result = await ensure({
      STANDIN_INSTALL: 'HTTPError: Response code 404 (Not Found)',
      ELECTRON_MIRROR: 'https://mirror.example.test/electron/'
    })
    expect(result.ok).toBe(false)
    if (!result.ok)
      expect(result.message).toContain(
        `the mirror https://mirror.example.test/electron/ has no Electron ${VERSION}`
      )
  })
})

describe('npm start as a command', () => {
  const start = (env: Record<string, string>) =>
    run(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--flag-for-vite'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', B24DESK_ELECTRON_PACKAGE: dir, ...env }
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        stdout: e.stdout,
        stderr: e.stderr
      })
    )

  it('exits 1 with the reason and the ways forward when no binary can be had', async () => {
    const r = await start({ STANDIN_INSTALL: 'RequestError: getaddrinfo EAI_AGAIN github.com' })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('B24 Desk cannot start')
    expect(r.stderr).toContain('npm run start:browser')
    expect(r.stderr).not.toContain('Electron uninstall')
  })

  it('hands electron-vite the binary it installed, with the arguments given', async () => {
    const vite = join(dir, 'electron-vite-stand-in.mjs')
    writeFileSync(
      vite,
      'console.log(JSON.stringify({ exec: process.env.ELECTRON_EXEC_PATH, argv: process.argv.slice(2) }))'
    )
    const r = await start({ STANDIN_INSTALL: 'ok', B24DESK_ELECTRON_VITE: vite })
    expect(r.code).toBe(0)
    const last = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { exec: string; argv: string[] }
    expect(last).toEqual({ exec: join(dir, 'dist', EXE), argv: ['dev', '--flag-for-vite'] })
  })
})
