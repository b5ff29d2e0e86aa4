import type { Database } from './database'

/** Changes only when another connection to the database has committed (SQLite's `PRAGMA data_version`). */
export const dataVersion = (db: Database): number =>
  (db.prepare('PRAGMA data_version').get() as { data_version: number }).data_version

/**
 * Calls `onChange` when another connection to the database (the command line while the app runs,
 * or the other way round) has committed since the last look. SQLite changes `PRAGMA data_version`
 * only for other connections' commits, so an idle look costs one pragma and our own writes never
 * trigger it. Returns a function that stops watching.
 */
export const watchOtherConnections = (
  db: Database,
  intervalMs: number,
  onChange: () => void
): (() => void) => {
  let last = dataVersion(db)
  const timer = setInterval(() => {
    let now: number
    try {
      now = dataVersion(db)
    } catch {
      return // closing
    }
    if (now === last) return
    last = now
    onChange()
  }, intervalMs)
  timer.unref?.()
  return () => clearInterval(timer)
}
