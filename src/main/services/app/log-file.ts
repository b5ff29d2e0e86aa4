import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const LOG_DIR = 'logs'
export const LOG_FILE = 'main.log'
/** One previous file is kept (main.log.1): enough for support, never growing without end. */
export const LOG_MAX_BYTES = 2 * 1024 * 1024

/**
 * The desktop app's log on disk (data folder/logs/main.log), so "Save diagnostics" has the last
 * lines to attach. Lines come already redacted from createAppLog; a write that fails is dropped.
 */
export const createLogFile = (dataDir: string, now: () => number = Date.now) => {
  const dir = join(dataDir, LOG_DIR)
  const file = join(dir, LOG_FILE)
  let ready = false
  return (level: string, line: string) => {
    try {
      if (!ready) {
        mkdirSync(dir, { recursive: true, mode: 0o700 })
        ready = true
      }
      try {
        if (statSync(file).size > LOG_MAX_BYTES) renameSync(file, `${file}.1`)
      } catch {
        // No file yet.
      }
      appendFileSync(file, `${new Date(now()).toISOString()} ${level} ${line.replace(/\n/g, '\n    ')}\n`, {
        mode: 0o600
      })
    } catch {
      // A log must never break what it records.
    }
  }
}
