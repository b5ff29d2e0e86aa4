// Before run.ts loads node:sqlite: its ExperimentalWarning is noise on stderr, which scripts read.
import '../main/services/db/quiet-sqlite-warning'
import { reportUncaughtException } from '../main/services/app/app-log'
import { redactSecrets } from '../main/services/bitrix/redact'

process.on('uncaughtException', (err) => {
  reportUncaughtException(err, {
    log: { error: (line) => process.env.B24DESK_DEBUG && process.stderr.write(`${line}\n`) },
    show: (message) => process.stderr.write(`b24desk: ${message}\n`)
  })
  process.exit(1)
})

import('./run')
  .then(({ runCli }) =>
    runCli(process.argv.slice(2), {
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      stdin: process.stdin
    })
  )
  .then(
    (code) => {
      // Exit once the output is written: a request still hanging on a portal (run --wait at its
      // deadline) must not keep the process alive; what it left is recovered on the next start.
      process.exitCode = code
      process.stdout.write('', () => process.stderr.write('', () => process.exit(code)))
    },
    (err: unknown) => {
      process.stderr.write(`b24desk: ${redactSecrets(err instanceof Error ? err.message : String(err))}\n`)
      process.exitCode = 1
    }
  )
