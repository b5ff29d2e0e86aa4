import { act, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { useStore } from '../../store'
import { installFakeApi } from '../../test/fake-api'
import { cached, counts, doc, job, portal, resetStore } from '../../test/fixtures'
import { renderUi } from '../../test/render'
import { resetCatalogRefreshes } from '../catalog/use-catalog'
import { DocumentsView } from './DocumentsView'

beforeEach(() => {
  resetStore()
  resetCatalogRefreshes()
  useStore.getState().setPortals([portal('a', { name: 'Moscow' })])
})

describe('DocumentsView', () => {
  it('switches a document link on through the outbox, then shows and copies the link', async () => {
    let link: string | null = null
    const api = installFakeApi({
      'catalog:documents': () => cached([doc('a', 5, { title: 'Invoice INV-5' })]),
      'catalog:document': () => ({ ...doc('a', 5, { title: 'Invoice INV-5' }), publicUrl: link }),
      'outbox:enqueue': () => job(3, { counts: counts({ queued: 1 }) })
    })
    const { user } = await renderUi(<DocumentsView />)
    // After user-event's setup, which installs its own clipboard stub.
    const writeText = vi.spyOn(navigator.clipboard, 'writeText')
    const grid = screen.getByRole('grid', { name: 'Documents' })
    await waitFor(() => expect(within(grid).getAllByRole('row')).toHaveLength(2))
    await user.click(within(grid).getAllByRole('row')[1])
    const detail = screen.getByRole('complementary', { name: 'Document' })
    await waitFor(() =>
      expect(within(detail).getByTestId('document-link')).toHaveTextContent('The public link is off.')
    )

    await user.click(within(detail).getByRole('button', { name: 'Switch the public link on' }))
    expect(api.callsTo('outbox:enqueue')[0]).toMatchObject({
      intents: [{ portalId: 'a', kind: 'document', targetId: 5, action: 'link-on' }]
    })
    expect(detail).toHaveTextContent('Queued in the outbox')

    link = 'https://a.example.com/pub/document/5/abc/'
    act(() =>
      useStore
        .getState()
        .setOutbox({ lanes: [], jobs: [job(3, { state: 'finished', counts: counts({ done: 1 }) })] })
    )
    await waitFor(() => expect(within(detail).getByTestId('document-link')).toHaveTextContent(link!))
    expect(within(grid).getAllByRole('row')[1]).toHaveTextContent('On')

    await user.click(within(detail).getByRole('button', { name: 'Copy link' }))
    expect(writeText).toHaveBeenCalledWith(link)
    expect(useStore.getState().notice?.text).toBe('Link copied')
  })
})
