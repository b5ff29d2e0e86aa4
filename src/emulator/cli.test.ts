import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { rawRequest } from './testing/client.ts'

it('prints one ready line, serves, and exits 0 on SIGTERM', async () => {
  const cli = fileURLToPath(new URL('./cli.ts', import.meta.url))
  const child = spawn(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings', cli, '--port', '0', '--portals', '2', '--seed', 'empty'],
    {
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
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
    portals: Array<{ name: string; webhookUrl: string; controlUrl: string }>
  }
  expect(ready.event).toBe('ready')
  expect(ready.portals.map((p) => p.name)).toEqual(['portal-1', 'portal-2'])
  const { readFileSync } = await import('node:fs')
  const res = await rawRequest(`${ready.portals[1].webhookUrl}scope`, {
    ca: readFileSync(ready.caCertPath, 'utf8')
  })
  expect(res.json().result).toEqual(['landing', 'crm', 'user'])
  child.kill('SIGTERM')
  const [code] = await once(child, 'exit')
  expect(code).toBe(0)
  expect(out.trim().split('\n')).toHaveLength(1)
})
