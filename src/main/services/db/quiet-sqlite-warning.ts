/**
 * node:sqlite prints an ExperimentalWarning when it loads; on a command line's stderr, which scripts
 * read, and in test output it is noise. This drops that one warning; every other warning still shows.
 * Import it before anything that loads node:sqlite.
 */
const emitWarning = process.emitWarning.bind(process)
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? warning : warning.message
  if (/SQLite is an experimental feature/.test(text)) return
  ;(emitWarning as (w: string | Error, ...r: unknown[]) => void)(warning, ...rest)
}) as typeof process.emitWarning
