import { beforeEach, describe, expect, it, vi } from 'vitest'
import { EventEmitter } from 'node:events'

type Callback = (...args: unknown[]) => void

const electron = vi.hoisted(() => {
  const state = {
    gotLock: true,
    quit: 0,
    permissionHandler: null as null | Callback,
    checkHandler: null as null | (() => boolean),
    headersHandler: null as null | Callback,
    windowsCreated: 0,
    pendingWork: false,
    windowHandlers: new Map<string, Callback>(),
    messageBoxes: [] as Array<Record<string, unknown>>,
    ready: null as null | (() => void),
    appEvents: null as unknown as import('node:events').EventEmitter
  }
  return state
})

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events')
  const app = new Emitter() as EventEmitter & Record<string, unknown>
  electron.appEvents = app
  Object.assign(app, {
    setName: () => {},
    setPath: () => {},
    getVersion: () => '0.0.0-test',
    requestSingleInstanceLock: () => electron.gotLock,
    quit: () => {
      electron.quit += 1
    },
    exit: () => {},
    whenReady: () => new Promise<void>((resolve) => (electron.ready = resolve))
  })
  return {
    app,
    dialog: {
      showErrorBox: () => {},
      showMessageBoxSync: (_w: unknown, options: Record<string, unknown>) => {
        electron.messageBoxes.push(options)
        return 1
      }
    },
    net: { isOnline: () => true },
    powerMonitor: { on: () => {} },
    shell: { openExternal: async () => {} },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Callback) => (electron.permissionHandler = h),
        setPermissionCheckHandler: (h: () => boolean) => (electron.checkHandler = h),
        webRequest: { onHeadersReceived: (h: Callback) => (electron.headersHandler = h) }
      }
    }
  }
})

vi.mock('./window', () => ({
  createMainWindow: () => {
    electron.windowsCreated += 1
    const on = (name: string, handler: Callback) => electron.windowHandlers.set(name, handler)
    return {
      window: { on, webContents: { on: () => {}, send: () => {} }, isDestroyed: () => false },
      appUrl: 'file:///x'
    }
  }
}))
vi.mock('./ipc', () => ({ wireIpc: () => {} }))
vi.mock('./services/compose', () => ({
  createAppServices: async () => ({
    events: { emit: () => {} },
    handlers: {},
    hasPendingWork: () => electron.pendingWork,
    close: async () => {}
  })
}))

const startShell = async () => {
  vi.resetModules()
  await import('./index')
  electron.ready?.()
  await new Promise((r) => setTimeout(r, 10))
}

describe('electron shell start-up', () => {
  beforeEach(() => {
    electron.gotLock = true
    electron.quit = 0
    electron.windowsCreated = 0
    electron.ready = null
    electron.pendingWork = false
    electron.windowHandlers.clear()
    electron.messageBoxes = []
  })

  it('a second instance quits at once and opens no window', async () => {
    electron.gotLock = false
    await startShell()
    expect(electron.quit).toBe(1)
    expect(electron.windowsCreated).toBe(0)
  })

  it('denies every permission request and check, and adds the CSP to every response', async () => {
    await startShell()
    expect(electron.windowsCreated).toBe(1)
    const answer = vi.fn()
    electron.permissionHandler?.({}, 'media', answer)
    electron.permissionHandler?.({}, 'geolocation', answer)
    expect(answer.mock.calls).toEqual([[false], [false]])
    expect(electron.checkHandler?.()).toBe(false)

    let headers: Record<string, string[]> = {}
    electron.headersHandler?.(
      { responseHeaders: { 'X-Other': ['1'] } },
      (r: { responseHeaders: Record<string, string[]> }) => {
        headers = r.responseHeaders
      }
    )
    expect(headers['X-Other']).toEqual(['1'])
    expect(headers['Content-Security-Policy'][0]).toMatch(/script-src 'self'/)
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

  it('warns before quitting with queued work, in the language the app is set to', async () => {
    await startShell()
    // The same module instance the shell loaded: the renderer sets the language through it.
    const { setLanguage } = await import('./services/app/language')
    const close = electron.windowHandlers.get('close')!
    const event = { preventDefault: vi.fn() }

    close(event)
    expect(electron.messageBoxes).toHaveLength(0)

    electron.pendingWork = true
    setLanguage('ru')
    close(event)
    expect(electron.messageBoxes[0]).toMatchObject({
      message: 'Массовые операции ещё в очереди.',
      buttons: ['Всё равно выйти', 'Продолжить работу']
    })
    expect(String(electron.messageBoxes[0].detail)).toMatch(/при следующем запуске/)
    expect(event.preventDefault).toHaveBeenCalledTimes(1)

    setLanguage('en')
    close(event)
    expect(electron.messageBoxes[1]).toMatchObject({
      message: 'Bulk work is still queued.',
      buttons: ['Quit anyway', 'Keep working']
    })
  })
})
