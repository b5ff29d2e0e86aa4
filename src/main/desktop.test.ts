import { beforeEach, describe, expect, it, vi } from 'vitest'
import { EventEmitter } from 'node:events'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { OutboxView } from '../shared/domain/outbox'
import type { AppTarget } from '../shared/domain/desktop'

type Item = { label?: string; role?: string; id?: string; click?: () => void; submenu?: Item[] }

const e = vi.hoisted(() => ({
  packaged: true,
  quit: 0,
  crash: [] as unknown[],
  menus: [] as Item[][],
  appMenu: null as Item[] | null,
  trays: [] as Array<{ menu: Item[] | null; tooltip: string }>,
  notifications: [] as Array<{ title: string; body: string; emit(name: string): void }>,
  app: null as unknown as EventEmitter,
  saveAs: { canceled: true, filePath: undefined as string | undefined },
  shownInFolder: [] as string[]
}))

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events')
  const app = new Emitter() as EventEmitter & Record<string, unknown>
  e.app = app
  Object.defineProperty(app, 'isPackaged', { get: () => e.packaged })
  Object.assign(app, {
    quit: () => void e.quit++,
    setAsDefaultProtocolClient: () => true,
    getLoginItemSettings: () => ({ wasOpenedAtLogin: false }),
    setLoginItemSettings: () => {},
    setAboutPanelOptions: () => {},
    showAboutPanel: () => {},
    getVersion: () => '0.1.0',
    getPath: () => tmpdir()
  })
  class Tray {
    entry = { menu: null as Item[] | null, tooltip: '' }
    constructor() {
      e.trays.push(this.entry)
    }
    on() {}
    setToolTip(t: string) {
      this.entry.tooltip = t
    }
    setContextMenu(m: Item[]) {
      this.entry.menu = m
    }
  }
  class Notification extends Emitter {
    static isSupported = () => true
    constructor(readonly opts: { title: string; body: string }) {
      super()
    }
    show() {
      e.notifications.push({ ...this.opts, emit: (n: string) => this.emit(n) })
    }
  }
  return {
    app,
    crashReporter: { start: (o: unknown) => e.crash.push(o) },
    dialog: { showSaveDialog: async () => e.saveAs },
    Menu: {
      buildFromTemplate: (t: Item[]) => t,
      setApplicationMenu: (m: Item[]) => (e.appMenu = m)
    },
    nativeImage: { createFromPath: () => ({ resize: () => ({}) }) },
    Notification,
    shell: { openPath: async () => '', showItemInFolder: (p: string) => void e.shownInFolder.push(p) },
    Tray
  }
})

// The real autoUpdater would load Electron itself; its logic is tested in services/updates.
vi.mock('electron-updater', async () => {
  const { EventEmitter: Emitter } = await import('node:events')
  const engine = Object.assign(new Emitter(), {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    checkForUpdates: async () => null,
    downloadUpdate: async () => [],
    quitAndInstall: () => {},
    setFeedURL: () => {}
  })
  return { autoUpdater: engine }
})

// What Electron sets in a packaged app: where extraResources (the tray icon, the README) are.
Object.defineProperty(process, 'resourcesPath', { value: '/opt/b24/resources', configurable: true })

const { startDesktopShell } = await import('./desktop')
const { createAppEvents } = await import('./services/events')
const { createDesktopServices } = await import('./services/desktop')

const fakeWindow = () => {
  const w = { visible: true, focused: 0, hidden: 0, devToolsClosed: 0 }
  const contents = new EventEmitter()
  return Object.assign(w, {
    webContents: Object.assign(contents, { closeDevTools: () => void w.devToolsClosed++ }),
    isDestroyed: () => false,
    isMinimized: () => false,
    isVisible: () => w.visible,
    restore: () => {},
    show: () => void (w.visible = true),
    focus: () => void w.focused++,
    hide: () => {
      w.visible = false
      w.hidden++
    }
  })
}

const JOB = {
  id: 1,
  title: 'Publish',
  createdAt: 0,
  finishedAt: null,
  state: 'active' as const,
  total: 10,
  counts: { queued: 6, sending: 0, done: 4, failed: 0, mismatch: 0, superseded: 0, cancelled: 0 },
  portalIds: ['p1'],
  changes: 0,
  startAt: null,
  startedAt: null,
  lateByMs: null,
  restore: null
}

const setup = (outbox: OutboxView) => {
  const events = createAppEvents()
  const opened: AppTarget[] = []
  events.subscribe((channel, payload) => {
    if (channel === 'app:open') opened.push(payload as AppTarget)
  })
  const paused: string[] = []
  const shell = startDesktopShell({ info: () => {}, warn: () => {} })
  const desktop = createDesktopServices(
    {
      dataDir: mkdtempSync(join(tmpdir(), 'b24-shell-desktop-')),
      version: '0.1.0',
      events,
      now: () => Date.now(),
      log: () => {},
      portalName: (id) => id,
      outbox: {
        view: () => outbox,
        pauseLane: async (id) => void paused.push(id),
        stop: async () => {}
      },
      snapshots: async () => []
    },
    shell.desktopOptions
  )
  const pending = () => outbox.jobs.some((j) => j.counts.queued > 0)
  const handlers = {
    'app:info': () => ({
      name: 'B24 Desk',
      version: '0.1.0',
      platform: process.platform,
      dataDir: '/nowhere',
      dataDirHealthy: true,
      dataDirError: null
    }),
    'portals:list': () => [],
    'outbox:view': () => outbox,
    'settings:get': () => desktop.settings.get(),
    'updates:state': () => desktop.updates.state()
  }
  const services = { events, desktop, hasPendingWork: pending, handlers } as never
  const window = fakeWindow()
  return { shell, services, window, opened, paused, desktop }
}

const running: OutboxView = {
  jobs: [JOB],
  lanes: [
    {
      portalId: 'p1',
      state: 'running',
      counts: JOB.counts,
      reason: null,
      nextAttemptAt: null,
      inFlight: 1,
      window: 4,
      ceiling: 4,
      lowered: null
    }
  ]
}

describe('the desktop shell', () => {
  beforeEach(() => {
    e.app.removeAllListeners()
    e.quit = 0
    e.crash = []
    e.trays = []
    e.notifications = []
    e.packaged = true
  })

  it('keeps crash reports local: crashReporter starts without upload', () => {
    setup({ jobs: [], lanes: [] })
    expect(e.crash).toEqual([expect.objectContaining({ uploadToServer: false })])
  })

  it('a second launch focuses the window and hands over its b24desk:// link', () => {
    const { shell, services, window, opened } = setup({ jobs: [], lanes: [] })
    shell.attach(services, window as never)
    e.app.emit('second-instance', {}, ['/opt/b24/b24-desk', 'b24desk://job/42'], '/home')
    expect(window.focused).toBe(1)
    expect(opened).toEqual([{ kind: 'job', jobId: 42 }])
    e.app.emit('second-instance', {}, ['/opt/b24/b24-desk'], '/home')
    expect(window.focused).toBe(2)
    expect(opened).toHaveLength(1)
    // macOS delivers links through open-url.
    const ev = { preventDefault: vi.fn() }
    e.app.emit('open-url', ev, 'b24desk://portal/abc')
    expect(ev.preventDefault).toHaveBeenCalled()
    expect(opened.at(-1)).toEqual({ kind: 'portal', portalId: 'abc' })
    e.app.emit('open-url', { preventDefault() {} }, 'b24desk://nothing/1')
    expect(opened).toHaveLength(2)
  })

  it('closing with work queued hides to the tray; its menu shows progress, pauses all portals and quits', () => {
    const { shell, services, window, paused } = setup(running)
    shell.attach(services, window as never)
    expect(shell.closeDecision(services)).toBe('tray')
    shell.hideToTray(window as never)
    expect(window.hidden).toBe(1)
    expect(e.trays).toHaveLength(1)
    const menu = e.trays[0].menu!
    expect(menu[0].label).toBe('Sending: 4 of 10 done')
    menu.find((i) => i.id === 'pause-all')!.click!()
    expect(paused).toEqual(['p1'])
    menu.find((i) => i.id === 'open')!.click!()
    expect(window.visible).toBe(true)
    menu.find((i) => i.id === 'quit')!.click!()
    expect(e.quit).toBe(1)
    // Quitting with work queued asks (the shell's question), it does not hide again.
    e.app.emit('before-quit')
    expect(shell.closeDecision(services)).toBe('ask')
  })

  it('quitting to install an update closes without asking, even with work queued', () => {
    const { shell, services, window } = setup(running)
    shell.attach(services, window as never)
    shell.desktopOptions.beforeInstall()
    e.app.emit('before-quit')
    expect(shell.closeDecision(services)).toBe('quit')
  })

  it('with nothing queued, closing quits; with "quit" chosen, closing with work asks', () => {
    const idle = setup({ jobs: [], lanes: [] })
    expect(idle.shell.closeDecision(idle.services)).toBe('quit')
    const busy = setup(running)
    busy.desktop.settings.set({ onClose: 'quit' })
    expect(busy.shell.closeDecision(busy.services)).toBe('ask')
  })

  it('a notification click opens what it is about', () => {
    const { shell, services, window, opened } = setup({ jobs: [], lanes: [] })
    shell.attach(services, window as never)
    window.visible = false
    shell.desktopOptions.notifier.show({
      kind: 'jobFailed',
      title: 'Job finished with failures',
      body: 'Publish: 2 failed',
      link: 'b24desk://job/7',
      target: { kind: 'job', jobId: 7 }
    })
    expect(e.notifications.map((n) => n.title)).toEqual(['Job finished with failures'])
    e.notifications[0].emit('click')
    expect(window.visible).toBe(true)
    expect(opened).toEqual([{ kind: 'job', jobId: 7 }])
  })

  it('sets the localised application menu; DevTools only in an unpackaged build', async () => {
    const roles = (items: Item[]): string[] =>
      items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])])
    const packaged = setup({ jobs: [], lanes: [] })
    packaged.shell.attach(packaged.services, packaged.window as never)
    expect(roles(e.appMenu!)).toEqual(expect.arrayContaining(['copy', 'paste', 'zoomIn']))
    expect(roles(e.appMenu!)).not.toContain('toggleDevTools')
    packaged.window.webContents.emit('devtools-opened')
    expect(packaged.window.devToolsClosed).toBe(1)
    e.packaged = false
    const dev = setup({ jobs: [], lanes: [] })
    dev.shell.attach(dev.services, dev.window as never)
    expect(roles(e.appMenu!)).toContain('toggleDevTools')
    dev.window.webContents.emit('devtools-opened')
    expect(dev.window.devToolsClosed).toBe(0)
    // The window switches the language: the menu follows.
    const { setLanguage } = await import('./services/app/language')
    setLanguage('ru')
    try {
      expect(e.appMenu!.map((m) => m.label)).toContain('&Правка')
    } finally {
      setLanguage('en')
    }
  })

  it('File → Save Diagnostics… writes the archive where the user said and shows it', async () => {
    const { shell, services, window } = setup(running)
    shell.attach(services, window as never)
    const file = join(mkdtempSync(join(tmpdir(), 'b24-diag-menu-')), 'support.tar.gz')
    e.saveAs = { canceled: false, filePath: file }
    const item = e.appMenu!.flatMap((m) => m.submenu ?? []).find((i) => i.id === 'save-diagnostics')!
    item.click!()
    await vi.waitFor(() => expect(e.shownInFolder).toEqual([file]))
    const { readTarGz } = await import('./services/desktop/tar')
    const names = readTarGz(readFileSync(file)).map((x) => x.name)
    expect(names).toContain('outbox.json')
  })

  it.skipIf(process.platform !== 'linux')(
    'start at login: a packaged app on Linux writes an XDG autostart entry that starts hidden',
    () => {
      const config = mkdtempSync(join(tmpdir(), 'b24-xdg-'))
      process.env.XDG_CONFIG_HOME = config
      try {
        const { shell, services, window, desktop } = setup({ jobs: [], lanes: [] })
        shell.attach(services, window as never)
        const entry = join(config, 'autostart', 'b24-desk.desktop')
        expect(existsSync(entry)).toBe(false)
        desktop.settings.set({ startAtLogin: true })
        expect(readFileSync(entry, 'utf8')).toMatch(/^Exec=".+" --hidden$/m)
        desktop.settings.set({ startAtLogin: false })
        expect(existsSync(entry)).toBe(false)
      } finally {
        delete process.env.XDG_CONFIG_HOME
      }
    }
  )
})
