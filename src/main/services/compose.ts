import { createAppEvents, type AppEvents } from './events'
import type { Handlers } from '../../shared/ipc/handlers'
import { DisposableStore } from '../../shared/disposable'
import { createAppHandlers } from './app/app-handlers'
import { checkDataDir } from './app/data-dir'
import { setLanguage } from './app/language'
import { openDatabase, type Database } from './db/database'
import { watchOtherConnections } from './db/other-connections'
import { createCatalogService, createCatalogSyncWatcher, type CatalogService } from './catalog'
import { createPreviewsService } from './previews'
import { createPortalsService, type SecretStore } from './portals'
import { createOutboxService, type OutboxService } from './outbox'
import { createJobChangesHandlers, createJobChangesStore } from './outbox/changes-store'
import { verifierFor } from './outbox/readback'
import { createSnapshotsService } from './snapshots'
import { createDesktopServices, type DesktopOptions, type DesktopServices } from './desktop'
import { createWatchService, type WatchService } from './watch'

/** How often the window's process looks for commits of another process (the command line). */
const OTHER_PROCESS_POLL_MS = 1000
const UPDATE_RESTART_GRACE_MS = 120_000

export interface AppServicesOptions {
  dataDir: string
  name?: string
  version: string
  platform?: string
  openExternal: (url: string) => Promise<void>
  /** Asks before a link to a host that is neither a portal nor Bitrix24's opens (app-handlers.ts). */
  confirmExternal?: (host: string, url: string) => Promise<boolean>
  /** The OS keychain by default; tests pass the real keychain too, under a private service name. */
  secretStore?: SecretStore
  log?: (line: string) => void
  now?: () => number
  /** Start draining the outbox (the desktop app does; a second process only enqueues). */
  runOutbox?: boolean
  /**
   * Push what another process changes in the shared data folder (portals added or removed, outbox
   * work queued or drained by the command line) to the window. On by default where the outbox runs.
   */
  watchOtherProcesses?: boolean
  /** Start the demo portal's emulator as soon as the portal list is read (the desktop app's start-up). */
  reviveDemo?: boolean
  /** Notifications and updates of the desktop app (issue 18); without, settings only and updates off. */
  desktop?: DesktopOptions
}

export interface AppServices {
  events: AppEvents
  handlers: Handlers
  db: Database
  desktop: DesktopServices
  /** The outbox's service methods beyond the contract (the command line lists jobs and runs with them). */
  outbox: OutboxService
  /** The catalog's service methods beyond the contract (the portal's UTC offset). */
  catalog: Pick<CatalogService, 'utcOffset'>
  /** What others change on the portals (issue 23): the command line's `watch` and `changes`. */
  watch: WatchService
  hasPendingWork(): boolean
  /** `graceMs`: how long the outbox waits for requests in flight before leaving them to recover. */
  close(graceMs?: number): Promise<void>
}

/**
 * Builds every main-process service with no Electron in sight: the desktop shell, the end-to-end
 * harness and the command line all start the app this way.
 */
export const createAppServices = async (opts: AppServicesOptions): Promise<AppServices> => {
  const log = opts.log ?? (() => {})
  const now = opts.now ?? Date.now
  const health = checkDataDir(opts.dataDir)
  if (!health.healthy) throw new Error(health.error ?? `Data folder ${opts.dataDir} is unusable`)
  const events = createAppEvents(log)
  const db = openDatabase(opts.dataDir)
  const portals = await createPortalsService({
    db,
    dataDir: opts.dataDir,
    events,
    log,
    now,
    secretStore: opts.secretStore,
    reviveDemo: opts.reviveDemo
  })
  // Each area owns its channels; the catalog and previews reach portals through the portals service.
  const catalog = createCatalogService({ db, events, now, portals })
  const previews = createPreviewsService({ dataDir: opts.dataDir, now, portals })
  // A removed portal's cached listings and preview images go with it.
  const unsubscribeRemoved = portals.onRemoved((portalId) => {
    catalog.forget(portalId)
    previews.forget(portalId)
  })
  const jobChanges = createJobChangesStore(db)
  // After every answered batch the outbox reads back what it touched: the catalog cache then holds
  // what the portal reports, and an operation is done only when the portal shows its state.
  const verify = verifierFor(db, events, now, log)
  const outbox = createOutboxService({ db, dataDir: opts.dataDir, events, log, now, portals, verify })
  // Snapshots, restores and maintenance windows (issue 13); whichever process drains the outbox
  // reads back the restores it finishes.
  const snapshots = createSnapshotsService({
    db,
    events,
    now,
    log,
    catalog,
    portals: {
      has: (id) => portals.get(id) !== undefined,
      name: (id) => portals.get(id)?.name ?? id,
      clientFor: (id) => portals.clientFor(id),
      identityOf: (id) => portals.identityOf(id)
    },
    outbox: {
      enqueueJob: (spec) => outbox.enqueueJob(spec),
      job: (id) => outbox.job(id),
      cancelJob: async (id) => {
        await outbox.cancelJob(id)
      },
      setRestoreResult: (id, matches, differences) => outbox.setRestoreResult(id, matches, differences),
      isRunner: () => outbox.isRunner(),
      changed: () => outbox.changedElsewhere()
    }
  })
  // The watch reads the portals through the catalog and leaves out what the outbox's jobs changed.
  const watch = createWatchService({
    db,
    now,
    catalog,
    portals: { has: (id) => portals.get(id) !== undefined, ids: () => portals.list().map((p) => p.id) },
    touched: (portalId, since) => outbox.touchedTargets(portalId, since),
    enqueue: (spec) => outbox.enqueueJob(spec)
  })
  const unsubscribeWatch = portals.onRemoved((portalId) => watch.forget(portalId))
  if (opts.runOutbox ?? true) outbox.start()
  let lastPortals = JSON.stringify(portals.list())
  const catalogSync = createCatalogSyncWatcher({ db, events })
  const unwatch =
    (opts.watchOtherProcesses ?? opts.runOutbox ?? true)
      ? watchOtherConnections(db, OTHER_PROCESS_POLL_MS, () => {
          outbox.changedElsewhere()
          catalogSync.check()
          snapshots.check()
          const list = portals.list()
          const json = JSON.stringify(list)
          if (json === lastPortals) return
          lastPortals = json
          events.emit('portals:changed', list)
        })
      : () => {}

  const desktop = createDesktopServices(
    {
      dataDir: opts.dataDir,
      version: opts.version,
      events,
      now,
      log,
      portalName: (id) => portals.get(id)?.name ?? id,
      outbox: {
        view: () => outbox.view(),
        pauseLane: (portalId) => outbox.pauseLane(portalId),
        // Restarting to update waits up to two minutes for the batches in flight to be answered.
        stop: () => outbox.stop(UPDATE_RESTART_GRACE_MS)
      },
      snapshots: async () => snapshots.handlers['snapshots:list'](undefined)
    },
    opts.desktop
  )

  const handlers: Handlers = {
    ...createAppHandlers({
      name: opts.name ?? 'B24 Desk',
      version: opts.version,
      platform: opts.platform ?? process.platform,
      dataDir: opts.dataDir,
      events,
      openExternal: opts.openExternal,
      portalHosts: () => portals.list().map((p) => p.host),
      confirmExternal: opts.confirmExternal,
      setLanguage
    }),
    ...portals.handlers,
    ...catalog.handlers,
    ...previews.handlers,
    ...outbox.handlers,
    ...createJobChangesHandlers(jobChanges),
    ...snapshots.handlers,
    ...desktop.handlers
  }

  // Torn down in reverse: the desktop shell and the watchers first, then the services, the database last.
  let closeGraceMs: number | undefined
  const teardown = new DisposableStore()
  teardown.add(() => db.close())
  teardown.add(() => portals.close())
  teardown.add(() => outbox.stop(closeGraceMs))
  teardown.add(() => snapshots.close())
  teardown.add(catalogSync)
  teardown.add(unsubscribeRemoved)
  teardown.add(unsubscribeWatch)
  teardown.add(unwatch)
  teardown.add(() => desktop.close())

  return {
    events,
    handlers,
    db,
    desktop,
    outbox,
    catalog: { utcOffset: (portalId) => catalog.utcOffset(portalId) },
    watch,
    // A finished restore is not over until its read-back says whether the portal matches.
    hasPendingWork: () => outbox.hasPendingWork() || snapshots.busy(),
    async close(graceMs) {
      closeGraceMs = graceMs
      await teardown.disposeAsync()
    }
  }
}
