import { describe, expect, it, vi } from 'vitest'
import { createIpcRouter, type Handlers } from './router'
import { operationStateSchema } from '../../shared/domain/outbox'

const trusted = { webContentsId: 1, frameUrl: 'file:///app/out/renderer/index.html' }

/** A router whose outbox handlers only record that they ran: refused input must never reach them. */
const routerWith = () => {
  const cancel = vi.fn(() => 0)
  const operations = vi.fn(() => [])
  const handlers = { 'outbox:cancel': cancel, 'outbox:operations': operations } as unknown as Handlers
  return { router: createIpcRouter({ handlers, isTrustedSender: () => true }), cancel, operations }
}

describe('outbox IPC input bounds', () => {
  it.each([
    ['a zero id', [0]],
    ['a negative id', [-3]],
    ['a fractional id', [1.5]],
    ['more than 100,000 ids', Array.from({ length: 100_001 }, (_, i) => i + 1)]
  ])('outbox:cancel refuses %s', async (_what, operationIds) => {
    const { router, cancel } = routerWith()
    const res = await router.dispatch('outbox:cancel', { jobId: 1, operationIds }, trusted)
    expect(res).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_INPUT' } })
    expect(cancel).not.toHaveBeenCalled()
  })

  it('outbox:cancel takes positive ids up to 100,000 of them', async () => {
    const { router, cancel } = routerWith()
    const operationIds = Array.from({ length: 100_000 }, (_, i) => i + 1)
    expect(await router.dispatch('outbox:cancel', { jobId: 1, operationIds }, trusted)).toMatchObject({
      ok: true
    })
    expect(await router.dispatch('outbox:cancel', { jobId: 1 }, trusted)).toMatchObject({ ok: true })
    expect(cancel).toHaveBeenCalledTimes(2)
  })

  it('outbox:operations refuses states that are not operation states', async () => {
    const { router, operations } = routerWith()
    for (const states of [['bogus'], ['FAILED'], ['failed', "x') OR 1=1 --"]]) {
      const res = await router.dispatch('outbox:operations', { jobId: 1, states }, trusted)
      expect(res).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_INPUT' } })
    }
    expect(operations).not.toHaveBeenCalled()
  })

  it('outbox:operations takes every operation state', async () => {
    const { router, operations } = routerWith()
    const res = await router.dispatch(
      'outbox:operations',
      { jobId: 1, states: operationStateSchema.options },
      trusted
    )
    expect(res).toMatchObject({ ok: true })
    expect(operations).toHaveBeenCalledWith({
      jobId: 1,
      states: ['queued', 'sending', 'done', 'failed', 'mismatch', 'superseded', 'cancelled']
    })
  })
})
