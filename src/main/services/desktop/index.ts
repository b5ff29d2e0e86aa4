import type { AppEvents } from '../events'
import type { Handlers } from '../../../shared/ipc/handlers'
import type { OutboxView } from '../../../shared/domain/outbox'
import type { SnapshotSummary } from '../../../shared/domain/snapshot'
import { createDesktopSettings, type DesktopSettingsStore } from './settings'
import { createNotifications, type Notifier } from './notifications'
import {
  createUpdateService,
  realTimers,
  type Timers,
  type UpdateEngine,
  type UpdatePolicy,
  type UpdateService
} from '../updates'

/** Once a minute the notifications look whether an outage crossed its 15 minutes. */
const OUTAGE_CHECK_MS = 60_000

export interface DesktopOptions {
  /** Native notifications (the shell's Electron Notification, a recording double in tests). */
  notifier?: Notifier
  /** electron-updater's autoUpdater in the packaged app; absent elsewhere (updates are then off). */
  updateEngine?: UpdateEngine | null
  updatePolicy?: UpdatePolicy | null
  /** The shell skips its close questions when the app quits to install an update. */
  beforeInstall?: () => void
  timers?: Timers
}

export interface DesktopServices {
  settings: DesktopSettingsStore
  updates: UpdateService
  handlers: Pick<
    Handlers,
    | 'settings:get'
    | 'settings:set'
    | 'updates:state'
    | 'updates:check'
    | 'updates:download'
    | 'updates:restart'
  >
  /** Pauses every portal's lane (the tray's "Pause all portals"). */
  pauseAll(): Promise<void>
  /** Where the outbox stands now (the tray, the close decision). */
  outbox(): OutboxView
  close(): void
}

export interface DesktopDeps {
  dataDir: string
  version: string
  events: AppEvents
  now: () => number
  log: (line: string) => void
  portalName: (portalId: string) => string
  outbox: { view(): OutboxView; pauseLane(portalId: string): Promise<void>; stop(): Promise<void> }
  snapshots: () => Promise<SnapshotSummary[]>
}

/** Settings, updates and notifications: what makes B24 Desk an app people keep running (issue 18). */
export const createDesktopServices = (deps: DesktopDeps, opts: DesktopOptions = {}): DesktopServices => {
  const timers = opts.timers ?? realTimers
  const settings = createDesktopSettings(deps.dataDir)
  const updates = createUpdateService({
    engine: opts.updateEngine ?? null,
    currentVersion: deps.version,
    policy: opts.updatePolicy ?? null,
    userMode: () => settings.get().updates,
    // The runner stops taking batches and waits for those in flight; the rest stays queued.
    quiesce: () => deps.outbox.stop(),
    beforeInstall: opts.beforeInstall,
    emit: (state) => deps.events.emit('updates:state', state),
    now: deps.now,
    timers,
    log: deps.log
  })
  const unsubscribeSettings = settings.onChange((s, before) => {
    deps.events.emit('settings:changed', s)
    if (s.updates !== before.updates) updates.modeChanged()
  })

  let unsubscribeEvents = () => {}
  let outageTimer: unknown = null
  if (opts.notifier) {
    const notifications = createNotifications({
      notifier: opts.notifier,
      settings: () => settings.get().notifications,
      portalName: deps.portalName,
      now: deps.now
    })
    notifications.outbox(deps.outbox.view())
    let snapshotsSeen = false
    void deps
      .snapshots()
      .then((list) => {
        if (!snapshotsSeen) notifications.snapshots(list)
      })
      .catch(() => {})
    unsubscribeEvents = deps.events.subscribe((channel, payload) => {
      if (channel === 'outbox:progress') notifications.outbox(payload as OutboxView)
      else if (channel === 'snapshots:changed') {
        snapshotsSeen = true
        notifications.snapshots(payload as SnapshotSummary[])
      }
    })
    outageTimer = timers.setInterval(() => notifications.tick(), OUTAGE_CHECK_MS)
  }
  updates.start()

  return {
    settings,
    updates,
    handlers: {
      'settings:get': () => settings.get(),
      'settings:set': (patch) => settings.set(patch),
      'updates:state': () => updates.state(),
      'updates:check': () => updates.check(true),
      'updates:download': () => updates.download(),
      'updates:restart': () => updates.restart()
    },
    outbox: () => deps.outbox.view(),
    async pauseAll() {
      for (const lane of deps.outbox.view().lanes) {
        if (lane.state !== 'paused') await deps.outbox.pauseLane(lane.portalId)
      }
    },
    close() {
      updates.stop()
      unsubscribeSettings()
      unsubscribeEvents()
      if (outageTimer !== null) timers.clearInterval(outageTimer)
    }
  }
}
