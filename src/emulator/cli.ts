import { parseArgs } from 'node:util'
import { parseConditionsPatch } from './conditions.ts'
import { startEmulator } from './server.ts'
import type { Conditions, SeedName } from './types.ts'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    portals: { type: 'string', default: '1' },
    seed: { type: 'string', default: 'demo' },
    plan: { type: 'string', default: 'standard' },
    'data-dir': { type: 'string' },
    'plain-http': { type: 'boolean', default: false },
    'control-port': { type: 'string', default: '0' },
    // Server behaviours where the landing code and the docs disagree (docs/bitrix24.md#server-code), and capacity.
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
    'site-view-right': { type: 'string' }
  }
})

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(2)
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
  const v = oneOf(flag, values[flag as keyof typeof values] as string | undefined, ['on', 'off'])
  return v === undefined ? undefined : v === 'on'
}
const sticky = oneOf('sticky-scope', values['sticky-scope'], ['on', 'off'])
const requested: Record<string, unknown> = {
  stickyScope: sticky === undefined ? undefined : sticky === 'on',
  sitePublication: oneOf('site-publication', values['site-publication'], ['server', 'docs']),
  siteUnpublication: oneOf('site-unpublication', values['site-unpublication'], ['server', 'docs']),
  dateFormat: oneOf('date-format', values['date-format'], ['us', 'ru', 'eu-slash']),
  concurrency: count('concurrency', values.concurrency, 1),
  overloadAbove: count('overload-above', values['overload-above'], 1),
  overloadMs: count('overload-ms', values['overload-ms'], 0),
  publicSiteLimit: count('public-site-limit', values['public-site-limit'], 0),
  publicPageLimit: count('public-page-limit', values['public-page-limit'], 0),
  sitePublicationFailure: oneOf('site-publication-failure', values['site-publication-failure'], [
    'partial',
    'atomic'
  ]),
  requestCaches: onOff('request-caches'),
  trashInUnfilteredList: onOff('trash-in-unfiltered-list'),
  publicationWithoutRight: oneOf('publication-without-right', values['publication-without-right'], [
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

const emulator = await startEmulator({
  port,
  portals,
  seed: seed as SeedName,
  plan,
  dataDir: values['data-dir'],
  plainHttp: values['plain-http'],
  controlPort,
  conditions
})

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
