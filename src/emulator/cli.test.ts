import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
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
