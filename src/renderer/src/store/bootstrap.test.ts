import { act, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OperationView } from '../../../shared/domain/outbox'
import { installFakeApi, type FakeHandlers } from '../test/fake-api'
import { cached, counts, job, page, resetStore } from '../test/fixtures'
import { bootstrap } from './bootstrap'
import { QUEUED_DETAIL_MAX } from './unsettled'
import { useStore } from './index'

const op = (id: number, over: Partial<OperationView> = {}): OperationView => ({
  id,
  jobId: 1,
  portalId: 'a',
  kind: 'page',
  targetId: id,
  scope: '',
  action: 'publish',
  label: `Page ${id}`,
  state: 'queued',
  attempts: 0,
  error: null,
  updatedAt: 0,
  ...over
})

/** What bootstrap asks for at start, answered with nothing in particular. */
const quiet: FakeHandlers = {
  'app:info': () => ({
    name: 'B24 Desk',
    version: '1',
    platform: 'linux',
    dataDir: '/tmp/d',
    dataDirHealthy: true,
    dataDirError: null
  }),
  'app:ready': () => undefined,
  'app:setLanguage': () => undefined,
  'portals:list': () => [],
  'outbox:view': () => ({ lanes: [], jobs: [] }),
  'snapshots:list': () => []
}

let stop: (() => void) | null = null
/** Starts the window's event wiring and lets its first answers (an empty outbox) arrive. */
const start = async () => {
  stop = bootstrap()
  await act(() => new Promise((r) => setTimeout(r, 10)))
}
beforeEach(() => resetStore())
afterEach(() => {
  stop?.()
  stop = null
})

const published = () => useStore.getState().catalog.pages.rows.map((r) => `${r.id}:${r.published}`)

describe('the tables follow what the portal reports', () => {
  it('a finished publish does not show its page published until main reports it, then does at once', async () => {
    // The portal took the publication without publishing (docs/bitrix24.md#publication-without-right): main's cache still says no.
    let rows = [page('a', 1), page('a', 2)]
    const api = installFakeApi({
      ...quiet,
      'catalog:pages': () => cached(rows, { syncedAt: { a: Date.now() } }),
      'outbox:operations': () => [op(1, { state: 'done' }), op(2, { state: 'done' })]
    })
    await start()
    await useStore.getState().loadCatalog('pages')
    act(() =>
      api.emit('outbox:progress', {
        lanes: [],
        jobs: [job(1, { state: 'finished', total: 2, counts: counts({ done: 2 }) })]
      })
    )
    // Long enough for any follower of finished operations to have acted.
    await new Promise((r) => setTimeout(r, 1000))
    expect(published()).toEqual(['1:false', '2:false'])

    // The read-back found page 1 published: main's cache says so and tells the window.
    rows = [page('a', 1, { published: true }), page('a', 2)]
    act(() => api.emit('catalog:updated', { portalId: 'a', area: 'pages' }))
    await waitFor(() => expect(published()).toEqual(['1:true', '2:false']))
  })

  it('reads again only the portals a change was announced for, once for several announcements', async () => {
    let a = [page('a', 1), page('a', 2)]
    const b = [page('b', 1, { published: true })]
    const api = installFakeApi({
      ...quiet,
      'catalog:pages': (input) => {
        const ids = input?.portalIds
        const rows = [...a, ...b].filter((r) => !ids || ids.includes(r.portalId))
        return cached(rows, { syncedAt: Object.fromEntries((ids ?? ['a', 'b']).map((id) => [id, 5])) })
      }
    })
    await start()
    await useStore.getState().loadCatalog('pages')
    const before = useStore.getState().catalog.pages.rows
    a = [page('a', 1, { published: true }), page('a', 2)]
    act(() => {
      api.emit('catalog:updated', { portalId: 'a', area: 'pages' })
      api.emit('catalog:updated', { portalId: 'a', area: 'pages' })
    })
    await waitFor(() =>
      expect(
        useStore.getState().catalog.pages.rows.map((r) => `${r.portalId}${r.id}:${r.published}`)
      ).toEqual(['a1:true', 'a2:false', 'b1:true'])
    )
    expect(api.callsTo('catalog:pages')).toEqual([{ refresh: false }, { portalIds: ['a'] }])
    // Portal b's rows were not read again: the very same objects.
    expect(useStore.getState().catalog.pages.rows[2]).toBe(before[2])
  })

  it('marks targets with an operation still queued or being sent, and forgets them when the job is over', async () => {
    const api = installFakeApi({
      ...quiet,
      'outbox:operations': (input) =>
        input?.states?.includes('queued')
          ? [op(1, { state: 'sending' }), op(2), op(3, { kind: 'site', action: 'unpublish' })]
          : []
    })
    await start()
    act(() =>
      api.emit('outbox:progress', {
        lanes: [],
        jobs: [job(1, { total: 3, counts: counts({ queued: 2, sending: 1 }) })]
      })
    )
    await waitFor(() =>
      expect(useStore.getState().unsettled).toEqual({
        'page|a|1': { action: 'publish', sending: true },
        'page|a|2': { action: 'publish', sending: false },
        'site|a|3': { action: 'unpublish', sending: false }
      })
    )
    expect(api.callsTo('outbox:operations')).toEqual([{ jobId: 1, states: ['queued', 'sending'] }])

    act(() =>
      api.emit('outbox:progress', {
        lanes: [],
        jobs: [job(1, { state: 'finished', total: 3, counts: counts({ done: 2, mismatch: 1 }) })]
      })
    )
    await waitFor(() => expect(useStore.getState().unsettled).toEqual({}))
    // Nothing left to send: not asked again.
    expect(api.callsTo('outbox:operations')).toHaveLength(1)
  })

  it('for a very large job asks only for the operations being sent, not every queued one', async () => {
    const api = installFakeApi({ ...quiet, 'outbox:operations': () => [op(7, { state: 'sending' })] })
    await start()
    act(() =>
      api.emit('outbox:progress', {
        lanes: [],
        jobs: [job(1, { total: 50_000, counts: counts({ queued: QUEUED_DETAIL_MAX + 1, sending: 50 }) })]
      })
    )
    await waitFor(() => expect(Object.keys(useStore.getState().unsettled)).toEqual(['page|a|7']))
    expect(api.callsTo('outbox:operations')).toEqual([{ jobId: 1, states: ['sending'] }])
  })
})
