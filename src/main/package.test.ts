import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractAll, extractFile, listPackage } from '@electron/asar'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { createRequire } from 'node:module'
import { POLICY_FILE, parsePolicy, policyFileCandidates } from './services/updates/policy'

/**
 * Packs the unpacked Linux app the way `npm run dist -- --dir` does, against a stand-in Electron
 * (this machine cannot download Electron), and checks what an administrator would install.
 */
const ROOT = resolve(__dirname, '../..')
const OUT = join(ROOT, 'out')
const ON = 49
const OFF = 48

// @electron/fuses finds the wire after this sentinel (node_modules/@electron/fuses/dist/constants.js).
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
// Electron's own defaults, in wire order: RunAsNode on, CookieEncryption off, NODE_OPTIONS on,
// --inspect on, asar integrity off, only-asar off, browser V8 snapshot off, file:// privileges on,
// wasm trap handlers on.
const ELECTRON_DEFAULT_WIRE = [ON, OFF, ON, ON, OFF, OFF, OFF, ON, ON]

const npmRun = (args: string[], env: NodeJS.ProcessEnv = process.env) => {
  const npm = process.env.npm_execpath
  return npm
    ? spawnSync(process.execPath, [npm, 'run', ...args], { cwd: ROOT, env, encoding: 'utf8' })
    : spawnSync('npm', ['run', ...args], { cwd: ROOT, env, encoding: 'utf8' })
}

const work = mkdtempSync(join(tmpdir(), 'b24-package-'))
const standIn = join(work, 'electron-dist')
const output = join(work, 'dist')
const appDir = join(output, 'linux-unpacked')
const asar = join(appDir, 'resources', 'app.asar')
let packLog = ''
let files: string[] = []

/** A folder shaped like Electron's Linux zip: the `electron` binary (with a fuse wire), resources/, LICENSE. */
const makeStandInElectron = (dir: string) => {
  mkdirSync(join(dir, 'resources'), { recursive: true })
  const wire = Buffer.from([1, ELECTRON_DEFAULT_WIRE.length, ...ELECTRON_DEFAULT_WIRE])
  const binary = join(dir, 'electron')
  writeFileSync(
    binary,
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stand-in Electron"\n'),
      Buffer.alloc(4096),
      Buffer.from(FUSE_SENTINEL),
      wire,
      Buffer.alloc(4096)
    ])
  )
  chmodSync(binary, 0o755)
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron license\n')
  writeFileSync(join(dir, 'version'), '45.4.1')
}

beforeAll(async () => {
  if (!existsSync(join(OUT, 'main', 'index.js')) || !existsSync(join(OUT, 'renderer', 'index.html'))) {
    const build = npmRun(['build'])
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`)
  }
  makeStandInElectron(standIn)
  expect(Object.values(await wireOf(join(standIn, 'electron')))).toEqual(ELECTRON_DEFAULT_WIRE)

  // electron-builder stays silent under Vitest; its log is what shows where Electron came from.
  const { VITEST: _vitest, ...env } = process.env
  const pack = npmRun(['dist', '--', '--dir', '--skip-build', '--output', output], {
    ...env,
    B24DESK_ELECTRON_DIST: standIn,
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    // Any download attempt goes to a closed loopback port and fails the pack instead of reaching out.
    ELECTRON_GET_USE_PROXY: '1',
    GLOBAL_AGENT_HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: ''
  })
  packLog = `${pack.stdout}\n${pack.stderr}`
  if (pack.status !== 0) throw new Error(`npm run dist -- --dir failed:\n${packLog}`)
  files = listPackage(asar, { isPack: false }).map((f) => f.replace(/\\/g, '/'))
}, 300_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

const wireOf = async (binary: string) => {
  const { version, ...fuses } = await getCurrentFuseWire(binary)
  expect(version).toBe('1')
  return fuses as Record<string, number>
}

const lockPackages = () =>
  (
    JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; devOptional?: boolean }>
    }
  ).packages

/** Top-level package folders inside the archive, as package-lock keys (`node_modules/x`). */
const packagedModules = () => {
  const dirs = new Set<string>()
  for (const f of files) {
    const m =
      /^\/((?:node_modules\/(?:@[^/]+\/)?[^/]+\/)*node_modules\/(?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(f)
    if (m) dirs.add(m[1])
  }
  return [...dirs].sort()
}

describe('the packaged app (npm run dist -- --dir)', () => {
  it('packs from the stand-in Electron without downloading anything', () => {
    expect(packLog).toMatch(/using custom unpacked Electron distribution/)
    expect(packLog).not.toMatch(/\bdownloading\b/i)
    expect(existsSync(join(appDir, 'b24-desk'))).toBe(true)
  })

  it('app.asar holds the built main, preload and renderer and package.json, not the sources', () => {
    for (const f of [
      '/out/main/index.js',
      '/out/preload/index.js',
      '/out/renderer/index.html',
      '/package.json'
    ]) {
      expect(files).toContain(f)
    }
    expect(
      files.filter((f) => f.startsWith('/out/')).some((f) => f.startsWith('/out/renderer/assets/'))
    ).toBe(true)
    // Nothing but the built output and dependencies at the top: no src/, e2e/, scripts/, build/...
    expect([...new Set(files.map((f) => f.split('/')[1]))].sort()).toEqual([
      'node_modules',
      'out',
      'package.json'
    ])
    expect(files.filter((f) => f.startsWith('/out/cli'))).toEqual([])

    const manifest = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as Record<string, unknown>
    expect(manifest.main).toBe('./out/main/index.js')
    expect(manifest.devDependencies).toBeUndefined()
    expect(manifest.scripts).toBeUndefined()
  })

  it('holds no TypeScript, source maps or test files anywhere, dependencies included', () => {
    expect(files.filter((f) => /\.(ts|mts|cts|tsx|map)$/.test(f))).toEqual([])
    expect(files.filter((f) => /\.(test|spec)\.[cm]?js$/.test(f))).toEqual([])
    expect(files.filter((f) => /\/(test|tests|__tests__)\//.test(f))).toEqual([])
  })

  it('holds production dependencies only', () => {
    const lock = lockPackages()
    const modules = packagedModules()
    // electron-builder re-hoists the production tree: a nested production copy (electron-updater's
    // builder-util-runtime) may sit where the lock has a development one. Compare name and version.
    const production = new Set(
      Object.entries(lock)
        .filter(([, p]) => !p.dev && !p.devOptional)
        .map(([path, p]) => `${path.split('node_modules/').at(-1)}@${(p as { version?: string }).version}`)
    )
    const packaged = (m: string) => {
      const meta = JSON.parse(extractFile(asar, `${m}/package.json`).toString('utf8')) as {
        name: string
        version: string
      }
      return `${meta.name}@${meta.version}`
    }
    const devOnly = modules.filter((m) => !production.has(packaged(m)))
    const unknown = modules.filter((m) => !lock[m] && !production.has(packaged(m)))
    expect(devOnly).toEqual([])
    expect(unknown).toEqual([])
    for (const gone of [
      'react',
      'vitest',
      'electron',
      'typescript',
      'electron-builder',
      'prebuild-install'
    ]) {
      expect(modules).not.toContain(`node_modules/${gone}`)
    }
    for (const needed of ['@bitrix24/b24jssdk', 'electron-updater', 'keytar', 'selfsigned', 'zod']) {
      expect(modules).toContain(`node_modules/${needed}`)
    }
  })

  it("unpacks keytar's native module next to the archive", () => {
    const native = join(
      appDir,
      'resources',
      'app.asar.unpacked',
      'node_modules',
      'keytar',
      'build',
      'Release'
    )
    expect(existsSync(join(native, 'keytar.node'))).toBe(true)
    expect(existsSync(join(native, 'obj.target'))).toBe(false)
  })

  it('main finds every module it loads at run time inside the package', () => {
    // Extract the archive (unpacked files included) and load main's external modules from out/main,
    // as Electron's main process would: a dependency left out of the package fails here.
    const extracted = join(work, 'extracted')
    extractAll(asar, extracted)
    const bundles = files
      .filter((f) => f.startsWith('/out/main/') && f.endsWith('.js'))
      .map((f) => readFileSync(join(extracted, f), 'utf8'))
    const external = new Set<string>()
    for (const code of bundles) {
      for (const m of code.matchAll(/\b(?:require|import)\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
        if (!m[1].startsWith('node:') && m[1] !== 'electron') external.add(m[1])
      }
    }
    expect([...external].sort()).toEqual([
      '@bitrix24/b24jssdk',
      'electron-updater',
      'keytar',
      'selfsigned',
      'zod'
    ])
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        `const { createRequire } = require('node:module');
         const req = createRequire(${JSON.stringify(join(extracted, 'out', 'main', 'index.js'))});
         for (const m of ${JSON.stringify([...external])}) {
           const path = req.resolve(m);
           if (!path.startsWith(${JSON.stringify(extracted)})) throw new Error(m + ' resolved outside the package: ' + path);
           req(m);
         }
         console.log('loaded');`
      ],
      { cwd: work, encoding: 'utf8' }
    )
    expect(probe.stderr).toBe('')
    expect(probe.stdout.trim()).toBe('loaded')
  })

  it('has its fuses flipped as the security checklist asks', async () => {
    const wire = await wireOf(join(appDir, 'b24-desk'))
    expect({
      RunAsNode: wire[FuseV1Options.RunAsNode],
      EnableNodeOptionsEnvironmentVariable: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      EnableNodeCliInspectArguments: wire[FuseV1Options.EnableNodeCliInspectArguments],
      EnableEmbeddedAsarIntegrityValidation: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      OnlyLoadAppFromAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      EnableCookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      GrantFileProtocolExtraPrivileges: wire[FuseV1Options.GrantFileProtocolExtraPrivileges]
    }).toEqual({
      RunAsNode: OFF,
      EnableNodeOptionsEnvironmentVariable: OFF,
      EnableNodeCliInspectArguments: OFF,
      EnableEmbeddedAsarIntegrityValidation: ON,
      OnlyLoadAppFromAsar: ON,
      EnableCookieEncryption: ON,
      GrantFileProtocolExtraPrivileges: OFF
    })
    // The fuses the app does not set keep Electron's defaults.
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(OFF)
    expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(ON)
  })

  it('carries the update feed, the b24desk:// protocol and the policy file location', () => {
    // electron-updater reads resources/app-update.yml: a generic HTTPS feed.
    const updateYml = readFileSync(join(appDir, 'resources', 'app-update.yml'), 'utf8')
    expect(updateYml).toMatch(/^provider: generic$/m)
    expect(updateYml).toMatch(/^url: https:\/\/\S+$/m)
    expect(updateYml).toMatch(/^updaterCacheDirName: \S+$/m)

    // The installers register b24desk:// (Info.plist, the NSIS registry, the Linux .desktop entry).
    const config = createRequire(__filename)(join(ROOT, 'electron-builder.cjs')) as {
      protocols: Array<{ schemes: string[] }>
      linux: { mimeTypes: string[] }
      publish: Array<{ provider: string; url: string }>
    }
    expect(config.protocols.flatMap((p) => p.schemes)).toEqual(['b24desk'])
    expect(config.linux.mimeTypes).toContain('x-scheme-handler/b24desk')
    expect(updateYml).toContain(`url: ${config.publish[0].url}`)

    // Next to the executable: the documented example, and the place the app looks for the policy.
    const example = join(appDir, 'b24desk-policy.example.yml')
    expect(existsSync(example)).toBe(true)
    expect(parsePolicy(readFileSync(example, 'utf8'))).toEqual({ update: 'auto' })
    expect(policyFileCandidates({ platform: 'linux', execPath: join(appDir, 'b24-desk'), env: {} })).toEqual([
      `/etc/b24desk/${POLICY_FILE}`,
      join(appDir, POLICY_FILE)
    ])
    // The tray icon and the README Help opens.
    expect(existsSync(join(appDir, 'resources', 'icon.png'))).toBe(true)
    expect(existsSync(join(appDir, 'resources', 'README.md'))).toBe(true)
  })
})
