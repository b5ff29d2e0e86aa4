import { act, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { useStore } from '../../store'
import { installFakeApi } from '../../test/fake-api'
import { cached, page, portal, resetStore, site } from '../../test/fixtures'
import { renderUi } from '../../test/render'
import { SitesView } from './SitesView'
import { PagesView } from './PagesView'
import { resetCatalogRefreshes } from './use-catalog'

const sites = [
  site('a', 1, { title: 'Alpha shop', type: 'STORE', published: true }),
  site('a', 2, { title: 'Beta landing' }),
  site('b', 3, { title: 'Company KB', type: 'KNOWLEDGE', scope: 'KNOWLEDGE' }),
  site('b', 4, { title: 'Delta promo' })
]

beforeEach(() => {
  resetStore()
  resetCatalogRefreshes()
  installFakeApi({
    'catalog:sites': () =>
      cached(sites, {
        syncedAt: { a: Date.now() - 2 * 3_600_000, b: Date.now() },
        stale: { a: { code: 'UNREACHABLE', message: 'connection refused' } }
      }),
    'catalog:pages': () =>
      cached([
        page('a', 10, { siteId: 2, title: 'Beta home' }),
        page('a', 11, { siteId: 1, title: 'Shop page' })
      ]),
    'catalog:folders': () => cached([])
  })
  useStore.getState().setPortals([portal('a', { name: 'Moscow' }), portal('b', { name: 'Berlin' })])
})

const grid = () => screen.getByRole('grid', { name: 'Sites' })
const dataRows = () => within(grid()).getAllByRole('row').slice(1)

describe('SitesView', () => {
  it('shows sites and knowledge bases of all portals, says which are stale and how old, and filters', async () => {
    const { user } = await renderUi(<SitesView />)
    await waitFor(() => expect(dataRows()).toHaveLength(4))
    expect(within(grid()).getByText('Knowledge base')).toBeInTheDocument()
    expect(screen.getByTestId('stale-notice')).toHaveTextContent(
      /Moscow: could not refresh \(connection refused\).*2 hours ago/
    )

    await user.type(screen.getByRole('searchbox', { name: 'Filter' }), 'promo')
    await waitFor(() => expect(dataRows()).toHaveLength(1))
    expect(dataRows()[0]).toHaveTextContent('Delta promo')
    await user.clear(screen.getByRole('searchbox', { name: 'Filter' }))
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'KNOWLEDGE')
    await waitFor(() => expect(dataRows()).toHaveLength(1))
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'all')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Portal' }), 'a')
    await waitFor(() => expect(dataRows()).toHaveLength(2))
    expect(screen.getByTestId('row-count')).toHaveTextContent('2 of 2')
  })

  it('sorts by a column header', async () => {
    const { user } = await renderUi(<SitesView />)
    await waitFor(() => expect(dataRows()).toHaveLength(4))
    await user.click(screen.getByRole('button', { name: /Title/ }))
    expect(screen.getByRole('columnheader', { name: /Title/ })).toHaveAttribute('aria-sort', 'ascending')
    expect(dataRows().map((r) => within(r).getAllByRole('gridcell')[2].textContent)).toEqual(
      ['Alpha shop', 'Beta landing', 'Company KB', 'Delta promo'].map((t) => `${t}›`)
    )
    await user.click(screen.getByRole('button', { name: /Title/ }))
    expect(dataRows()[0]).toHaveTextContent('Delta promo')
  })

  it('selects by click, shift-click ranges across portals, and select-all of what is shown', async () => {
    const { user } = await renderUi(<SitesView />)
    await waitFor(() => expect(dataRows()).toHaveLength(4))
    await user.click(dataRows()[0])
    await user.keyboard('{Shift>}')
    await user.click(dataRows()[2])
    await user.keyboard('{/Shift}')
    expect(dataRows().map((r) => r.getAttribute('aria-selected'))).toEqual(['true', 'true', 'true', 'false'])
    expect(screen.getByRole('toolbar')).toHaveTextContent('3 selected on 2 portals')
    await user.click(screen.getByRole('checkbox', { name: 'Select all 4 shown' }))
    expect(useStore.getState().selection.sites.size).toBe(4)
    await user.click(screen.getByRole('checkbox', { name: 'Select all 4 shown' }))
    expect(useStore.getState().selection.sites.size).toBe(0)
  })

  it('is driven by the keyboard: arrows move, Space selects, Shift+Arrow extends, Enter drills into a site', async () => {
    const { user } = await renderUi(
      <>
        <SitesView />
      </>
    )
    await waitFor(() => expect(dataRows()).toHaveLength(4))
    grid().focus()
    await user.keyboard('{ArrowDown} ')
    expect(dataRows()[1]).toHaveAttribute('aria-selected', 'true')
    expect(grid()).toHaveAttribute('aria-activedescendant', dataRows()[1].id)
    await user.keyboard('{Shift>}{ArrowDown}{/Shift}')
    expect(useStore.getState().selection.sites.size).toBe(2)
    await user.keyboard('{ArrowUp}{ArrowUp}{Enter}')
    expect(useStore.getState().site).toEqual({ portalId: 'a', siteId: 1 })
    expect(useStore.getState().view).toBe('pages')
  })

  it('a drilled-into site shows only its pages, with a way back', async () => {
    useStore.getState().openSite({ portalId: 'a', siteId: 2 })
    const { user } = await renderUi(<PagesView />)
    const pages = () =>
      within(screen.getByRole('grid', { name: 'Pages' }))
        .getAllByRole('row')
        .slice(1)
    await waitFor(() => expect(pages()).toHaveLength(1))
    expect(pages()[0]).toHaveTextContent('Beta home')
    expect(screen.getByRole('navigation', { name: 'breadcrumbs' })).toHaveTextContent('Moscow: Beta landing')
    await act(() => user.click(screen.getByRole('button', { name: 'All sites' })))
    expect(useStore.getState().site).toBeNull()
  })
})
