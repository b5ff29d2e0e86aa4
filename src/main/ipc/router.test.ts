import { describe, expect, it, vi } from 'vitest'
import { createIpcRouter, type Handlers } from './router'
import { AppError } from '../services/errors'

const trusted = { webContentsId: 1, frameUrl: 'file:///app/out/renderer/index.html' }

const makeHandlers = (overrides: Partial<Handlers> = {}): Handlers =>
  new Proxy(overrides as Handlers, {
    get: (target, key: string) => (target as Record<string, unknown>)[key] ?? (() => `handled ${key}`)
  })

describe('IPC router', () => {
  it('refuses a channel the contract does not list', async () => {
    const router = createIpcRouter({ handlers: makeHandlers(), isTrustedSender: () => true })
    const res = await router.dispatch('fs:readFile', { path: '/etc/passwd' }, trusted)
    expect(res).toMatchObject({ ok: false, error: { code: 'IPC_UNKNOWN_CHANNEL' } })
  })

  it('refuses senders that are not our window and never runs the handler', async () => {
    const handler = vi.fn()
    const router = createIpcRouter({
      handlers: makeHandlers({ 'app:info': handler }),
      isTrustedSender: (s) => s.webContentsId === 1
    })
    const res = await router.dispatch('app:info', undefined, {
      webContentsId: 7,
      frameUrl: 'https://evil.example'
    })
    expect(res).toMatchObject({ ok: false, error: { code: 'IPC_UNTRUSTED_SENDER' } })
    expect(handler).not.toHaveBeenCalled()
  })

  it('validates input against the contract and names the bad field', async () => {
    const handler = vi.fn()
    const router = createIpcRouter({
      handlers: makeHandlers({ 'app:openExternal': handler }),
      isTrustedSender: () => true
    })
    const res = await router.dispatch('app:openExternal', { url: 'not a url' }, trusted)
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(res.error.code).toBe('IPC_INVALID_INPUT')
      expect(res.error.message).toContain('url')
    }
    expect(handler).not.toHaveBeenCalled()
  })

  it('passes parsed input (with defaults applied) to the handler and returns its value', async () => {
    const handler = vi.fn((input: unknown) => input)
    const router = createIpcRouter({
      handlers: makeHandlers({ 'catalog:documents': handler as never }),
      isTrustedSender: () => true
    })
    const res = await router.dispatch('catalog:documents', {}, trusted)
    expect(res).toEqual({ ok: true, value: { refresh: false } })
  })

  it('sends an AppError to the renderer with its code, and hides the text of unexpected errors', async () => {
    const log = vi.fn()
    const router = createIpcRouter({
      handlers: makeHandlers({
        'portals:list': () => {
          throw new AppError('KEYCHAIN_UNAVAILABLE', 'No keychain', { category: 'permanent' })
        },
        'portals:export': () => {
          throw new Error('ENOENT /home/admin/secret-path')
        }
      }),
      isTrustedSender: () => true,
      log
    })
    expect(await router.dispatch('portals:list', undefined, trusted)).toEqual({
      ok: false,
      error: {
        code: 'KEYCHAIN_UNAVAILABLE',
        message: 'No keychain',
        category: 'permanent',
        details: undefined
      }
    })
    const res = await router.dispatch('portals:export', undefined, trusted)
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(res)).not.toContain('secret-path')
    expect(log).toHaveBeenCalledWith(expect.stringContaining('secret-path'))
  })

  it('keeps answering after a handler failed', async () => {
    let calls = 0
    const router = createIpcRouter({
      handlers: makeHandlers({
        'app:info': () => {
          calls += 1
          if (calls === 1) throw new Error('boom')
          return { name: 'B24 Desk' } as never
        }
      }),
      isTrustedSender: () => true
    })
    expect((await router.dispatch('app:info', undefined, trusted)).ok).toBe(false)
    expect(await router.dispatch('app:info', undefined, trusted)).toEqual({
      ok: true,
      value: { name: 'B24 Desk' }
    })
  })
})
