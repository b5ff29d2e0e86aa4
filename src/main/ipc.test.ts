import { describe, expect, it, vi } from 'vitest'
import { createAppEvents } from './services/events'
import type { Handlers } from '../shared/ipc/handlers'

const registered = vi.hoisted(() => new Map<string, (event: unknown, input: unknown) => Promise<unknown>>())

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) =>
      registered.set(channel, fn),
    removeHandler: (channel: string) => registered.delete(channel)
  }
}))

const { wireIpc } = await import('./ipc')
const { requestChannels } = await import('../shared/ipc/contract')

describe('ipc wiring', () => {
  it('registers every contract channel and answers only our own window and page', async () => {
    const handlers = new Proxy({} as Handlers, { get: () => () => 'ok' })
    const sent: unknown[] = []
    const windowEvents: Record<string, () => void> = {}
    const appUrl = 'app://b24desk/index.html'
    const win = {
      isDestroyed: () => false,
      on: (e: string, l: () => void) => {
        windowEvents[e] = l
      },
      webContents: { id: 3, send: (...a: unknown[]) => sent.push(a), on: () => {} }
    }
    const events = createAppEvents()
    const warnings: string[] = []
    wireIpc(handlers, events, { window: win as never, appUrl }, { warn: (line) => warnings.push(line) })
    expect([...registered.keys()].sort()).toEqual([...requestChannels].sort())

    const invoke = registered.get('app:info')!
    expect(await invoke({ sender: { id: 3 }, senderFrame: { url: appUrl } }, undefined)).toEqual({
      ok: true,
      value: 'ok'
    })
    expect(await invoke({ sender: { id: 4 }, senderFrame: { url: appUrl } }, undefined)).toMatchObject({
      ok: false,
      error: { code: 'IPC_UNTRUSTED_SENDER' }
    })
    expect(
      await invoke({ sender: { id: 3 }, senderFrame: { url: 'app://b24desk/index.html#/sites' } }, undefined)
    ).toMatchObject({ ok: true })
    // Our window showing anything but the app's own origin is not trusted: another page, another
    // app:// host, or a file it was somehow pointed at.
    for (const url of [
      'https://evil.example/',
      'app://evil/index.html',
      'file:///app/out/renderer/index.html',
      undefined
    ]) {
      expect(await invoke({ sender: { id: 3 }, senderFrame: url ? { url } : null }, undefined)).toMatchObject(
        {
          ok: false,
          error: { code: 'IPC_UNTRUSTED_SENDER' }
        }
      )
    }
    expect(warnings.length).toBe(5)

    events.emit('portals:changed', [])
    expect(sent).toEqual([])
    events.rendererReady()
    expect(sent).toEqual([['portals:changed', []]])

    windowEvents.closed()
    expect(registered.size).toBe(0)
  })
})
