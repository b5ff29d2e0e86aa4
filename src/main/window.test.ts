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
  opened: [] as string[]
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
    once() {}
    loadFile() {
      return Promise.resolve()
    }
    loadURL() {
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
  })

  it('is sandboxed and isolated with no Node in the renderer', () => {
    createMainWindow(mkdtempSync(join(tmpdir(), 'b24-win-')))
    const prefs = state.windows[0].options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true
    })
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.js$/)
  })

  it('blocks navigation away from the app and opens only https links in the system browser', () => {
    const { appUrl } = createMainWindow(mkdtempSync(join(tmpdir(), 'b24-win-')))
    const w = state.windows[0]
    const nav = { preventDefault: vi.fn() }
    w.contents['will-navigate'](nav, 'https://evil.example/')
    expect(nav.preventDefault).toHaveBeenCalled()
    const own = { preventDefault: vi.fn() }
    w.contents['will-navigate'](own, appUrl)
    expect(own.preventDefault).not.toHaveBeenCalled()

    expect(w.openHandler?.({ url: 'https://portal.bitrix24.com/' })).toEqual({ action: 'deny' })
    expect(w.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(state.opened).toEqual(['https://portal.bitrix24.com/'])
  })
})
