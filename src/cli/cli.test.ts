import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../emulator/index.ts'
import { createKeychainStore } from '../main/services/portals'
import { runCli } from './run'

const ROOT = resolve(__dirname, '../..')
const CLI = join(ROOT, 'out', 'cli', 'index.js')
const keychainService = `B24 Desk cli test ${randomBytes(4).toString('hex')}`

interface Outcome {
  code: number
  stdout: string
  stderr: string
}

/** Runs the built command line as a user would, with the project's Node. */
const cli = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<Outcome> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, B24DESK_KEYCHAIN_SERVICE: keychainService, B24DESK_LANG: 'en', ...env }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', fail)
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }))
  })

/** Runs the command line in this process, capturing its output. */
const inProcess = async (args: string[]): Promise<Outcome> => {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (d: Buffer) => (out += d.toString()))
  stderr.on('data', (d: Buffer) => (err += d.toString()))
  const code = await runCli(
    args,
    { stdout, stderr, env: { B24DESK_LANG: 'en' } },
    { secretStore: createKeychainStore(keychainService) }
  )
  return { code, stdout: out, stderr: err }
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? filesUnder(p) : [readFileSync(p).toString('latin1')]
  })

let emu: Emulator
const dirs: string[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'b24desk-cli-'))
  dirs.push(d)
  return d
}

beforeAll(async () => {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], {
    cwd: ROOT,
    encoding: 'utf8'
  })
  if (build.status !== 0) throw new Error(`CLI build failed: ${build.stderr}`)
  emu = await startEmulator({
    portals: [
      { name: 'small', seed: 'demo' },
      { name: 'big', seed: 'large' }
    ]
  })
}, 120_000)

afterAll(async () => {
  await emu?.stop()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('the b24desk command line', () => {
  it('refuses to add a portal when no Secret Service is running, with a clear message, and writes nothing', async () => {
    const dataDir = tempDir()
    const small = emu.portal('small')
    const out = await cli(
      [
        'portal',
        'add',
        '--name',
        'Nope',
        '--webhook',
        small.webhookUrl,
        '--ca',
        emu.caCertPath,
        '--data-dir',
        dataDir
      ],
      {
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent'
      }
    )
    expect(out.code).not.toBe(0)
    expect(out.stderr).toMatch(/No OS keychain \(Secret Service\) is available/)
    expect(out.stdout).toBe('')
    expect(`${out.stdout}${out.stderr}`).not.toContain(small.webhook.code)
    // Nothing at all: no database, no caches, not even an empty file.
    expect(readdirSync(dataDir)).toEqual([])

    const list = await inProcess(['portal', 'list', '--json', '--data-dir', dataDir])
    expect(list.code).toBe(0)
    expect(JSON.parse(list.stdout)).toEqual([])
  })

  it('adds a portal, lists 10,000 pages and 5,000 documents of the large seed completely, and removes it', async () => {
    const dataDir = tempDir()
    const big = emu.portal('big')
    // The webhook comes from the environment: typed as an argument it would draw a warning on stderr.
    const add = await cli(
      ['portal', 'add', '--name', 'Big', '--ca', emu.caCertPath, '--json', '--data-dir', dataDir],
      { B24DESK_WEBHOOK: big.webhookUrl }
    )
    expect(add.stderr).toBe('')
    expect(add.code).toBe(0)
    const added = JSON.parse(add.stdout) as { portal: { name: string }; connection: { landing: boolean } }
    expect(added.portal.name).toBe('Big')
    expect(added.connection.landing).toBe(true)

    const state = big.control.state()
    const liveSites = new Map(
      state.sites.filter((s) => !s.deleted && s.type !== 'MAINPAGE').map((s) => [s.id, s])
    )
    const expectedPages = state.pages.filter((p) => !p.deleted && liveSites.has(p.siteId)).map((p) => p.id)
    expect(expectedPages.length).toBeGreaterThanOrEqual(10_000)

    const started = Date.now()
    const pages = await cli(['pages', '--portal', 'Big', '--json', '--data-dir', dataDir])
    const tookMs = Date.now() - started
    expect(pages.code).toBe(0)
    const listed = JSON.parse(pages.stdout) as { rows: Array<{ id: number }>; stale: Record<string, unknown> }
    expect(listed.stale).toEqual({})
    expect(listed.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(
      [...expectedPages].sort((a, b) => a - b)
    )
    // Generous: the point is seconds, not minutes.
    expect(tookMs).toBeLessThan(60_000)

    const docs = await cli(['docs', '--portal', 'Big', '--json', '--data-dir', dataDir])
    expect(docs.code).toBe(0)
    const docRows = (JSON.parse(docs.stdout) as { rows: Array<{ id: number }> }).rows
    expect(new Set(docRows.map((d) => d.id)).size).toBe(state.documents.length)

    // The cache answers without the portal.
    const offline = await inProcess([
      'pages',
      '--portal',
      'Big',
      '--offline',
      '--json',
      '--data-dir',
      dataDir
    ])
    expect((JSON.parse(offline.stdout) as { rows: unknown[] }).rows).toHaveLength(expectedPages.length)

    for (const content of filesUnder(dataDir)) expect(content).not.toContain(big.webhook.code)

    const removed = await cli(['portal', 'remove', 'Big', '--data-dir', dataDir])
    expect(removed.code).toBe(0)
    const after = await inProcess(['portal', 'list', '--json', '--data-dir', dataDir])
    expect(JSON.parse(after.stdout)).toEqual([])
  }, 120_000)

  it('lists sites and folders and checks a portal in human-readable form', async () => {
    const dataDir = tempDir()
    const small = emu.portal('small')
    expect(
      (
        await inProcess([
          'portal',
          'add',
          '--name',
          'Small',
          '--webhook',
          small.webhookUrl,
          '--ca',
          emu.caCertPath,
          '--data-dir',
          dataDir
        ])
      ).code
    ).toBe(0)

    const check = await inProcess(['portal', 'check', 'Small', '--data-dir', dataDir])
    expect(check.stdout).toMatch(/Small: online/)
    // The options every command takes may also come first, as many command lines allow.
    const first = await inProcess(['--data-dir', dataDir, '--json', 'portal', 'list'])
    expect(first.code).toBe(0)
    expect((JSON.parse(first.stdout) as Array<{ name: string }>).map((p) => p.name)).toEqual(['Small'])

    const sites = await inProcess(['sites', '--portal', 'Small', '--json', '--data-dir', dataDir])
    const siteRows = (
      JSON.parse(sites.stdout) as { rows: Array<{ id: number; scope: string; publicUrl: string | null }> }
    ).rows
    const expectedSites = small.control.state().sites.filter((s) => !s.deleted && s.type !== 'MAINPAGE')
    expect(siteRows.map((s) => s.id).sort()).toEqual(expectedSites.map((s) => s.id).sort())
    expect(new Set(siteRows.map((s) => s.scope))).toEqual(new Set(['', 'KNOWLEDGE', 'GROUP']))

    const sitesTable = await inProcess(['sites', '--portal', 'Small', '--data-dir', dataDir])
    expect(sitesTable.stdout).toMatch(/^ID\s+TITLE\s+TYPE\s+SCOPE\s+PUBLISHED\s+CODE\s+PUBLIC URL\n/)
    const kbSite = siteRows.find((s) => s.scope === 'KNOWLEDGE')!
    const kbLine = sitesTable.stdout.split('\n').find((l) => l.startsWith(`${kbSite.id} `)) ?? ''
    expect(kbLine).toMatch(/\sKNOWLEDGE\s/)
    const withUrl = siteRows.find((s) => s.publicUrl)
    expect(withUrl).toBeDefined()
    expect(sitesTable.stdout).toContain(withUrl!.publicUrl!.slice(0, 40))

    const kb = await inProcess([
      'sites',
      '--portal',
      'Small',
      '--scope',
      'KNOWLEDGE',
      '--json',
      '--data-dir',
      dataDir
    ])
    const kbRows = (JSON.parse(kb.stdout) as { rows: Array<{ scope: string }> }).rows
    expect(kbRows.every((s) => s.scope === 'KNOWLEDGE')).toBe(true)

    const withFolders = small.control.state().folders.find((f) => !f.deleted)
    if (withFolders) {
      const folders = await inProcess([
        'folders',
        '--portal',
        'Small',
        '--site',
        String(withFolders.siteId),
        '--json',
        '--data-dir',
        dataDir
      ])
      expect(folders.code).toBe(0)
      const ids = (JSON.parse(folders.stdout) as { rows: Array<{ id: number }> }).rows.map((f) => f.id)
      expect(ids).toContain(withFolders.id)
    }

    const table = await inProcess(['portal', 'list', '--data-dir', dataDir])
    expect(table.stdout).toMatch(/NAME\s+HOST/)
    expect(table.stdout).toContain('Small')

    await small.control.goOffline()
    try {
      // Sites were read a moment ago: the cached list is shown, and stderr says so, how old and why.
      const cached = await inProcess(['sites', '--portal', 'Small', '--data-dir', dataDir])
      expect(cached.code).toBe(0)
      expect(cached.stdout).toMatch(/^ID\s+TITLE/)
      expect(cached.stderr).toMatch(
        /portal “Small” could not be read: showing the list cached less than a minute ago, at \d{4}-\d\d-\d\d \d\d:\d\d \([+-]\d\d:\d\d\) \(.*(cannot be reached|did not answer|connection).*\)/i
      )
      const cachedJson = await inProcess(['sites', '--portal', 'Small', '--json', '--data-dir', dataDir])
      expect(cachedJson.code).toBe(0)
      const doc = JSON.parse(cachedJson.stdout) as {
        rows: unknown[]
        stale: Record<string, unknown>
        syncedAt: Record<string, string>
      }
      expect(doc.rows.length).toBe(siteRows.length)
      expect(Object.keys(doc.stale)).toHaveLength(1)

      // Pages were never read: nothing to show, so the command fails, with the reason.
      const stale = await inProcess(['pages', '--portal', 'Small', '--data-dir', dataDir])
      expect(stale.code).toBe(1)
      expect(stale.stderr).toMatch(/no list of it is cached yet/)
      expect(stale.stderr).toMatch(/cannot be reached|did not answer|connection/i)

      const check = await inProcess(['portal', 'check', 'Small', '--data-dir', dataDir])
      expect(check.code).toBe(1)
      expect(check.stdout).toMatch(/Small: unreachable — /)
    } finally {
      await small.control.goOnline()
    }
    expect((await inProcess(['portal', 'remove', 'Small', '--data-dir', dataDir])).code).toBe(0)
  }, 60_000)

  it('exports the portal list without secrets, imports it elsewhere, and takes new credentials there', async () => {
    const small = emu.portal('small')
    const code = /\/rest\/\d+\/([^/]+)\//.exec(small.webhookUrl)![1]
    const first = tempDir()
    const add = ['portal', 'add', '--name', 'Shop', '--webhook', small.webhookUrl, '--ca', emu.caCertPath]
    expect((await inProcess([...add, '--tags', 'clients', '--data-dir', first])).code).toBe(0)
    const file = join(tempDir(), 'portals.json')
    const exported = await inProcess(['portal', 'export', '--out', file, '--data-dir', first])
    expect(exported.code).toBe(0)
    const text = readFileSync(file, 'utf8')
    expect(text).not.toContain(code)
    expect(text).toContain('"Shop"')

    const second = tempDir()
    const imported = await inProcess(['portal', 'import', file, '--data-dir', second, '--json'])
    expect(imported.code).toBe(0)
    expect(
      (JSON.parse(imported.stdout) as Array<{ name: string; tags: string[] }>).map((p) => [p.name, p.tags])
    ).toEqual([['Shop', ['clients']]])
    const listed = await inProcess(['portal', 'list', '--json', '--data-dir', second])
    expect((JSON.parse(listed.stdout) as Array<{ health: { state: string } }>)[0].health.state).toBe(
      'auth_failed'
    )
    // The same name again is skipped, not doubled.
    expect((await inProcess(['portal', 'import', file, '--data-dir', second])).stdout).toMatch(
      /Nothing imported/
    )

    const bad = await inProcess([
      'portal',
      'credentials',
      'Shop',
      '--webhook',
      small.webhookUrl.replace(code, 'wrongcode123'),
      '--data-dir',
      second
    ])
    expect(bad.code).toBe(1)
    const good = await inProcess([
      'portal',
      'credentials',
      'Shop',
      '--webhook',
      small.webhookUrl,
      '--data-dir',
      second
    ])
    expect(good.code).toBe(0)
    expect(good.stdout).toMatch(/Stored new credentials for “Shop”.*online/)
    const sites = await inProcess(['sites', '--portal', 'Shop', '--json', '--data-dir', second])
    expect(sites.code).toBe(0)
    for (const dir of [first, second]) await inProcess(['portal', 'remove', 'Shop', '--data-dir', dir])
  }, 60_000)

  it('refuses to import a file that is not a portal list, and adds nothing', async () => {
    const dir = tempDir()
    const file = join(dir, 'not-a-list.json')
    writeFileSync(file, '{"hello": 1}')
    const r = await inProcess(['portal', 'import', file, '--data-dir', dir])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/not a B24 Desk portal list/)
    expect(JSON.parse((await inProcess(['portal', 'list', '--json', '--data-dir', dir])).stdout)).toEqual([])
  })

  it('answers bad usage with exit code 2 and a message', async () => {
    const unknown = await inProcess(['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/unknown command/)
    const missing = await inProcess(['portal', 'add', '--name', 'X', '--data-dir', tempDir()])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/--webhook/)
    const typo = await inProcess(['sites', '--portl', 'X'])
    expect(typo.code).toBe(2)
    expect(typo.stderr).toMatch(/unknown option --portl/)
    const malformed = await inProcess([
      'portal',
      'add',
      '--name',
      'X',
      '--webhook',
      'https://h.example/rest/x/s3cr3tcode99/',
      '--data-dir',
      tempDir()
    ])
    expect(malformed.code).toBe(1)
    expect(malformed.stderr).toMatch(/numeric id/)
    expect(malformed.stderr).not.toContain('s3cr3tcode99')
  })
})
