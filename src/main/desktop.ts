import {
  app,
  crashReporter,
  dialog,
  Menu,
  nativeImage,
  Notification,
  shell,
  Tray,
  type BrowserWindow,
  type MenuItemConstructorOptions
} from 'electron'
import { join } from 'node:path'
import { autoUpdater } from 'electron-updater'
import type { AppServices } from './services/compose'
import type { AppTarget } from '../shared/domain/desktop'
import { onLanguageChange } from './services/app/language'
import { appMenu } from './services/desktop/app-menu'
import {
  decideClose,
  trayMenu,
  trayTooltip,
  workThatNeedsTheApp,
  type MenuItemSpec
} from './services/desktop/keep-running'
import { diagnosticsFileName, saveDiagnostics } from './services/desktop/diagnostics'
import { HIDDEN_ARG, LINK_SCHEME, linkFromArgv, parseAppLink, startsHidden } from './services/desktop/links'
import type { Notifier } from './services/desktop/notifications'
import { setLinuxAutostart } from './services/desktop/autostart'
import { readUpdatePolicy } from './services/updates/policy'
import type { UpdateEngine } from './services/updates/update-service'

const toElectron = (items: MenuItemSpec[]): MenuItemConstructorOptions[] =>
  items.map(
    (i) =>
      ({
        ...i,
        submenu: i.submenu ? toElectron(i.submenu) : undefined
      }) as MenuItemConstructorOptions
  )

/** Where a packaged app keeps what electron-builder's extraResources put next to app.asar. */
const resource = (name: string, devPath: string) =>
  app.isPackaged ? join(process.resourcesPath, name) : join(__dirname, '../..', devPath)

/**
 * The desktop half of the shell (issue 18): crash reports kept locally, updates, one instance with
 * b24desk:// links, the tray, notifications, the menu, start at login. The logic lives in
 * services/desktop and services/updates; this file only connects it to Electron.
 */
export const startDesktopShell = (log: { info(line: string): void; warn(line: string): void }) => {
  // Crash dumps stay in the data folder (userData/Crashpad); nothing is uploaded.
  crashReporter.start({ uploadToServer: false, compress: true })
  if (app.isPackaged) app.setAsDefaultProtocolClient(LINK_SCHEME)

  let services: AppServices | null = null
  let window: BrowserWindow | null = null
  let tray: Tray | null = null
  let quitting = false
  /** Quitting to install an update: the outbox is already stopped, nothing to ask. */
  let installing = false
  let pendingTarget: AppTarget | null = linkFromArgv(process.argv)
  /** Started at login: the window waits in the tray. */
  const hidden =
    startsHidden(process.argv) ||
    (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true)

  const show = () => {
    if (!window || window.isDestroyed()) return
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
  }
  const open = (target: AppTarget | null) => {
    show()
    if (!target) return
    if (services) services.events.emit('app:open', target)
    else pendingTarget = target
  }

  const notifier: Notifier = {
    show(n) {
      if (!Notification.isSupported()) return
      const note = new Notification({ title: n.title, body: n.body })
      note.on('click', () => open(parseAppLink(n.link)))
      note.show()
    }
  }

  // electron-updater's own instance reads resources/app-update.yml, which only a packaged app has.
  const updateEngine: UpdateEngine | null = app.isPackaged ? autoUpdater : null
  if (updateEngine) {
    autoUpdater.logger = {
      info: (m: unknown) => log.info(`updater: ${String(m)}`),
      warn: (m: unknown) => log.warn(`updater: ${String(m)}`),
      error: (m: unknown) => log.warn(`updater: ${String(m)}`)
    }
  }
  const updatePolicy = readUpdatePolicy({
    platform: process.platform,
    execPath: process.execPath,
    env: process.env
  })
  if (updatePolicy)
    log.info(
      `update policy from ${updatePolicy.source}: ${updatePolicy.mode}${updatePolicy.error ? ` (${updatePolicy.error})` : ''}`
    )

  const refreshTray = () => {
    if (!tray || !services) return
    const s = services
    const snap = s.desktop.outbox()
    tray.setToolTip(trayTooltip(snap))
    tray.setContextMenu(
      Menu.buildFromTemplate(
        toElectron(
          trayMenu(snap, Date.now(), {
            open: () => open(null),
            pauseAll: () => void s.desktop.pauseAll(),
            quit: () => app.quit()
          })
        )
      )
    )
  }
  const ensureTray = () => {
    if (tray) return
    tray = new Tray(
      nativeImage.createFromPath(resource('icon.png', 'build/icon.png')).resize({ width: 16, height: 16 })
    )
    tray.on('click', () => open(null))
    refreshTray()
  }

  const saveDiagnosticsAs = async () => {
    if (!services) return
    const { canceled, filePath } = await dialog.showSaveDialog({
      defaultPath: join(app.getPath('downloads'), diagnosticsFileName(Date.now())),
      filters: [{ name: 'tar.gz', extensions: ['gz'] }]
    })
    if (canceled || !filePath) return
    await saveDiagnostics(services.handlers, filePath, app.getPath('crashDumps'))
    shell.showItemInFolder(filePath)
  }
  const setMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        toElectron(
          appMenu({
            platform: process.platform,
            packaged: app.isPackaged,
            actions: {
              saveDiagnostics: () =>
                void saveDiagnosticsAs().catch((e: Error) => log.warn(`diagnostics: ${e.message}`)),
              openDocs: () => void shell.openPath(resource('README.md', 'README.md')),
              about: () => app.showAboutPanel(),
              checkForUpdates: () => {
                show()
                void services?.desktop.updates.check(true)
              }
            }
          })
        )
      )
    )

  const applyLoginItem = (startAtLogin: boolean) => {
    if (!app.isPackaged) return
    if (process.platform === 'linux') {
      setLinuxAutostart({
        enabled: startAtLogin,
        execPath: process.env.APPIMAGE ?? process.execPath,
        configHome: process.env.XDG_CONFIG_HOME ?? join(app.getPath('home'), '.config')
      })
    } else app.setLoginItemSettings({ openAtLogin: startAtLogin, args: [HIDDEN_ARG] })
  }

  app.on('before-quit', () => {
    quitting = true
  })
  // macOS hands links over through open-url; Windows and Linux through a second launch's arguments.
  app.on('open-url', (event, url) => {
    event.preventDefault()
    open(parseAppLink(url))
  })
  app.on('second-instance', (_event, argv) => open(linkFromArgv(argv)))
  // macOS: the Dock icon brings back a window hidden in the tray.
  app.on('activate', () => show())

  return {
    desktopOptions: {
      notifier,
      updateEngine,
      updatePolicy,
      beforeInstall: () => {
        installing = true
      }
    },
    hidden,
    attach(s: AppServices, w: BrowserWindow) {
      services = s
      window = w
      // DevTools only in an unpackaged build: the menu has no entry, and nothing else may open them.
      if (app.isPackaged) w.webContents.on('devtools-opened', () => w.webContents.closeDevTools())
      app.setAboutPanelOptions({ applicationName: 'B24 Desk', applicationVersion: app.getVersion() })
      setMenu()
      onLanguageChange(() => {
        setMenu()
        refreshTray()
      })
      applyLoginItem(s.desktop.settings.get().startAtLogin)
      s.desktop.settings.onChange((now, before) => {
        if (now.startAtLogin !== before.startAtLogin) applyLoginItem(now.startAtLogin)
      })
      let last = 0
      s.events.subscribe((...[channel]) => {
        // The tray's progress line, at most once a second.
        if (channel !== 'outbox:progress' || Date.now() - last < 1000) return
        last = Date.now()
        refreshTray()
      })
      if (hidden) ensureTray()
      if (pendingTarget) {
        s.events.emit('app:open', pendingTarget)
        pendingTarget = null
      }
    },
    /**
     * What closing the window does: 'quit' lets it close, 'tray' hides it (the outbox keeps
     * draining), 'ask' is the shell's "quit anyway?" question.
     */
    closeDecision(s: AppServices): 'quit' | 'tray' | 'ask' {
      if (installing) return 'quit'
      if (quitting) {
        if (!s.hasPendingWork()) return 'quit'
        // The question interrupts this quit; answering "keep working" brings back the usual close.
        quitting = false
        return 'ask'
      }
      return decideClose(
        s.desktop.settings.get(),
        workThatNeedsTheApp(s.desktop.outbox(), Date.now()),
        s.hasPendingWork()
      )
    },
    hideToTray(w: BrowserWindow) {
      ensureTray()
      w.hide()
    },
    /** The user chose to quit with work queued: closing no longer asks or hides. */
    quitting: () => quitting
  }
}

export type DesktopShell = ReturnType<typeof startDesktopShell>
