import { randomBytes } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { createKeychainStore } from '../../main/services/portals'
import { runCli } from '../run'

export interface CliOutcome {
  code: number
  stdout: string
  stderr: string
}

/**
 * The command line run in this process with its output captured, against the real keychain under a
 * service name of its own (so tests never touch the user's B24 Desk entries).
 */
export const inProcessCli = (name: string) => {
  const keychainService = `B24 Desk ${name} ${randomBytes(4).toString('hex')}`
  return async (args: string[], env: NodeJS.ProcessEnv = { B24DESK_LANG: 'en' }): Promise<CliOutcome> => {
    const stdout = new PassThrough()
    const stderr = new PassThrough()
    let out = ''
    let err = ''
    stdout.on('data', (d: Buffer) => (out += d.toString()))
    stderr.on('data', (d: Buffer) => (err += d.toString()))
    const code = await runCli(
      args,
      { stdout, stderr, env },
      { secretStore: createKeychainStore(keychainService) }
    )
    return { code, stdout: out, stderr: err }
  }
}
