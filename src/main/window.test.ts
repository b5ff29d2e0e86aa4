import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

type Listener = (...args: unknown[]) => void

const state = vi.hoisted(() => ({
  windows: [] as Array<{
    options: Record<string, unknown>
    contents: Record<string, Listener>
    openHandler?: (d: { url: string }) => unknown
  }>,
  opened: [] as string[],
  loaded: [] as string[],
  onceEvents: [] as string[]
}))

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: {
      on: (e: string, l: Listener) => void
      setWindowOpenHandler: (h: (d: { url: string }) => unknown) => void
    }
    constructor(options: Record<string, unknown>) {
      const record = {
        options,
        contents: {} as Record<string, Listener>,
        openHandler: undefined as undefined | ((d: { url: string }) => unknown)
      }
      state.windows.push(record)
      this.webContents = {
        on: (e, l) => {
          record.contents[e] = l
        },
        setWindowOpenHandler: (h) => {
          record.openHandler = h
        }
      }
    }
    maximize() {}
    on() {}
    once(event: string) {
      state.onceEvents.push(event)
    }
    loadFile(file: string) {
      state.loaded.push(`file:${file}`)
      return Promise.resolve()
    }
    loadURL(url: string) {
      state.loaded.push(url)
      return Promise.resolve()
    }
  }
  return {
    BrowserWindow,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    shell: { openExternal: (url: string) => state.opened.push(url) }
  }
})

const { createMainWindow } = await import('./window')

describe('main window', () => {
  beforeEach(() => {
    state.windows.length = 0
    state.opened.length = 0
    state.loaded.length = 0
    state.onceEvents.length = 0
  })

  it('shows itself when ready, unless started hidden at login (it then waits in the tray)', () => {
    createMainWindow(mkdtempSync(join(tmpdir(), 'b24-win-')), 'app://b24desk/index.html')
    expect(state.onceEvents).toEqual(['ready-to-show'])
    state.onceEvents.length = 0
    createMainWindow(mkdtempSync(join(tmpdir(), 'b24-win-')), 'app://b24desk/index.html', { hidden: true })
    expect(state.onceEvents).toEqual([])
  })

  const APP_URL = 'app://b24desk/index.html'

  it('is sandboxed and isolated with no Node in the renderer', () => {
    createMainWindow(mkdtempSync(join(tmpdir(), 'b24-win-')), APP_URL)
    const prefs = state.windows[0].options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false
    })
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.js$/)
  })

  it('loads the app from its app:// origin, not from a file', () => {
    const { appUrl } = createMainWindow(mkdtempSync(join(tmpdir(), 'b24-win-')), APP_URL)
    expect(appUrl).toBe(APP_URL)
    expect(state.loaded).toEqual([APP_URL])
  })

  it('blocks navigation and redirects away from the app and opens only https links in the system browser', () => {
    createMainWindow(mkdtempSync(join(tmpdir(), 'b24-win-')), APP_URL)
    const w = state.windows[0]
    for (const [event, url, blocked] of [
      ['will-navigate', 'https://evil.example/', true],
      ['will-navigate', 'file:///etc/passwd', true],
      ['will-navigate', 'app://evil/index.html', true],
      ['will-navigate', 'app://b24desk/index.html#/pages', false],
      ['will-redirect', 'https://evil.example/', true],
      ['will-redirect', 'app://b24desk/index.html', false]
    ] as const) {
      const e = { preventDefault: vi.fn() }
      w.contents[event](e, url)
      expect(e.preventDefault.mock.calls.length, `${event} ${url}`).toBe(blocked ? 1 : 0)
    }

    expect(w.openHandler?.({ url: 'https://helpdesk.bitrix24.com/open/1/' })).toEqual({ action: 'deny' })
    expect(w.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(w.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(w.openHandler?.({ url: 'app://b24desk/index.html' })).toEqual({ action: 'deny' })
    // Alone, the window opens only Bitrix24's own hosts; the app hands it its full policy.
    expect(state.opened).toEqual(['https://helpdesk.bitrix24.com/open/1/'])
  })

  it('hands links the page opens to the app policy it is given', () => {
    const asked: string[] = []
    createMainWindow(mkdtempSync(join(tmpdir(), 'b24-win-')), APP_URL, { openLink: (url) => asked.push(url) })
    expect(state.windows[0].openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(asked).toEqual(['https://evil.example/'])
    expect(state.opened).toEqual([])
  })
})
