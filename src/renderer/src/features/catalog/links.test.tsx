import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { useStore } from '../../store'
import { FakeError, installFakeApi } from '../../test/fake-api'
import { cached, page, portal, resetStore, site } from '../../test/fixtures'
import { renderUi } from '../../test/render'
import { PreviewViewer } from '../previews/PreviewViewer'
import { PagesView } from './PagesView'
import { resetCatalogRefreshes } from './use-catalog'

const URL_10 = 'https://shop.example.com/sale/boots/'

/** A `catalog:publicUrl` answer the test releases when it wants, to see the pending state. */
const deferred = () => {
  let release!: (url: string | null) => void
  const promise = new Promise<string | null>((r) => (release = r))
  return { promise, release }
}

let api: ReturnType<typeof installFakeApi>
let answer: ReturnType<typeof deferred>

beforeEach(() => {
  resetStore()
  resetCatalogRefreshes()
  answer = deferred()
  api = installFakeApi({
    'catalog:sites': () => cached([site('a', 1, { title: 'Shop', publicUrl: 'https://shop.example.com' })]),
    'catalog:pages': () =>
      cached([page('a', 10, { title: 'Boots', scope: '' }), page('a', 11, { title: 'Gone' })]),
    'catalog:folders': () => cached([]),
    'catalog:publicUrl': (input) => (input.id === 10 ? answer.promise : null),
    'app:openExternal': () => undefined,
    'previews:get': () => ({ dataUrl: null, cached: false })
  })
  useStore.getState().setPortals([portal('a', { name: 'Moscow' })])
})

const rows = () =>
  within(screen.getByRole('grid', { name: 'Pages' }))
    .getAllByRole('row')
    .slice(1)
const rowOf = (title: string) => rows().find((r) => r.textContent?.includes(title))!

describe('page public links', () => {
  it('are asked for when a row opens one, show a pending state, and are remembered', async () => {
    const { user } = await renderUi(<PagesView />)
    await waitFor(() => expect(rows()).toHaveLength(2))
    // Page rows carry no address: nothing is asked until a person wants one.
    expect(api.callsTo('catalog:publicUrl')).toHaveLength(0)

    await user.click(within(rowOf('Boots')).getByRole('button', { name: 'Open in browser' }))
    expect(api.callsTo('catalog:publicUrl')).toEqual([{ portalId: 'a', kind: 'page', id: 10, scope: '' }])
    await waitFor(() => expect(within(rowOf('Boots')).getByText('Getting the link…')).toBeInTheDocument())
    expect(within(rowOf('Boots')).getByRole('button', { name: 'Open in browser' })).toHaveAttribute(
      'aria-disabled',
      'true'
    )
    // The click on the row's button neither selects the row nor opens the viewer.
    expect(useStore.getState().selection.pages.size).toBe(0)

    answer.release(URL_10)
    await waitFor(() => expect(api.callsTo('app:openExternal')).toEqual([{ url: URL_10 }]))
    expect(rowOf('Boots')).toHaveTextContent('shop.example.com/sale/boots/')
    expect(useStore.getState().publicUrls['page|a|10']).toBe(URL_10)

    // Copying the same page uses the remembered answer.
    const writeText = vi.spyOn(navigator.clipboard, 'writeText')
    await user.click(within(rowOf('Boots')).getByRole('button', { name: 'Copy link' }))
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(URL_10))
    expect(useStore.getState().notice?.text).toBe('Link copied')
    expect(api.callsTo('catalog:publicUrl')).toHaveLength(1)
  })

  it('says so when the portal has no address, and does not open anything', async () => {
    const { user } = await renderUi(<PagesView />)
    await waitFor(() => expect(rows()).toHaveLength(2))
    await user.click(within(rowOf('Gone')).getByRole('button', { name: 'Open in browser' }))
    await waitFor(() =>
      expect(useStore.getState().notice).toMatchObject({
        text: 'The portal returned no public address.',
        tone: 'error'
      })
    )
    expect(api.callsTo('app:openExternal')).toHaveLength(0)
    expect(rowOf('Gone')).toHaveTextContent('—')
  })

  it('a failed request is reported and not remembered', async () => {
    api.handlers['catalog:publicUrl'] = () => {
      throw new FakeError('UNREACHABLE', 'connection refused')
    }
    const { user } = await renderUi(<PagesView />)
    await waitFor(() => expect(rows()).toHaveLength(2))
    await user.click(within(rowOf('Boots')).getByRole('button', { name: 'Copy link' }))
    await waitFor(() =>
      expect(useStore.getState().notice?.text).toBe('Could not get the link: connection refused')
    )
    expect(useStore.getState().publicUrls).toEqual({})
    expect(within(rowOf('Boots')).getByRole('button', { name: 'Copy link' })).not.toHaveAttribute(
      'aria-disabled'
    )
  })

  it('the page viewer opens the page in the browser after asking for its address', async () => {
    const target = {
      portalId: 'a',
      kind: 'page' as const,
      id: 10,
      scope: '' as const,
      title: 'Boots',
      publicUrl: null
    }
    useStore.getState().openPreview(target)
    const { user } = await renderUi(<PreviewViewer target={target} />)
    const dialog = screen.getByRole('dialog', { name: 'Boots' })
    expect(within(dialog).queryByTestId('public-url')).toBeNull()
    await user.click(within(dialog).getByRole('button', { name: 'Open in browser' }))
    await waitFor(() =>
      expect(within(dialog).getByRole('button', { name: 'Getting the link…' })).toHaveAttribute(
        'aria-disabled',
        'true'
      )
    )
    // The focus stays in the dialog while it waits.
    expect(within(dialog).getByRole('button', { name: 'Getting the link…' })).toHaveFocus()
    answer.release(URL_10)
    await waitFor(() => expect(api.callsTo('app:openExternal')).toEqual([{ url: URL_10 }]))
    expect(within(dialog).getByTestId('public-url')).toHaveTextContent(URL_10)
  })

  it('a site viewer uses the address its row carries, without asking', async () => {
    const target = {
      portalId: 'a',
      kind: 'site' as const,
      id: 1,
      scope: '' as const,
      title: 'Shop',
      publicUrl: 'https://shop.example.com'
    }
    const { user } = await renderUi(<PreviewViewer target={target} />)
    await user.click(screen.getByRole('button', { name: 'Open in browser' }))
    await waitFor(() =>
      expect(api.callsTo('app:openExternal')).toEqual([{ url: 'https://shop.example.com' }])
    )
    expect(api.callsTo('catalog:publicUrl')).toHaveLength(0)
  })
})
