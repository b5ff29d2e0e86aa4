import { parseArgs } from 'node:util'
import { startEmulator } from './server.ts'
import type { SeedName } from './types.ts'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    portals: { type: 'string', default: '1' },
    seed: { type: 'string', default: 'demo' },
    plan: { type: 'string', default: 'standard' },
    'data-dir': { type: 'string' },
    'plain-http': { type: 'boolean', default: false },
    'control-port': { type: 'string', default: '0' }
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

const emulator = await startEmulator({
  port,
  portals,
  seed: seed as SeedName,
  plan,
  dataDir: values['data-dir'],
  plainHttp: values['plain-http'],
  controlPort
})

process.stdout.write(
  JSON.stringify({
    event: 'ready',
    caCertPath: emulator.caCertPath,
    controlUrl: emulator.controlBaseUrl,
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
