import { act, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { useStore } from '../../store'
import { installFakeApi } from '../../test/fake-api'
import { cached, page, portal, resetStore, site } from '../../test/fixtures'
import { renderUi } from '../../test/render'
import { BulkBar } from '../bulk/BulkBar'
import { PagesView } from './PagesView'
import { SitesView } from './SitesView'
import { resetCatalogRefreshes } from './use-catalog'

/**
 * Site 1 is published, site 2 is not. Page 10 is live; page 11 is active under the unpublished site
 * (the portal left it so, docs/bitrix24.md#site-publication); page 12 is inactive; page 13's site is not known.
 */
const pages = [
  page('a', 10, { siteId: 1, title: 'Live page', published: true, siteActive: true }),
  page('a', 11, { siteId: 2, title: 'Orphan page', published: true, siteActive: false }),
  page('a', 12, { siteId: 2, title: 'Inactive page', siteActive: false }),
  page('a', 13, { siteId: 3, title: 'Unknown site page', published: true, siteActive: null })
]

beforeEach(() => {
  resetStore()
  resetCatalogRefreshes()
  installFakeApi({
    'catalog:pages': () => cached(pages, { syncedAt: { a: Date.now() } }),
    'catalog:folders': () => cached([]),
    'catalog:sites': () =>
      cached(
        [
          site('a', 1, { title: 'Shop', published: true, modifiedAt: '2024-04-05T12:48:10' }),
          site('a', 2, { title: 'Promo', modifiedAt: '2024-04-05T12:48:10', modifiedAtAmbiguous: true })
        ],
        { syncedAt: { a: Date.now() } }
      )
  })
  useStore.getState().setPortals([portal('a', { name: 'Moscow' })])
})

const rows = (name: string) => within(screen.getByRole('grid', { name })).getAllByRole('row').slice(1)
const rowOf = (name: string, title: string) => rows(name).find((r) => r.textContent?.includes(title))!
const stateOf = (title: string) => rowOf('Pages', title).querySelector('.pill')

describe('live means live', () => {
  it('shows a page as published only when its site is too, and says when the site is not', async () => {
    await renderUi(<PagesView />)
    await waitFor(() => expect(rows('Pages')).toHaveLength(4))
    expect(stateOf('Live page')).toHaveTextContent('Yes')
    expect(stateOf('Orphan page')).toHaveTextContent('Active, site off')
    expect(stateOf('Orphan page')).toHaveAttribute(
      'title',
      'The page is active, but its site is not published, so visitors cannot see it.'
    )
    expect(stateOf('Inactive page')).toHaveTextContent('No')
    // Its own state, with a word that the site is not known yet.
    expect(stateOf('Unknown site page')).toHaveTextContent('Yes')
    expect(stateOf('Unknown site page')).toHaveAttribute(
      'title',
      'Whether the page’s site is published is not known yet.'
    )
  })

  it('the state filter counts a page under an unpublished site as not published', async () => {
    const { user } = await renderUi(<PagesView />)
    await waitFor(() => expect(rows('Pages')).toHaveLength(4))
    await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'published')
    await waitFor(() => expect(rows('Pages')).toHaveLength(2))
    expect(rows('Pages').map((r) => r.textContent)).toEqual([
      expect.stringContaining('Live page'),
      expect.stringContaining('Unknown site page')
    ])
    await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'unpublished')
    await waitFor(() => expect(rows('Pages')).toHaveLength(2))
    expect(rowOf('Pages', 'Orphan page')).toBeTruthy()
  })

  it('in Russian', async () => {
    await renderUi(<PagesView />, 'ru')
    await waitFor(() => expect(rows('Страницы')).toHaveLength(4))
    expect(rowOf('Страницы', 'Orphan page').querySelector('.pill')).toHaveTextContent('Активна, сайт снят')
  })

  it('publishing a page active under an unpublished site is not skipped: the publication activates the site', async () => {
    useStore.getState().setCatalog('pages', cached(pages, { syncedAt: { a: 1 } }))
    useStore.getState().setSelected('pages', ['a|10', 'a|11'], true)
    const { user } = await renderUi(<BulkBar kind="pages" />)
    await user.click(screen.getByRole('button', { name: 'Publish…' }))
    const summary = screen.getByTestId('review-summary')
    expect(summary).toHaveTextContent('Publish 1 page on 1 portal.')
    expect(summary).toHaveTextContent('1 is already in that state and will be skipped.')
  })

  it('unpublishing it is not skipped either: the page itself is still active', async () => {
    useStore.getState().setCatalog('pages', cached(pages, { syncedAt: { a: 1 } }))
    useStore.getState().setSelected('pages', ['a|11', 'a|12'], true)
    const { user } = await renderUi(<BulkBar kind="pages" />)
    await user.click(screen.getByRole('button', { name: 'Unpublish…' }))
    const summary = screen.getByTestId('review-summary')
    expect(summary).toHaveTextContent('Unpublish 1 page on 1 portal.')
    expect(summary).toHaveTextContent('1 is already in that state and will be skipped.')
  })
})

describe('an operation under way', () => {
  it('is said next to the state the portal reported, never instead of it', async () => {
    await renderUi(<PagesView />)
    await waitFor(() => expect(rows('Pages')).toHaveLength(4))
    act(() =>
      useStore.getState().setUnsettled({
        'page|a|12': { action: 'publish', sending: true },
        'page|a|10': { action: 'unpublish', sending: false }
      })
    )
    expect(stateOf('Inactive page')).toHaveTextContent('No')
    expect(within(rowOf('Pages', 'Inactive page')).getByTestId('unsettled')).toHaveTextContent('Publishing…')
    expect(stateOf('Live page')).toHaveTextContent('Yes')
    expect(within(rowOf('Pages', 'Live page')).getByTestId('unsettled')).toHaveTextContent(
      'Queued to unpublish'
    )
    expect(within(rowOf('Pages', 'Orphan page')).queryByTestId('unsettled')).toBeNull()
    act(() => useStore.getState().setUnsettled({}))
    expect(within(rowOf('Pages', 'Inactive page')).queryByTestId('unsettled')).toBeNull()
  })

  it('on sites too', async () => {
    await renderUi(<SitesView />)
    await waitFor(() => expect(rows('Sites')).toHaveLength(2))
    act(() => useStore.getState().setUnsettled({ 'site|a|2': { action: 'publish', sending: true } }))
    expect(within(rowOf('Sites', 'Promo')).getByTestId('unsettled')).toHaveTextContent('Publishing…')
    expect(rowOf('Sites', 'Promo').querySelector('.pill')).toHaveTextContent('No')
  })
})

describe('dates', () => {
  it('read one way only, and say when the portal’s day and month order is not known', async () => {
    await renderUi(<SitesView />)
    await waitFor(() => expect(rows('Sites')).toHaveLength(2))
    // The portal's wall-clock time as written: no shift into this computer's zone.
    expect(rowOf('Sites', 'Shop')).toHaveTextContent('Apr 5, 2024, 12:48 PM')
    expect(within(rowOf('Sites', 'Shop')).queryByTestId('date-ambiguous')).toBeNull()
    const flagged = within(rowOf('Sites', 'Promo')).getByTestId('date-ambiguous')
    expect(flagged).toHaveTextContent('Apr 5, 2024, 12:48 PM')
    expect(flagged).toHaveTextContent('(Day or month first?)')
    expect(flagged).toHaveAttribute(
      'title',
      'The portal’s dates do not show whether the day or the month comes first, so the day and month of this date may be swapped.'
    )
  })

  it('in Russian, with the month as a word', async () => {
    await renderUi(<SitesView />, 'ru')
    await waitFor(() => expect(rows('Сайты')).toHaveLength(2))
    expect(rowOf('Сайты', 'Shop')).toHaveTextContent('5 апр. 2024 г., 12:48')
    expect(within(rowOf('Сайты', 'Promo')).getByTestId('date-ambiguous')).toHaveTextContent(
      '(День или месяц?)'
    )
  })
})
