import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { controlRequest, rawRequest } from './testing/client.ts'

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url))
const start = (args: string[]) =>
  spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe']
  })

it('prints one ready line with the control token, takes the behaviour flags, and exits 0 on SIGTERM', async () => {
  const child = start([
    '--port',
    '0',
    '--portals',
    '2',
    '--seed',
    'empty',
    '--sticky-scope',
    'off',
    '--site-publication',
    'docs',
    '--site-unpublication',
    'docs',
    '--date-format',
    'ru',
    '--concurrency',
    '3',
    '--overload-above',
    '8',
    '--overload-ms',
    '250'
  ])
  let out = ''
  child.stdout.setEncoding('utf8')
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: string) => {
      out += d
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')))
    })
    child.once('exit', (code) => reject(new Error(`exited ${code}`)))
  })
  const ready = JSON.parse(line) as {
    event: string
    caCertPath: string
    controlUrl: string
    controlToken: string
    portals: Array<{ name: string; webhookUrl: string; controlUrl: string }>
  }
  expect(ready.event).toBe('ready')
  expect(ready.portals.map((p) => p.name)).toEqual(['portal-1', 'portal-2'])
  const res = await rawRequest(`${ready.portals[1].webhookUrl}scope`, {
    ca: readFileSync(ready.caCertPath, 'utf8')
  })
  expect(res.json().result).toEqual(['landing', 'crm', 'user'])

  expect((await rawRequest(`${ready.portals[1].controlUrl}conditions`)).status).toBe(401)
  const conditions = await controlRequest(`${ready.portals[1].controlUrl}conditions`, ready.controlToken)
  expect(conditions.status).toBe(200)
  expect(conditions.json()).toMatchObject({
    stickyScope: false,
    sitePublication: 'docs',
    siteUnpublication: 'docs',
    dateFormat: 'ru',
    concurrency: 3,
    overloadAbove: 8,
    overloadMs: 250
  })

  child.kill('SIGTERM')
  const [code] = await once(child, 'exit')
  expect(code).toBe(0)
  expect(out.trim().split('\n')).toHaveLength(1)
})

it.each([
  [['--date-format', 'iso'], /--date-format must be us or ru or eu-slash/],
  [['--sticky-scope', 'yes'], /--sticky-scope must be on or off/],
  [['--concurrency', '0'], /--concurrency must be an integer of at least 1/]
])('refuses %j with exit code 2 and says why', async (args, message) => {
  const child = start(['--seed', 'empty', ...args])
  let err = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (d: string) => (err += d))
  const [code] = await once(child, 'exit')
  expect(code).toBe(2)
  expect(err).toMatch(message)
})

/** Reads the ready line a started portal prints. */
const readyOf = (child: ReturnType<typeof start>) =>
  new Promise<{
    caCertPath: string
    controlToken: string
    portals: Array<{ webhookUrl: string; controlUrl: string }>
  }>((resolve, reject) => {
    let out = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (d: string) => {
      out += d
      if (out.includes('\n')) resolve(JSON.parse(out.slice(0, out.indexOf('\n'))))
    })
    child.once('exit', (code) => reject(new Error(`exited ${code}`)))
  })

it('prints its options for --help and -h, and names an unknown option without a stack trace', async () => {
  for (const flag of ['--help', '-h']) {
    const child = start([flag])
    let out = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (d: string) => (out += d))
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)
    expect(out).toMatch(/^Usage: npm run -s portal -- \[options\]/)
    for (const option of [
      '--portals',
      '--seed',
      '--plan',
      '--port',
      '--data-dir',
      '--plain-http',
      '--control-port'
    ])
      expect(out).toContain(option)
  }
  const bad = start(['--colour', 'red'])
  let err = ''
  bad.stderr.setEncoding('utf8')
  bad.stderr.on('data', (d: string) => (err += d))
  const [code] = await once(bad, 'exit')
  expect(code).toBe(2)
  expect(err).toMatch(/Unknown option '--colour'/)
  expect(err).not.toMatch(/\n\s+at /)
})

it('docs/cli.md lists every option --help prints', async () => {
  const child = start(['--help'])
  let out = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (d: string) => (out += d))
  await once(child, 'exit')
  const readme = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8')
  const options = [...new Set([...out.matchAll(/--[a-z-]+/g)].map((m) => m[0]))]
  expect(options.length).toBeGreaterThan(10)
  for (const option of options) expect(readme).toContain(`\`${option}`)
})

it('restarted with the same --data-dir, keeps its CA, webhook URL and data', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'b24-emulator-persist-'))
  try {
    const first = start(['--seed', 'demo', '--data-dir', dir])
    const one = await readyOf(first)
    const ca = readFileSync(one.caCertPath, 'utf8')
    const published = await rawRequest(`${one.portals[0].webhookUrl}landing.landing.publication`, {
      json: { lid: 14 },
      ca
    })
    expect(published.json().result).toBe(true)
    first.kill('SIGTERM')
    expect((await once(first, 'exit'))[0]).toBe(0)

    const second = start(['--seed', 'demo', '--data-dir', dir])
    const two = await readyOf(second)
    try {
      expect(two.portals[0].webhookUrl).toBe(one.portals[0].webhookUrl)
      expect(readFileSync(two.caCertPath, 'utf8')).toBe(ca)
      // The same credentials and the same CA work, and the page published before the restart still is.
      const page = await rawRequest(`${two.portals[0].webhookUrl}landing.landing.getList`, {
        json: { params: { filter: { ID: 14 } } },
        ca
      })
      expect(page.status).toBe(200)
      expect((page.json().result as Array<{ ACTIVE: string }>)[0].ACTIVE).toBe('Y')
    } finally {
      second.kill('SIGTERM')
      await once(second, 'exit')
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}, 60_000)
