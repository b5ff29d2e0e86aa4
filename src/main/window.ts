import { BrowserWindow, screen, shell } from 'electron'
import { join } from 'node:path'
import { decideExternalLink, isAppUrl } from './services/app/external-url'
import { loadWindowState, placeWindow, saveWindowState } from './services/app/window-state'

export interface MainWindow {
  window: BrowserWindow
  appUrl: string
}

/**
 * The one window: sandboxed, isolated, no Node, no navigation away from `appUrl` (the app:// page,
 * or the dev server in an unpackaged app), no new windows.
 */
export const createMainWindow = (
  dataDir: string,
  appUrl: string,
  opts: {
    hidden?: boolean
    /** Where a link the page opens goes: the app's openExternal policy; alone, only Bitrix24's own hosts open. */
    openLink?: (url: string) => void
  } = {}
): MainWindow => {
  const placement = placeWindow(
    loadWindowState(dataDir),
    screen.getAllDisplays().map((d) => d.workArea)
  )
  const window = new BrowserWindow({
    ...placement,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'B24 Desk',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false
    }
  })
  if (placement.maximized) window.maximize()

  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault()
  })
  window.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault()
  })
  const openLink =
    opts.openLink ??
    ((url: string) => {
      if (decideExternalLink(url, []).action === 'open') void shell.openExternal(url)
    })
  window.webContents.setWindowOpenHandler(({ url }) => {
    openLink(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())

  const remember = () => {
    if (window.isDestroyed()) return
    const b = window.getNormalBounds()
    try {
      saveWindowState(dataDir, { ...b, maximized: window.isMaximized() })
    } catch {
      // Losing the window position is not worth interrupting a quit.
    }
  }
  window.on('close', remember)
  // Started at login, the window waits in the tray until asked for.
  if (!opts.hidden) window.once('ready-to-show', () => window.show())

  void window.loadURL(appUrl)
  return { window, appUrl }
}
