import type { AppUpdater, ProgressInfo, UpdateInfo } from 'electron-updater'
import type { UpdateState } from '../../../shared/domain/desktop'
import type { UpdateMode, UpdatePolicy } from './policy'

/** The first check waits for the app to settle; then one every 12 hours. */
export const FIRST_CHECK_MS = 10_000
export const CHECK_EVERY_MS = 12 * 60 * 60 * 1000

/** What the service needs of electron-updater's AppUpdater (the real one in the app and the tests). */
export type UpdateEngine = Pick<
  AppUpdater,
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'checkForUpdates'
  | 'downloadUpdate'
  | 'quitAndInstall'
  | 'setFeedURL'
  | 'on'
>

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  setInterval(fn: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  setInterval: (fn, ms) => setInterval(fn, ms).unref(),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout)
}

export interface UpdateServiceDeps {
  /** null where no updater runs (the command line, the browser harness, an unpackaged app). */
  engine: UpdateEngine | null
  currentVersion: string
  policy: UpdatePolicy | null
  /** The user's setting, used when no policy exists. */
  userMode: () => UpdateMode
  /**
   * Stops the outbox taking new batches and resolves once the batches in flight are answered: a
   * restart never cuts a batch off mid-way.
   */
  quiesce: () => Promise<void>
  /** Called right before the app quits to install (the shell then skips its close questions). */
  beforeInstall?: () => void
  emit: (state: UpdateState) => void
  now?: () => number
  timers?: Timers
  log?: (line: string) => void
}

export interface UpdateService {
  state(): UpdateState
  /** Applies the mode and, in auto mode, schedules the checks. */
  start(): void
  stop(): void
  /** The user's setting changed (ignored while a policy locks the mode). */
  modeChanged(): void
  /** `userAsked`: the user asked (menu, banner); a background check that fails stays quiet. */
  check(userAsked?: boolean): Promise<void>
  download(): Promise<void>
  /** "Restart to update": waits for batches in flight, then quits and installs. */
  restart(): Promise<void>
}

/** Release notes as plain text: the feed may carry HTML, the window shows text only. */
export const releaseNotesText = (notes: UpdateInfo['releaseNotes']): string | null => {
  if (notes == null) return null
  const raw =
    typeof notes === 'string' ? notes : notes.map((n) => `${n.version}\n${n.note ?? ''}`).join('\n\n')
  const text = raw
    .replace(/<br\s*\/?>|<\/p>|<\/li>|<\/h\d>/gi, '\n')
    .replace(/<li[^>]*>/gi, '• ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
  return text ? text.slice(0, 10_000) : null
}

export const createUpdateService = (deps: UpdateServiceDeps): UpdateService => {
  const timers = deps.timers ?? realTimers
  const now = deps.now ?? Date.now
  const log = deps.log ?? (() => {})
  const { engine, policy } = deps
  const mode = (): UpdateMode => (engine === null ? 'off' : (policy?.mode ?? deps.userMode()))
  let state: UpdateState = {
    status: 'idle',
    mode: mode(),
    lockedBy: policy?.source ?? null,
    currentVersion: deps.currentVersion,
    version: null,
    releaseNotes: null,
    percent: null,
    error: policy?.error ?? null,
    checkedAt: null
  }
  let first: unknown = null
  let every: unknown = null
  let restarting = false
  let quiet = false

  const set = (patch: Partial<UpdateState>) => {
    state = { ...state, ...patch }
    deps.emit(state)
  }
  const offered = (info: UpdateInfo) => ({
    version: info.version,
    releaseNotes: releaseNotesText(info.releaseNotes)
  })

  if (engine) {
    if (policy?.feedUrl) engine.setFeedURL({ provider: 'generic', url: policy.feedUrl })
    engine.on('checking-for-update', () => set({ status: 'checking', error: null }))
    engine.on('update-not-available', () =>
      set({ status: 'none', checkedAt: now(), version: null, percent: null })
    )
    engine.on('update-available', (info: UpdateInfo) =>
      set({
        status: engine.autoDownload ? 'downloading' : 'available',
        checkedAt: now(),
        percent: 0,
        ...offered(info)
      })
    )
    engine.on('download-progress', (p: ProgressInfo) =>
      set({ status: 'downloading', percent: Math.max(0, Math.min(100, Math.round(p.percent))) })
    )
    engine.on('update-downloaded', (info: UpdateInfo) =>
      set({ status: 'ready', percent: 100, ...offered(info) })
    )
    engine.on('error', (err: Error) => {
      log(`update: ${err.message}`)
      if (restarting) return
      const error = err.message.split('\n')[0].slice(0, 500)
      // An unreachable feed on a timer is not worth a red banner every 12 hours; the state keeps why.
      if (quiet && state.status === 'checking') set({ status: 'idle', error })
      else set({ status: 'error', error, percent: null })
    })
  }

  const unschedule = () => {
    if (first !== null) timers.clearTimeout(first)
    if (every !== null) timers.clearInterval(every)
    first = every = null
  }

  const apply = () => {
    unschedule()
    const m = mode()
    if (engine) {
      engine.autoDownload = m === 'auto'
      engine.autoInstallOnAppQuit = m !== 'off'
    }
    if (m === 'off') {
      set({ mode: m, status: 'off' })
      return
    }
    set({ mode: m, status: state.status === 'off' ? 'idle' : state.status })
    if (m === 'auto') {
      first = timers.setTimeout(() => void service.check(), FIRST_CHECK_MS)
      every = timers.setInterval(() => void service.check(), CHECK_EVERY_MS)
    }
  }

  const service: UpdateService = {
    state: () => state,
    start: apply,
    stop: unschedule,
    modeChanged: () => {
      if (!policy) apply()
    },
    async check(userAsked = false) {
      if (!engine || mode() === 'off') return
      quiet = !userAsked
      // Nothing to ask while an update is being fetched or waits to be installed.
      if (['downloading', 'ready', 'waiting'].includes(state.status)) return
      try {
        const result = await engine.checkForUpdates()
        // The background download reports through the engine's events; its promise must not go unheard.
        result?.downloadPromise?.catch((err: Error) => log(`update download failed: ${err.message}`))
      } catch (err) {
        // The engine also reports it through 'error'.
        log(`update check failed: ${(err as Error).message}`)
      }
    },
    async download() {
      if (!engine || mode() === 'off' || state.status !== 'available') return
      set({ status: 'downloading', percent: 0 })
      try {
        await engine.downloadUpdate()
      } catch (err) {
        log(`update download failed: ${(err as Error).message}`)
      }
    },
    async restart() {
      if (!engine || state.status !== 'ready' || restarting) return
      restarting = true
      set({ status: 'waiting' })
      await deps.quiesce()
      deps.beforeInstall?.()
      engine.quitAndInstall(false, true)
    }
  }
  return service
}
