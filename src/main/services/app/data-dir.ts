import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_NAME = 'B24 Desk'

/**
 * Where the app keeps its database and caches. Electron's userData for "B24 Desk" is the same
 * folder, so the command line finds the desktop app's data without asking Electron.
 */
export const defaultDataDir = (
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home = homedir()
): string => {
  if (env.B24DESK_DATA_DIR) return env.B24DESK_DATA_DIR
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME)
}

export interface DataDirHealth {
  healthy: boolean
  error: string | null
}

/**
 * Creates a folder only its owner can enter (0700), with any missing parents, and tightens an
 * existing one that others could read: the data folder holds the portal list, the catalog cache and
 * preview images of portals' pages. Windows ignores POSIX modes; there the per-user profile folder's
 * ACL already keeps other users out.
 */
export const makePrivateDir = (dir: string, platform: NodeJS.Platform = process.platform): void => {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (platform === 'win32') return
  if ((statSync(dir).mode & 0o077) === 0) return
  try {
    chmodSync(dir, 0o700)
  } catch {
    // A folder someone else owns (a shared B24DESK_DATA_DIR) cannot be tightened by us; it still works.
  }
}

/** Creates the folder if needed (private to the user) and proves it is writable. */
export const checkDataDir = (dir: string): DataDirHealth => {
  try {
    makePrivateDir(dir)
    const probe = join(dir, `.probe-${process.pid}`)
    writeFileSync(probe, 'ok')
    const back = readFileSync(probe, 'utf8')
    rmSync(probe, { force: true })
    if (back !== 'ok') return { healthy: false, error: `Cannot read back what was written to ${dir}` }
    return { healthy: true, error: null }
  } catch (err) {
    return { healthy: false, error: `The data folder ${dir} is not writable: ${(err as Error).message}` }
  }
}
