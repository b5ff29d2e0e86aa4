import type { BrowserContext, Page } from '@playwright/test'
import { createIpcRouter } from '../main/ipc/router'
import { createEventHub } from '../main/ipc/event-hub'
import { isAppUrl } from '../main/services/app/external-url'
import type { AppServices } from '../main/services/compose'
import { preloadInitScript } from './preload-harness'

export interface WiredWindow {
  page: Page
  /** Stops pushing events to the page (before its context closes). */
  detach(): void
}

/**
 * Does in a Chromium browser context what the Electron shell does for its BrowserWindow: runs the
 * built preload as a sandboxed preload runs, answers `window.api` calls through the same IPC router
 * (input checked against the contract, sender checked against the renderer's own URL), pushes the
 * services' events, tells the renderer the computer is online, and opens the renderer.
 */
export const wireBrowserWindow = async (opts: {
  context: BrowserContext
  services: AppServices
  rendererUrl: string
  preloadPath: string
}): Promise<WiredWindow> => {
  const { context, services, rendererUrl } = opts
  const router = createIpcRouter({
    handlers: services.handlers,
    isTrustedSender: (s) => isAppUrl(s.frameUrl, rendererUrl)
  })
  await context.exposeBinding('__b24desk_invoke', async (source, channel: string, json: string) => {
    const { v } = JSON.parse(json) as { v: unknown }
    return router.dispatch(channel, v, { webContentsId: 1, frameUrl: source.frame.url() })
  })
  await context.addInitScript({ content: preloadInitScript(opts.preloadPath) })
  const page = await context.newPage()
  page.on('pageerror', (err) => console.error(`[renderer] ${err.message}`))
  const hub = createEventHub(services.events)
  hub.attach((channel, payload) => {
    void page
      .evaluate(
        ([c, p]) =>
          (globalThis as unknown as { __b24desk_emit(c: string, p: unknown): void }).__b24desk_emit(c, p),
        [channel, payload] as const
      )
      .catch(() => {})
  })
  // What the Electron shell does right after wiring its window (src/main/index.ts): tell the
  // renderer the computer is online. The hub holds it until the renderer says it is ready.
  services.events.emit('app:status', { online: true, at: Date.now() })
  await page.goto(rendererUrl)
  return { page, detach: () => hub.detach() }
}
