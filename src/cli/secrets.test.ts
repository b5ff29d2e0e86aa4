import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { parseArgs } from './args'
import { resolveSecrets } from './secrets'

const FLAGS = {
  webhook: 'string',
  'client-secret': 'string',
  'access-token': 'string',
  'refresh-token': 'string'
} as const

const resolve = async (argv: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) => {
  const stderr = new PassThrough()
  let err = ''
  stderr.on('data', (d: Buffer) => (err += d.toString()))
  const stdin = new PassThrough()
  stdin.end(opts.stdin ?? '')
  const secrets = await resolveSecrets(parseArgs(argv, FLAGS), {
    stdout: new PassThrough(),
    stderr,
    stdin,
    env: opts.env ?? {}
  })
  return { secrets, stderr: err }
}

describe('resolveSecrets', () => {
  it('warns on stderr, once, naming every secret typed as an argument and how to avoid it', async () => {
    const { secrets, stderr } = await resolve(
      ['--client-secret', 'TopSecret1', '--refresh-token=Refresh2', '--access-token', '-'],
      { stdin: 'Access3\n' }
    )
    expect(secrets).toEqual({
      'client-secret': 'TopSecret1',
      'refresh-token': 'Refresh2',
      'access-token': 'Access3'
    })
    expect(stderr.match(/warning/g)).toHaveLength(1)
    expect(stderr).toMatch(/--client-secret, --refresh-token were typed on the command line/)
    expect(stderr).toMatch(/process list/)
    expect(stderr).toMatch(/B24DESK_CLIENT_SECRET, B24DESK_REFRESH_TOKEN/)
    expect(stderr).not.toMatch(/--access-token/)
    // The warning is about the secrets; it must not repeat them.
    for (const value of ['TopSecret1', 'Refresh2', 'Access3']) expect(stderr).not.toContain(value)
  })

  it('says nothing when secrets come from standard input or the environment', async () => {
    const { secrets, stderr } = await resolve(['--webhook', '-'], {
      stdin: 'https://p.example.com/rest/1/abcd1234/\n',
      env: { B24DESK_CLIENT_SECRET: 'FromEnv' }
    })
    expect(secrets).toEqual({
      webhook: 'https://p.example.com/rest/1/abcd1234/',
      'client-secret': 'FromEnv'
    })
    expect(stderr).toBe('')
  })

  it('warns about a webhook URL typed as an argument', async () => {
    const { stderr } = await resolve(['--webhook', 'https://p.example.com/rest/1/abcd1234/'])
    expect(stderr).toMatch(/--webhook was typed on the command line.*"--webhook -".*B24DESK_WEBHOOK/s)
    expect(stderr).not.toContain('abcd1234')
  })
})
