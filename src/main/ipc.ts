import { ipcMain, type BrowserWindow } from 'electron'
import { createEventHub } from './ipc/event-hub'
import type { AppEvents } from './services/events'
import { createIpcRouter } from './ipc/router'
import type { Handlers } from '../shared/ipc/handlers'
import { isAppUrl } from './services/app/external-url'

/**
 * Registers every contract channel on ipcMain; only our own window's frames are answered, and only
 * while they show the app's own page (app://, or the dev server in an unpackaged app).
 */
export const wireIpc = (
  handlers: Handlers,
  events: AppEvents,
  main: { window: BrowserWindow; appUrl: string },
  log: { warn(line: string): void } = console
) => {
  const router = createIpcRouter({
    handlers,
    isTrustedSender: (s) =>
      s.webContentsId === main.window.webContents.id && isAppUrl(s.frameUrl, main.appUrl),
    log: (line) => log.warn(line)
  })
  for (const channel of router.channels) {
    ipcMain.handle(channel, (event, input: unknown) =>
      router.dispatch(channel, input, { webContentsId: event.sender.id, frameUrl: event.senderFrame?.url })
    )
  }
  const hub = createEventHub(events)
  const sink = (channel: string, payload: unknown) => {
    if (!main.window.isDestroyed()) main.window.webContents.send(channel, payload)
  }
  hub.attach(sink)
  // A reload starts a new renderer that must say it is ready before it gets events again.
  main.window.webContents.on('did-start-loading', () => hub.attach(sink))
  main.window.on('closed', () => {
    hub.detach()
    for (const channel of router.channels) ipcMain.removeHandler(channel)
  })
}
