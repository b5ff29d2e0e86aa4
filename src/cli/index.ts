// node:sqlite prints an ExperimentalWarning on load; it is noise on a command line's stderr, which
// scripts read. Other warnings still show. The filter must be in place before run.ts loads sqlite.
const emitWarning = process.emitWarning.bind(process)
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? warning : warning.message
  if (/SQLite is an experimental feature/.test(text)) return
  ;(emitWarning as (w: string | Error, ...r: unknown[]) => void)(warning, ...rest)
}) as typeof process.emitWarning

import('./run')
  .then(({ runCli }) => runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, stdin: process.stdin }))
  .then(
    (code) => {
      process.exitCode = code
    },
    (err: unknown) => {
      process.stderr.write(`b24desk: ${err instanceof Error ? err.message : String(err)}\n`)
      process.exitCode = 1
    }
  )
