import { app, dialog, net, powerMonitor, session, shell } from 'electron'
import { createAppServices, type AppServices } from './services/compose'
import { defaultDataDir } from './services/app/data-dir'
import { localize } from './services/app/language'
import { createMainWindow } from './window'
import { wireIpc } from './ipc'
import { CONTENT_SECURITY_POLICY } from './csp'

app.setName('B24 Desk')
const dataDir = process.env.B24DESK_DATA_DIR ?? defaultDataDir()
app.setPath('userData', dataDir)

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let services: AppServices | null = null
  let mainWindow: ReturnType<typeof createMainWindow> | null = null
  let quitConfirmed = false

  app.on('second-instance', () => {
    const w = mainWindow?.window
    if (w && !w.isDestroyed()) {
      if (w.isMinimized()) w.restore()
      w.focus()
    }
  })

  // Any web contents, not only our window, starts with no webviews and no popups; the main window
  // then sets its own rules (window.ts).
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })

  app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
    session.defaultSession.setPermissionCheckHandler(() => false)
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
      })
    })

    try {
      services = await createAppServices({
        dataDir,
        version: app.getVersion(),
        openExternal: (url) => shell.openExternal(url),
        log: (line) => console.log(line)
      })
    } catch (err) {
      dialog.showErrorBox('B24 Desk cannot start', (err as Error).message)
      app.exit(1)
      return
    }
    mainWindow = createMainWindow(dataDir)
    wireIpc(services.handlers, services.events, mainWindow)

    const pushOnline = () => services?.events.emit('app:status', { online: net.isOnline(), at: Date.now() })
    pushOnline()
    const timer = setInterval(pushOnline, 15_000)
    powerMonitor.on('resume', pushOnline)
    app.on('will-quit', () => clearInterval(timer))

    mainWindow.window.on('close', (event) => {
      if (quitConfirmed || !services?.hasPendingWork()) return
      const choice = dialog.showMessageBoxSync(mainWindow!.window, {
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
      if (choice === 1) event.preventDefault()
      else quitConfirmed = true
    })
  })

  app.on('window-all-closed', () => {
    void services?.close().finally(() => app.quit())
  })
}
