import { describe, expect, it, vi } from 'vitest'

const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  listeners: new Map<string, unknown>()
}))

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => bridge.exposed.set(name, api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      bridge.invoked.push(args)
      return Promise.resolve({ ok: true, value: 'from main' })
    },
    on: (channel: string, l: unknown) => bridge.listeners.set(channel, l),
    removeListener: (channel: string) => bridge.listeners.delete(channel)
  }
}))

await import('./index')
const { requestChannels } = await import('../shared/ipc/contract')

describe('preload', () => {
  it('exposes exactly invoke and on, under window.api', () => {
    expect([...bridge.exposed.keys()]).toEqual(['api'])
    expect(Object.keys(bridge.exposed.get('api') as object).sort()).toEqual(['invoke', 'on'])
  })

  it('forwards contract channels and refuses the rest without touching ipcRenderer', async () => {
    const api = bridge.exposed.get('api') as {
      invoke(c: string, i?: unknown): Promise<unknown>
      on(c: string, l: (p: unknown) => void): () => void
    }
    expect(await api.invoke(requestChannels[0])).toEqual({ ok: true, value: 'from main' })
    expect(await api.invoke('shell:openPath', '/')).toMatchObject({
      ok: false,
      error: { code: 'IPC_UNKNOWN_CHANNEL' }
    })
    expect(bridge.invoked).toEqual([[requestChannels[0], undefined]])

    const got: unknown[] = []
    const off = api.on('portals:changed', (p) => got.push(p))
    ;(bridge.listeners.get('portals:changed') as (e: unknown, p: unknown) => void)({}, ['x'])
    expect(got).toEqual([['x']])
    off()
    expect(bridge.listeners.has('portals:changed')).toBe(false)
    expect(() => api.on('ipc:anything', () => {})).toThrow(/No such event/)
  })
})
