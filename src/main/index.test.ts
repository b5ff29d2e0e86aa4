import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EventEmitter } from 'node:events'
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

type Callback = (...args: unknown[]) => void

const electron = vi.hoisted(() => {
  const state = {
    gotLock: true,
    packaged: false,
    quit: 0,
    sandboxed: false,
    readyFired: false,
    schemes: [] as Array<{ scheme: string; privileges: Record<string, unknown>; beforeReady: boolean }>,
    protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
    permissionHandler: null as null | Callback,
    checkHandler: null as null | ((...args: unknown[]) => boolean),
    headersHandler: null as null | Callback,
    windowsCreated: 0,
    windowUrls: [] as string[],
    windowContents: { id: 1 } as object,
    windowClosed: 0,
    pendingWork: false,
    windowHandlers: new Map<string, Callback>(),
    messageBoxes: [] as Array<Record<string, unknown>>,
    answer: null as null | ((choice: number) => void),
    ready: null as null | (() => void),
    appEvents: null as unknown as import('node:events').EventEmitter
  }
  return state
})

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events')
  const app = new Emitter() as EventEmitter & Record<string, unknown>
  electron.appEvents = app
  // A getter, not a copied value: each test decides whether the app runs packaged.
  Object.defineProperty(app, 'isPackaged', { get: () => electron.packaged })
  Object.assign(app, {
    setName: () => {},
    setPath: () => {},
    getVersion: () => '0.0.0-test',
    enableSandbox: () => {
      electron.sandboxed = true
    },
    requestSingleInstanceLock: () => electron.gotLock,
    quit: () => {
      electron.quit += 1
    },
    exit: () => {},
    commandLine: { hasSwitch: () => false, removeSwitch: () => {} },
    whenReady: () =>
      new Promise<void>(
        (resolve) =>
          (electron.ready = () => {
            electron.readyFired = true
            resolve()
          })
      )
  })
  return {
    app,
    dialog: {
      showErrorBox: () => {},
      // Only the asynchronous dialog exists here: a synchronous one would block the main thread.
      showMessageBox: (_w: unknown, options: Record<string, unknown>) => {
        electron.messageBoxes.push(options)
        return new Promise((resolve) => (electron.answer = (response) => resolve({ response })))
      }
    },
    net: { isOnline: () => true },
    powerMonitor: { on: () => {} },
    protocol: {
      registerSchemesAsPrivileged: (
        schemes: Array<{ scheme: string; privileges: Record<string, unknown> }>
      ) => electron.schemes.push(...schemes.map((s) => ({ ...s, beforeReady: !electron.readyFired }))),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        electron.protocolHandlers.set(scheme, handler)
    },
    shell: { openExternal: async () => {} },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Callback) => (electron.permissionHandler = h),
        setPermissionCheckHandler: (h: (...args: unknown[]) => boolean) => (electron.checkHandler = h),
        webRequest: { onHeadersReceived: (h: Callback) => (electron.headersHandler = h) }
      }
    }
  }
})

vi.mock('./window', () => ({
  createMainWindow: (_dataDir: string, appUrl: string) => {
    electron.windowsCreated += 1
    electron.windowUrls.push(appUrl)
    const on = (name: string, handler: Callback) => electron.windowHandlers.set(name, handler)
    return {
      window: {
        on,
        webContents: electron.windowContents,
        isDestroyed: () => false,
        isVisible: () => true,
        show: () => {},
        close: () => {
          electron.windowClosed += 1
        }
      },
      appUrl
    }
  }
}))
vi.mock('./ipc', () => ({ wireIpc: () => {} }))
// The desktop half (tray, updates, links) has its own test with its own Electron double (desktop.test.ts).
vi.mock('./desktop', () => ({
  startDesktopShell: () => ({
    desktopOptions: {},
    hidden: false,
    attach: () => {},
    closeDecision: (s: { hasPendingWork(): boolean }) => (s.hasPendingWork() ? 'ask' : 'quit'),
    hideToTray: () => {}
  })
}))
vi.mock('./services/app/log-file', () => ({ createLogFile: () => () => {} }))
vi.mock('./services/compose', () => ({
  createAppServices: async () => ({
    events: { emit: () => {} },
    handlers: {},
    hasPendingWork: () => electron.pendingWork,
    close: async () => {}
  })
}))

const tick = () => new Promise((r) => setTimeout(r, 10))

let listenersBefore: NodeJS.UnhandledRejectionListener[] = []

const startShell = async () => {
  vi.resetModules()
  listenersBefore = process.listeners('unhandledRejection')
  await import('./index')
  electron.ready?.()
  await tick()
}

describe('electron shell start-up', () => {
  beforeEach(() => {
    electron.gotLock = true
    electron.packaged = false
    electron.quit = 0
    electron.sandboxed = false
    electron.readyFired = false
    electron.schemes = []
    electron.protocolHandlers.clear()
    electron.windowsCreated = 0
    electron.windowUrls = []
    electron.windowClosed = 0
    electron.ready = null
    electron.pendingWork = false
    electron.windowHandlers.clear()
    electron.messageBoxes = []
    electron.answer = null
    delete process.env.ELECTRON_RENDERER_URL
    // The shell creates its data folder at start-up: never the user's real one in a test.
    process.env.B24DESK_DATA_DIR = join(mkdtempSync(join(tmpdir(), 'b24-shell-')), 'data')
  })

  afterEach(() => {
    for (const l of process.listeners('unhandledRejection')) {
      if (!listenersBefore.includes(l)) process.off('unhandledRejection', l)
    }
    delete process.env.ELECTRON_RENDERER_URL
  })

  it('a second instance quits at once and opens no window', async () => {
    electron.gotLock = false
    await startShell()
    expect(electron.quit).toBe(1)
    expect(electron.windowsCreated).toBe(0)
  })

  it('registers the privileged app:// scheme before ready and sandboxes every renderer', async () => {
    await startShell()
    expect(statSync(process.env.B24DESK_DATA_DIR!).mode & 0o777).toBe(
      process.platform === 'win32' ? 0o666 : 0o700
    )
    expect(electron.sandboxed).toBe(true)
    expect(electron.schemes).toEqual([
      {
        scheme: 'app',
        beforeReady: true,
        privileges: expect.objectContaining({
          standard: true,
          secure: true,
          supportFetchAPI: true,
          bypassCSP: false
        })
      }
    ])
    expect(electron.windowUrls).toEqual(['app://b24desk/index.html'])
  })

  it('serves the renderer over app:// with the CSP on every response, and nothing outside it', async () => {
    await startShell()
    const serve = electron.protocolHandlers.get('app')!
    // Running from the sources, the renderer folder next to main is src/renderer.
    const page = await serve(new Request('app://b24desk/index.html'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/)
    expect(await page.text()).toContain('<div id="root">')

    const escape = await serve(new Request('app://b24desk/assets/%2e%2e%2f%2e%2e%2fmain%2findex.ts'))
    expect(escape.status).toBe(404)
    expect(escape.headers.get('content-security-policy')).toMatch(/object-src 'none'/)
  })

  it('honours ELECTRON_RENDERER_URL only when the app is not packaged', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173'
    await startShell()
    expect(electron.windowUrls).toEqual(['http://localhost:5173/'])

    electron.packaged = true
    await startShell()
    expect(electron.windowUrls).toEqual(['http://localhost:5173/', 'app://b24desk/index.html'])
  })

  it('grants clipboard writing to our own page only, and no other permission', async () => {
    await startShell()
    const own = electron.windowContents
    const request = (contents: object, permission: string, requestingUrl: string) => {
      const answer = vi.fn()
      electron.permissionHandler?.(contents, permission, answer, { requestingUrl, isMainFrame: true })
      return answer.mock.calls[0][0]
    }
    expect(request(own, 'clipboard-sanitized-write', 'app://b24desk/index.html#/sites')).toBe(true)
    expect(request(own, 'clipboard-sanitized-write', 'https://evil.example/')).toBe(false)
    expect(request({ id: 99 }, 'clipboard-sanitized-write', 'app://b24desk/index.html')).toBe(false)
    expect(request(own, 'media', 'app://b24desk/index.html')).toBe(false)
    expect(request(own, 'geolocation', 'app://b24desk/index.html')).toBe(false)

    const check = electron.checkHandler!
    expect(check(own, 'clipboard-sanitized-write', 'app://b24desk', { isMainFrame: true })).toBe(true)
    expect(check(own, 'clipboard-sanitized-write', 'app://evil', { isMainFrame: true })).toBe(false)
    expect(check(null, 'clipboard-sanitized-write', 'app://b24desk', { isMainFrame: true })).toBe(false)
    expect(check(own, 'notifications', 'app://b24desk', { isMainFrame: true })).toBe(false)
  })

  it('adds the CSP to dev-server responses too', async () => {
    await startShell()
    let headers: Record<string, string[]> = {}
    electron.headersHandler?.(
      { responseHeaders: { 'X-Other': ['1'] } },
      (r: { responseHeaders: Record<string, string[]> }) => {
        headers = r.responseHeaders
      }
    )
    expect(headers['X-Other']).toEqual(['1'])
    expect(headers['Content-Security-Policy'][0]).toMatch(/img-src 'self' data:;/)
  })

  it('every new web contents refuses webviews and popups', async () => {
    await startShell()
    const contents = new EventEmitter() as EventEmitter & { setWindowOpenHandler(h: () => unknown): void }
    let openHandler: (() => unknown) | null = null
    contents.setWindowOpenHandler = (h) => (openHandler = h)
    electron.appEvents.emit('web-contents-created', {}, contents)
    const attach = { preventDefault: vi.fn() }
    contents.emit('will-attach-webview', attach)
    expect(attach.preventDefault).toHaveBeenCalled()
    expect(openHandler!()).toEqual({ action: 'deny' })
  })

  it('logs an unhandled rejection with secrets masked', async () => {
    await startShell()
    const added = process.listeners('unhandledRejection').filter((l) => !listenersBefore.includes(l))
    expect(added).toHaveLength(1)
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      added[0](
        new Error('sync failed: https://acme.bitrix24.com/rest/1/w3bh00kc0de/landing.site.getList'),
        Promise.resolve()
      )
      expect(errors).toHaveBeenCalledTimes(1)
      const line = String(errors.mock.calls[0][0])
      expect(line).toMatch(/^Unhandled promise rejection: Error: sync failed/)
      expect(line).not.toContain('w3bh00kc0de')
    } finally {
      errors.mockRestore()
    }
  })

  it('asks before quitting with queued work without blocking the main thread, in the app language', async () => {
    await startShell()
    // The same module instance the shell loaded: the renderer sets the language through it.
    const { setLanguage } = await import('./services/app/language')
    const close = electron.windowHandlers.get('close')!

    const idle = { preventDefault: vi.fn() }
    close(idle)
    expect(idle.preventDefault).not.toHaveBeenCalled()
    expect(electron.messageBoxes).toHaveLength(0)

    electron.pendingWork = true
    setLanguage('ru')
    const first = { preventDefault: vi.fn() }
    close(first)
    // The close is held while the question is open; a second close does not stack another prompt.
    expect(first.preventDefault).toHaveBeenCalledTimes(1)
    const again = { preventDefault: vi.fn() }
    close(again)
    expect(again.preventDefault).toHaveBeenCalledTimes(1)
    expect(electron.messageBoxes).toHaveLength(1)
    expect(electron.messageBoxes[0]).toMatchObject({
      message: 'Массовые операции ещё в очереди.',
      buttons: ['Всё равно выйти', 'Продолжить работу'],
      cancelId: 1
    })
    expect(String(electron.messageBoxes[0].detail)).toMatch(/при следующем запуске/)

    electron.answer!(1) // Keep working
    await tick()
    expect(electron.windowClosed).toBe(0)

    setLanguage('en')
    close({ preventDefault: vi.fn() })
    expect(electron.messageBoxes[1]).toMatchObject({
      message: 'Bulk work is still queued.',
      buttons: ['Quit anyway', 'Keep working']
    })
    electron.answer!(0) // Quit anyway
    await tick()
    expect(electron.windowClosed).toBe(1)
    // The window's own close, once confirmed, goes through.
    const confirmed = { preventDefault: vi.fn() }
    close(confirmed)
    expect(confirmed.preventDefault).not.toHaveBeenCalled()
    expect(electron.messageBoxes).toHaveLength(2)
  })
})
