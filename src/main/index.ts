import { app, dialog, net, powerMonitor, protocol, session, shell, type BrowserWindow } from 'electron'
import { join } from 'node:path'
import { createAppServices, type AppServices } from './services/compose'
import { defaultDataDir, makePrivateDir } from './services/app/data-dir'
import { localize } from './services/app/language'
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, rendererUrl, serveAppAsset } from './services/app/app-origin'
import { isPermissionGranted } from './services/app/permissions'
import { confirmExternalWith } from './services/app/external-url'
import { createAppLog, describeUnhandledRejection, reportUncaughtException } from './services/app/app-log'
import { createMainWindow } from './window'
import { refuseDebugSwitches } from './shell/debug-switches'
import { wireIpc } from './ipc'
import { CONTENT_SECURITY_POLICY } from './csp'
import { startDesktopShell } from './desktop'
import { createLogFile } from './services/app/log-file'

let logToFile: (level: string, line: string) => void = () => {}
const log = createAppLog((level, line) => {
  console[level](line)
  logToFile(level, line)
})
// A rejection nobody awaited must not vanish, nor print a token it carried.
process.on('unhandledRejection', (reason) => log.error(describeUnhandledRejection(reason)))
// Electron's own report of an uncaught exception shows the raw stack; ours is redacted.
process.on('uncaughtException', (err) =>
  reportUncaughtException(err, { log, show: (message) => dialog.showErrorBox('B24 Desk', message) })
)

// A packaged app exits here when given a debugging switch (the fuses cover only Node's).
refuseDebugSwitches()
app.setName('B24 Desk')
const dataDir = process.env.B24DESK_DATA_DIR ?? defaultDataDir()
try {
  makePrivateDir(dataDir)
} catch {
  // The services' start-up check reports an unusable folder with a message a person can act on.
}
app.setPath('userData', dataDir)
logToFile = createLogFile(dataDir)

// Every renderer is sandboxed, whatever a window's own options say.
app.enableSandbox()
// Must happen before `ready`: the scheme's privileges are fixed when Chromium starts.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])

const appUrl = rendererUrl({ packaged: app.isPackaged, devUrl: process.env.ELECTRON_RENDERER_URL })
const rendererRoot = join(__dirname, '../renderer')

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let services: AppServices | null = null
  let mainWindow: ReturnType<typeof createMainWindow> | null = null
  let quitConfirmed = false
  let quitPromptOpen = false
  // Updates, the tray, notifications, b24desk:// links and the second launch's hand-over (issue 18).
  const desktop = startDesktopShell(log)

  // Any web contents, not only our window, starts with no webviews and no popups; the main window
  // then sets its own rules (window.ts).
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })

  /**
   * Asks before closing with work queued. The asynchronous dialog keeps the main thread running:
   * a synchronous one would stop the outbox's lock heartbeat, and another process could take over.
   */
  const confirmQuit = async (window: BrowserWindow) => {
    quitPromptOpen = true
    try {
      const { response } = await dialog.showMessageBox(window, {
        type: 'warning',
        buttons: [
          localize({ en: 'Quit anyway', ru: 'Всё равно выйти' }),
          localize({ en: 'Keep working', ru: 'Продолжить работу' })
        ],
        defaultId: 1,
        cancelId: 1,
        message: localize({ en: 'Bulk work is still queued.', ru: 'Массовые операции ещё в очереди.' }),
        detail: localize({
          en: 'It stays in the outbox and continues the next time B24 Desk starts.',
          ru: 'Они останутся в очереди и продолжатся при следующем запуске B24 Desk.'
        })
      })
      if (response === 0) {
        quitConfirmed = true
        if (!window.isDestroyed()) window.close()
      }
    } finally {
      quitPromptOpen = false
    }
  }

  void app.whenReady().then(async () => {
    const ses = session.defaultSession
    ses.setPermissionRequestHandler((contents, permission, callback, details) =>
      callback(
        contents === mainWindow?.window.webContents &&
          isPermissionGranted(permission, details.requestingUrl, appUrl)
      )
    )
    ses.setPermissionCheckHandler((contents, permission, requestingOrigin) =>
      Boolean(
        contents &&
        contents === mainWindow?.window.webContents &&
        isPermissionGranted(permission, requestingOrigin, appUrl)
      )
    )
    // The dev server's responses; app:// responses carry the CSP themselves.
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
      })
    })
    protocol.handle(APP_SCHEME, async (request) => {
      const answer = await serveAppAsset(rendererRoot, { url: request.url, method: request.method })
      return new Response(answer.body, { status: answer.status, headers: answer.headers })
    })

    try {
      services = await createAppServices({
        dataDir,
        version: app.getVersion(),
        openExternal: (url) => shell.openExternal(url),
        confirmExternal: confirmExternalWith((box) => dialog.showMessageBox(box)),
        log: (line) => log.info(line),
        desktop: desktop.desktopOptions
      })
    } catch (err) {
      dialog.showErrorBox('B24 Desk cannot start', (err as Error).message)
      app.exit(1)
      return
    }
    const handlers = services.handlers
    mainWindow = createMainWindow(dataDir, appUrl, {
      hidden: desktop.hidden,
      openLink: (url) => {
        void Promise.resolve(handlers['app:openExternal']({ url })).catch((err: Error) =>
          log.warn(err.message)
        )
      }
    })
    wireIpc(services.handlers, services.events, mainWindow, log)
    desktop.attach(services, mainWindow.window)

    const pushOnline = () => services?.events.emit('app:status', { online: net.isOnline(), at: Date.now() })
    pushOnline()
    const timer = setInterval(pushOnline, 15_000)
    powerMonitor.on('resume', pushOnline)
    app.on('will-quit', () => clearInterval(timer))

    const window = mainWindow.window
    window.on('close', (event) => {
      if (quitConfirmed || !services) return
      const decision = desktop.closeDecision(services)
      if (decision === 'quit') return
      event.preventDefault()
      if (decision === 'tray') desktop.hideToTray(window)
      else if (!quitPromptOpen) {
        if (!window.isVisible()) window.show()
        void confirmQuit(window)
      }
    })
  })

  app.on('window-all-closed', () => {
    if (!services) app.quit()
    else void services.close().finally(() => app.quit())
  })
}
