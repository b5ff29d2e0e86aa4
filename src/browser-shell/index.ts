// `npm run start:browser`: the app's window in the system's Chromium instead of Electron, against the
// same main-process services and the same data folder (as the end-to-end tests run it). For a
// computer where Electron's binary cannot be downloaded. The shell's own parts (tray, menu,
// notifications, updates) are Electron's and are not here.
// node:sqlite's ExperimentalWarning is noise for a person starting the app (the command line drops it too).
import '../main/services/db/quiet-sqlite-warning'
import { chromium } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createAppServices } from '../main/services/compose'
import { defaultDataDir, makePrivateDir } from '../main/services/app/data-dir'
import { chromiumArgs, findChromium } from './chromium'
import { serveRenderer } from './serve-renderer'
import { wireBrowserWindow } from './wire'

const fail = (message: string): never => {
  process.stderr.write(`b24desk: ${message}\n`)
  process.exit(1)
}

const main = async () => {
  const root = resolve(__dirname, '..', '..')
  const out = join(root, 'out')
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string })
    .version
  const headless = process.env.B24DESK_HEADLESS === '1'
  const executablePath =
    findChromium() ??
    fail(
      'no Chromium or Chrome found. Install one (Debian/Ubuntu: apt-get install chromium) or set ' +
        'B24DESK_CHROMIUM=/path/to/chrome.'
    )
  if (process.platform === 'linux' && !headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    fail(
      'there is no display to open a window on (DISPLAY is not set). Run it in a desktop session, or under xvfb-run.'
    )
  }
  const dataDir = defaultDataDir()
  makePrivateDir(dataDir)
  const services = await createAppServices({
    dataDir,
    version,
    openExternal: async (url) => {
      process.stdout.write(`Open in your browser: ${url}\n`)
    },
    log: (line) => process.stdout.write(`${line}\n`)
  }).catch((err: Error) => fail(err.message))
  const renderer = await serveRenderer(join(out, 'renderer'))
  const browser = await chromium.launch({
    executablePath,
    headless,
    args: [...chromiumArgs({ root: process.getuid?.() === 0 }), '--window-size=1360,860']
  })
  const lang = process.env.B24DESK_LANG ?? process.env.LC_ALL ?? process.env.LANG ?? ''
  const context = await browser.newContext({
    viewport: headless ? { width: 1360, height: 860 } : null,
    locale: /^ru/i.test(lang) ? 'ru-RU' : 'en-US'
  })
  const wired = await wireBrowserWindow({
    context,
    services,
    rendererUrl: renderer.url,
    preloadPath: join(out, 'preload', 'index.js')
  })
  process.stdout.write(
    `B24 Desk is open in ${executablePath} (data: ${dataDir}). Close the window or press Ctrl+C to quit.\n`
  )

  let closing = false
  const shutdown = async () => {
    if (closing) return
    closing = true
    wired.detach()
    await browser.close().catch(() => {})
    await services.close()
    await renderer.close()
    process.exit(0)
  }
  wired.page.on('close', () => void shutdown())
  browser.on('disconnected', () => void shutdown())
  process.on('SIGINT', () => void shutdown())
  process.on('SIGTERM', () => void shutdown())
}

void main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)))
