import { parseArgs } from 'node:util'
import { parseConditionsPatch } from './conditions.ts'
import { startEmulator } from './server.ts'
import type { Conditions, SeedName } from './types.ts'

const HELP = `Usage: npm run -s portal -- [options]

Starts emulated Bitrix24 portals on loopback (HTTPS with their own CA) and prints one JSON line:
their webhook URLs, OAuth tokens, the CA file, and the control URL and token.

Options:
  --portals N                  how many portals (1), named portal-1, portal-2, ...
  --seed demo|large|empty      their data (demo)
  --plan standard|enterprise   their plan's rate limits (standard)
  --port P                     the first portal's port, the next ones count up (any free port)
  --data-dir DIR               keep the CA, each portal's port, webhook code and data here: a portal
                               restarted with the same DIR accepts the same credentials
  --plain-http                 also serve plain HTTP (previews and public pages)
  --control-port P             the control API's port (any free port)
  --sticky-scope on|off        a batch's landing scope holds for later commands (on)
  --site-publication server|docs, --site-unpublication server|docs
                               what (un)publishing a site does to its pages (server)
  --date-format us|ru|eu-slash how landing dates are written (us)
  --concurrency N              requests served at once (unlimited)
  --overload-above N           a request finding N served or waiting gets HTTP 500 (never)
  --overload-ms MS             how long an overloaded request is held (1000)
  --public-site-limit N, --public-page-limit N
                               the plan's published sites and pages; one more answers
                               PUBLIC_SITE_REACHED / PUBLIC_PAGE_REACHED (none)
  --site-publication-failure partial|atomic
                               what a site publication stopped by a page error leaves (partial)
  --request-caches on|off      the landing module's per-request folder and site caches in a batch (on)
  --trash-in-unfiltered-list on|off
                               an unfiltered page list includes pages of trashed folders (on)
  --publication-without-right empty|access-denied
                               a page publication without the right (empty)
  --main-page-sites on|off     the portal has a Bitrix24 main page, scope MAINPAGE (off)
  --site-view-right on|off     off: landing.site.getList answers [] (on)
  -h, --help                   this help
`

function fail(message: string): never {
  process.stderr.write(`${message}\n(npm run -s portal -- --help lists the options)\n`)
  process.exit(2)
}

let values: Record<string, string | boolean | undefined>
try {
  values = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      portals: { type: 'string', default: '1' },
      seed: { type: 'string', default: 'demo' },
      plan: { type: 'string', default: 'standard' },
      'data-dir': { type: 'string' },
      'plain-http': { type: 'boolean', default: false },
      'control-port': { type: 'string', default: '0' },
      // Server behaviours where the landing code and the docs disagree, and capacity.
      'sticky-scope': { type: 'string' },
      'site-publication': { type: 'string' },
      'site-unpublication': { type: 'string' },
      'date-format': { type: 'string' },
      concurrency: { type: 'string' },
      'overload-above': { type: 'string' },
      'overload-ms': { type: 'string' },
      'public-site-limit': { type: 'string' },
      'public-page-limit': { type: 'string' },
      'site-publication-failure': { type: 'string' },
      'request-caches': { type: 'string' },
      'trash-in-unfiltered-list': { type: 'string' },
      'publication-without-right': { type: 'string' },
      'main-page-sites': { type: 'string' },
      'site-view-right': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false }
    }
  }).values
} catch (e) {
  // node:util names the option; its stack trace says nothing to a person.
  fail(e instanceof Error ? e.message.split('. To specify')[0] : String(e))
}

if (values.help) {
  process.stdout.write(HELP)
  process.exit(0)
}

const text = (name: string): string | undefined => {
  const v = values[name]
  return typeof v === 'string' ? v : undefined
}

const seed = values.seed
if (seed !== 'demo' && seed !== 'large' && seed !== 'empty') fail(`--seed must be demo, large or empty`)
const plan = values.plan
if (plan !== 'standard' && plan !== 'enterprise') fail(`--plan must be standard or enterprise`)
const port = Number(values.port)
const portals = Number(values.portals)
const controlPort = Number(values['control-port'])
if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be a port number')
if (!Number.isInteger(portals) || portals < 1) fail('--portals must be a positive integer')

function oneOf(flag: string, value: string | undefined, allowed: string[]): string | undefined {
  if (value === undefined) return undefined
  if (!allowed.includes(value)) fail(`--${flag} must be ${allowed.join(' or ')}`)
  return value
}

function count(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < min) fail(`--${flag} must be an integer of at least ${min}`)
  return n
}

const onOff = (flag: string): boolean | undefined => {
  const v = oneOf(flag, text(flag), ['on', 'off'])
  return v === undefined ? undefined : v === 'on'
}
const sticky = oneOf('sticky-scope', text('sticky-scope'), ['on', 'off'])
const requested: Record<string, unknown> = {
  stickyScope: sticky === undefined ? undefined : sticky === 'on',
  sitePublication: oneOf('site-publication', text('site-publication'), ['server', 'docs']),
  siteUnpublication: oneOf('site-unpublication', text('site-unpublication'), ['server', 'docs']),
  dateFormat: oneOf('date-format', text('date-format'), ['us', 'ru', 'eu-slash']),
  concurrency: count('concurrency', text('concurrency'), 1),
  overloadAbove: count('overload-above', text('overload-above'), 1),
  overloadMs: count('overload-ms', text('overload-ms'), 0),
  publicSiteLimit: count('public-site-limit', text('public-site-limit'), 0),
  publicPageLimit: count('public-page-limit', text('public-page-limit'), 0),
  sitePublicationFailure: oneOf('site-publication-failure', text('site-publication-failure'), [
    'partial',
    'atomic'
  ]),
  requestCaches: onOff('request-caches'),
  trashInUnfilteredList: onOff('trash-in-unfiltered-list'),
  publicationWithoutRight: oneOf('publication-without-right', text('publication-without-right'), [
    'empty',
    'access-denied'
  ]),
  mainPageSites: onOff('main-page-sites'),
  siteViewRight: onOff('site-view-right')
}
let conditions: Partial<Conditions>
try {
  conditions = parseConditionsPatch(
    Object.fromEntries(Object.entries(requested).filter(([, v]) => v !== undefined))
  )
} catch (e) {
  fail(e instanceof Error ? e.message : String(e))
}

const dataDir = text('data-dir')
let emulator: Awaited<ReturnType<typeof startEmulator>>
try {
  emulator = await startEmulator({
    port,
    portals,
    seed: seed as SeedName,
    plan,
    dataDir,
    persist: dataDir !== undefined,
    plainHttp: values['plain-http'] === true,
    controlPort,
    conditions
  })
} catch (e) {
  const code = (e as NodeJS.ErrnoException).code
  fail(
    code === 'EADDRINUSE'
      ? `A port the portal needs is taken${dataDir ? ` (a restarted portal keeps the port it had, to keep its webhook URL)` : ''}: stop what uses it, or give --port.`
      : e instanceof Error
        ? e.message
        : String(e)
  )
}

process.stdout.write(
  JSON.stringify({
    event: 'ready',
    caCertPath: emulator.caCertPath,
    controlUrl: emulator.controlBaseUrl,
    controlToken: emulator.controlToken,
    portals: emulator.portals.map((p) => ({
      name: p.name,
      baseUrl: p.baseUrl,
      webhookUrl: p.webhookUrl,
      plainBaseUrl: p.plainBaseUrl,
      controlUrl: p.controlUrl,
      oauth: p.oauth
    }))
  }) + '\n'
)

let stopping = false
const shutdown = () => {
  if (stopping) return
  stopping = true
  emulator.stop().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`)
      process.exit(1)
    }
  )
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
