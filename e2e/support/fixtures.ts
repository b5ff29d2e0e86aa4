import { test as base, chromium, _electron, type Page, type BrowserContext } from '@playwright/test'
import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createAppServices, type AppServices, type AppServicesOptions } from '../../src/main/services/compose'
import type { EventChannel, EventPayload } from '../../src/shared/ipc/contract'
import { chromiumArgs } from '../../src/browser-shell/chromium'
import { serveRenderer } from '../../src/browser-shell/serve-renderer'
import { wireBrowserWindow } from '../../src/browser-shell/wire'

export type Mode = 'chromium' | 'electron'

export const ROOT = resolve(__dirname, '../..')
const OUT = join(ROOT, 'out')
export const SCREENSHOTS = join(ROOT, 'e2e', 'screenshots')

export const CHROMIUM_ARGS = chromiumArgs({ root: true })

/** Where Electron keeps its binary once downloaded; asking `require('electron')` would download it. */
export const electronAvailable = () => existsSync(join(ROOT, 'node_modules', 'electron', 'dist'))

export interface AppHandle {
  mode: Mode
  page: Page
  dataDir: string
  /** The real services (chromium mode only; in electron mode they live in the app's own main process). */
  services: AppServices | null
  openedExternal: string[]
  push<E extends EventChannel>(channel: E, payload: EventPayload<E>): Promise<void>
  /** Stop and start the app on the same data directory, as a user quitting and reopening it would. */
  restart(): Promise<void>
  screenshot(name: string): Promise<void>
}

export interface LaunchOptions {
  dataDir?: string
  services?: Partial<AppServicesOptions>
  colorScheme?: 'light' | 'dark'
  locale?: string
}

const launchChromium = async (
  opts: LaunchOptions,
  dataDir: string
): Promise<AppHandle & { close(): Promise<void> }> => {
  const renderer = await serveRenderer(join(OUT, 'renderer'))
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
  const openedExternal: string[] = []
  let services: AppServices
  let context: BrowserContext
  let page: Page
  let detach: (() => void) | undefined

  const start = async () => {
    services = await createAppServices({
      dataDir,
      version: '0.1.0-e2e',
      openExternal: async (url) => {
        openedExternal.push(url)
      },
      ...opts.services
    })
    context = await browser.newContext({
      colorScheme: opts.colorScheme ?? 'light',
      locale: opts.locale ?? 'en-US',
      viewport: { width: 1360, height: 860 }
    })
    const wired = await wireBrowserWindow({
      context,
      services,
      rendererUrl: renderer.url,
      preloadPath: join(OUT, 'preload', 'index.js')
    })
    page = wired.page
    detach = wired.detach
  }
  const stop = async () => {
    detach?.()
    await context.close()
    await services.close()
  }
  await start()

  const handle = {
    mode: 'chromium' as const,
    get page() {
      return page
    },
    dataDir,
    get services() {
      return services
    },
    openedExternal,
    async push<E extends EventChannel>(channel: E, payload: EventPayload<E>) {
      services.events.emit(channel, payload)
    },
    async restart() {
      await stop()
      await start()
    },
    async screenshot(name: string) {
      mkdirSync(SCREENSHOTS, { recursive: true })
      // Transitions finished: a progress bar caught mid-way would show a wrong share.
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' })
    },
    async close() {
      await stop()
      await browser.close()
      await renderer.close()
    }
  }
  return handle
}

const launchElectron = async (
  opts: LaunchOptions,
  dataDir: string
): Promise<AppHandle & { close(): Promise<void> }> => {
  const launch = () =>
    _electron.launch({
      args: [join(OUT, 'main', 'index.js')],
      env: { ...process.env, B24DESK_DATA_DIR: dataDir } as Record<string, string>
    })
  let app = await launch()
  let page = await app.firstWindow()
  return {
    mode: 'electron',
    get page() {
      return page
    },
    dataDir,
    services: null,
    openedExternal: [],
    async push(channel, payload) {
      await app.evaluate(
        ({ BrowserWindow }, [c, p]) => BrowserWindow.getAllWindows()[0]?.webContents.send(c, p),
        [channel, payload] as const
      )
    },
    async restart() {
      await app.close()
      app = await launch()
      page = await app.firstWindow()
    },
    async screenshot(name) {
      mkdirSync(SCREENSHOTS, { recursive: true })
      await page.screenshot({ path: join(SCREENSHOTS, `electron-${name}.png`), animations: 'disabled' })
    },
    close: () => app.close()
  }
}

export const test = base.extend<{ launchApp: (opts?: LaunchOptions) => Promise<AppHandle> }, { mode: Mode }>({
  mode: ['chromium', { option: true, scope: 'worker' }],
  launchApp: async ({ mode }, use, testInfo) => {
    if (mode === 'electron' && !electronAvailable()) {
      const reason =
        'Electron binary not installed (node_modules/electron/dist is missing): electron-mode test skipped'
      console.log(`SKIPPED [electron] ${testInfo.title}: ${reason}`)
      testInfo.skip(true, reason)
    }
    const opened: Array<{ close(): Promise<void> }> = []
    const dirs: string[] = []
    await use(async (opts = {}) => {
      const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'b24desk-e2e-'))
      if (!opts.dataDir) dirs.push(dataDir)
      const handle =
        mode === 'electron' ? await launchElectron(opts, dataDir) : await launchChromium(opts, dataDir)
      opened.push(handle)
      return handle
    })
    for (const h of opened.reverse()) await h.close().catch(() => {})
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  }
})

export { expect } from '@playwright/test'
