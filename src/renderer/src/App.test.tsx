import { act, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from './App'
import { bootstrap } from './store/bootstrap'
import { useStore } from './store'
import { installFakeApi } from './test/fake-api'
import { cached, job, lane, portal, resetStore, site } from './test/fixtures'
import { renderUi } from './test/render'
import { resetCatalogRefreshes } from './features/catalog/use-catalog'
import type { PortalSummary } from '../../shared/domain/portal'

const info = {
  name: 'B24 Desk',
  version: '1.2.3',
  platform: 'linux',
  dataDir: '/tmp/d',
  dataDirHealthy: true,
  dataDirError: null
}

beforeEach(() => {
  resetStore()
  resetCatalogRefreshes()
  localStorage.clear()
})

describe('App', () => {
  it('on first run offers two ways in, and the demo portal opens into the sites view marked DEMO', async () => {
    let portals: PortalSummary[] = []
    const api = installFakeApi({
      'app:info': () => info,
      'app:ready': () => undefined,
      'app:setLanguage': () => undefined,
      'portals:list': () => portals,
      'outbox:view': () => ({ lanes: [], jobs: [] }),
      'demo:open': () => {
        portals = [portal('demo', { name: 'Demo portal', demo: true })]
        return portals[0]
      },
      'catalog:sites': () =>
        cached([site('demo', 1, { title: 'Spring Sale' })], { syncedAt: { demo: Date.now() } })
    })
    const { user } = await renderUi(<App />)
    act(() => void bootstrap())

    expect(await screen.findByRole('heading', { name: 'Welcome to B24 Desk' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Add a portal…' })).toBeInTheDocument()
    expect(screen.getByTestId('version')).toHaveTextContent('Version 1.2.3')
    expect(screen.getByTestId('data-dir-health')).toHaveTextContent('Data folder is writable')

    await user.click(screen.getByRole('button', { name: 'Open the demo portal' }))
    const nav = await screen.findByRole('navigation', { name: 'Portals' })
    expect(within(nav).getByText('Demo portal')).toBeInTheDocument()
    expect(within(nav).getByText('DEMO')).toBeInTheDocument()
    await waitFor(() => expect(screen.getByTestId('row-count')).toHaveTextContent('1 of 1'))
    expect(await screen.findByText('Spring Sale')).toBeInTheDocument()
    expect(api.callsTo('app:setLanguage')).toEqual([{ language: 'en' }])
  })

  it('feeds pushed events into the store: connection badge, portal list, outbox progress', async () => {
    const api = installFakeApi({
      'app:info': () => info,
      'app:ready': () => undefined,
      'portals:list': () => [portal('a')],
      'outbox:view': () => ({ lanes: [], jobs: [] }),
      'catalog:sites': () => cached([])
    })
    await renderUi(<App />)
    act(() => void bootstrap())
    await screen.findByRole('navigation', { name: 'Portals' })

    act(() => api.emit('app:status', { online: false, at: 1 }))
    expect(screen.getByRole('status', { name: 'connection' })).toHaveTextContent('Offline')

    act(() => api.emit('portals:changed', [portal('a'), portal('b', { name: 'Second' })]))
    expect(
      await within(screen.getByRole('navigation', { name: 'Portals' })).findByText('Second')
    ).toBeInTheDocument()

    act(() =>
      api.emit('outbox:progress', {
        lanes: [lane('a', { state: 'unreachable', reason: 'Connection refused' })],
        jobs: [
          job(1, {
            counts: { queued: 4, sending: 1, done: 0, failed: 0, mismatch: 0, superseded: 0, cancelled: 0 }
          })
        ]
      })
    )
    expect(screen.getByRole('button', { name: 'Outbox, 5 pending' })).toBeInTheDocument()
    const banner = screen.getByRole('alert')
    expect(banner).toHaveTextContent('Portal a cannot be reached')
    expect(banner).toHaveTextContent('Connection refused')
  })

  it('switches the interface to Russian and tells main', async () => {
    const api = installFakeApi({
      'app:info': () => info,
      'app:ready': () => undefined,
      'app:setLanguage': () => undefined,
      'portals:list': () => [],
      'outbox:view': () => ({ lanes: [], jobs: [] })
    })
    const { user } = await renderUi(<App />)
    act(() => void bootstrap())
    await screen.findByRole('heading', { name: 'Welcome to B24 Desk' })
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'ru')
    expect(await screen.findByRole('heading', { name: 'Добро пожаловать в B24 Desk' })).toBeInTheDocument()
    expect(screen.getByTestId('data-dir-health')).toHaveTextContent('Папка данных доступна для записи')
    await waitFor(() => expect(api.callsTo('app:setLanguage')).toContainEqual({ language: 'ru' }))
    expect(localStorage.getItem('b24desk.language')).toBe('ru')
    expect(useStore.getState().language).toBe('ru')
  })
})
