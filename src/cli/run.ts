import { version } from '../../package.json'

export interface CliIo {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  env: NodeJS.ProcessEnv
}

const USAGE = `Usage: b24desk <command> [options]

Commands:
  version             print the version

Every command takes --data-dir DIR and --json.
`

/** Runs one command line; returns the exit code. */
export const runCli = async (argv: string[], io: CliIo): Promise<number> => {
  const [command] = argv
  if (!command || command === 'help' || command === '--help') {
    io.stdout.write(USAGE)
    return command ? 0 : 2
  }
  if (command === 'version') {
    io.stdout.write(`${version}\n`)
    return 0
  }
  io.stderr.write(`b24desk: unknown command "${command}"\n${USAGE}`)
  return 2
}
