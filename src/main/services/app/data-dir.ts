import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { localize, type Localized } from './language'

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
  const mode = statSync(dir).mode
  if ((mode & 0o077) === 0) return
  // Writable by others: left as it is, for checkDataDir to refuse with how to fix it. Its files may
  // have been changed; silently tightening it would hide that.
  if ((mode & 0o022) !== 0) return
  try {
    chmodSync(dir, 0o700)
  } catch {
    // A folder someone else owns (a shared B24DESK_DATA_DIR) cannot be tightened by us; it still works.
  }
}

/** Quotes a path for a POSIX shell command shown to a person. */
const shellQuote = (path: string): string => `'${path.replace(/'/g, `'\\''`)}'`

/**
 * Whether the folder is the user's own, as ssh asks of its keys: another user who owns it, or who may
 * write into it (group or others), could swap the database or the caches under us (a job list that
 * targets other pages, a portal entry that points a saved secret elsewhere). Refused with how to fix
 * it; null when it is fine. Windows: the per-user profile's ACL does this job, nothing checked here.
 */
export const dataDirOwnershipProblem = (
  dir: string,
  opts: { platform?: NodeJS.Platform; uid?: number } = {}
): Localized | null => {
  const platform = opts.platform ?? process.platform
  if (platform === 'win32') return null
  const uid = opts.uid ?? process.getuid?.()
  const st = statSync(dir)
  const q = shellQuote(dir)
  if (uid !== undefined && st.uid !== uid) {
    return {
      en: `The data folder ${dir} belongs to another user (uid ${st.uid}), so B24 Desk does not use it: whoever owns it can change what the app does. Use a folder of your own (B24DESK_DATA_DIR), or make it yours: sudo chown -R "$(id -u)" ${q}`,
      ru: `Папка данных ${dir} принадлежит другому пользователю (uid ${st.uid}), поэтому B24 Desk её не использует: её владелец может изменить то, что делает приложение. Укажите свою папку (B24DESK_DATA_DIR) или сделайте эту своей: sudo chown -R "$(id -u)" ${q}`
    }
  }
  const mode = st.mode & 0o777
  if ((mode & 0o022) !== 0) {
    const octal = mode.toString(8).padStart(3, '0')
    return {
      en: `The data folder ${dir} can be written by other users (mode ${octal}), so B24 Desk does not use it: anyone could have changed its files. Check its contents, then run: chmod 700 ${q}`,
      ru: `В папку данных ${dir} могут писать другие пользователи (права ${octal}), поэтому B24 Desk её не использует: кто угодно мог изменить её файлы. Проверьте её содержимое и выполните: chmod 700 ${q}`
    }
  }
  return null
}

/**
 * Creates the folder if needed (private to the user), refuses one that is not the user's own
 * (dataDirOwnershipProblem), and proves it is writable.
 */
export const checkDataDir = (
  dir: string,
  opts: { platform?: NodeJS.Platform; uid?: number } = {}
): DataDirHealth => {
  try {
    makePrivateDir(dir, opts.platform)
    const problem = dataDirOwnershipProblem(dir, opts)
    if (problem) return { healthy: false, error: localize(problem) }
    const probe = join(dir, `.probe-${process.pid}`)
    writeFileSync(probe, 'ok', { mode: 0o600 })
    const back = readFileSync(probe, 'utf8')
    rmSync(probe, { force: true })
    if (back !== 'ok') return { healthy: false, error: `Cannot read back what was written to ${dir}` }
    return { healthy: true, error: null }
  } catch (err) {
    return { healthy: false, error: `The data folder ${dir} is not writable: ${(err as Error).message}` }
  }
}
