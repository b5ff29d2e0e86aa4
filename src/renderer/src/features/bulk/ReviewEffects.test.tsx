import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import type { FolderRow } from '../../../../shared/domain/catalog'
import { useStore } from '../../store'
import { installFakeApi } from '../../test/fake-api'
import { cached, page, portal, resetStore, site } from '../../test/fixtures'
import { renderUi } from '../../test/render'
import { BulkBar } from './BulkBar'
import { ReviewDialog } from './ReviewDialog'

const folder = (portalId: string, id: number, over: Partial<FolderRow> = {}): FolderRow => ({
  portalId,
  siteId: 1,
  id,
  parentId: null,
  title: `Folder ${id}`,
  published: false,
  scope: '',
  ...over
})

/**
 * Portal a: site 1 "Spring Sale" (unpublished) with folders 10 > 11 (both unpublished) and 12
 * (published); site 2 "Coffee" (published), no folders. Portal b: site 5 (unpublished), whose
 * folders were never loaded.
 */
beforeEach(() => {
  resetStore()
  const s = useStore.getState()
  s.setPortals([portal('a', { name: 'Moscow' }), portal('b', { name: 'Berlin' })])
  s.setCatalog(
    'sites',
    cached(
      [
        site('a', 1, { title: 'Spring Sale' }),
        site('a', 2, { title: 'Coffee', published: true }),
        site('b', 5, { title: 'Vesna' })
      ],
      {
        syncedAt: { a: 1, b: 1 }
      }
    )
  )
  s.setCatalog(
    'pages',
    cached(
      [
        page('a', 1, { folderId: 11 }),
        page('a', 2, { folderId: 10 }),
        page('a', 3, { folderId: 12, published: true }),
        page('a', 4, { folderId: null, published: true }),
        page('a', 5, { folderId: 12 }),
        page('a', 6, { siteId: 2 }),
        page('b', 7, { siteId: 5, folderId: 50 })
      ],
      { syncedAt: { a: 1, b: 1 } }
    )
  )
  s.setCatalog(
    'folders',
    cached([folder('a', 10), folder('a', 11, { parentId: 10 }), folder('a', 12, { published: true })], {
      syncedAt: { a: 1, b: null }
    })
  )
})

const publishPages = async (keys: string[], language: 'en' | 'ru' = 'en') => {
  useStore.getState().setSelected('pages', keys, true)
  const ui = await renderUi(<BulkBar kind="pages" />, language)
  await ui.user.click(screen.getByRole('button', { name: language === 'en' ? 'Publish…' : 'Опубликовать…' }))
  return ui
}

describe('the review says what else the portal changes', () => {
  it('publishing pages: their unpublished folders and parents, and the unpublished site, each counted once', async () => {
    installFakeApi({})
    await publishPages(['a|1', 'a|2', 'a|5'])
    const effects = await screen.findByTestId('review-effects')
    expect(effects).toHaveTextContent('Also published by the portal: 2 folders, 1 site (Spring Sale).')
  })

  it('says nothing more when the folders and site are already published', async () => {
    installFakeApi({})
    useStore
      .getState()
      .setCatalog('sites', cached([site('a', 1, { published: true })], { syncedAt: { a: 1 } }))
    await publishPages(['a|5', 'a|6'])
    expect(screen.getByRole('dialog', { name: 'Review' })).toHaveTextContent('Publish 2 pages on 1 portal.')
    expect(screen.queryByTestId('review-effects')).not.toBeInTheDocument()
  })

  it('asks the local cache for the folders of a site not loaded yet, and says when they are still unknown', async () => {
    const api = installFakeApi({ 'catalog:folders': () => cached<FolderRow>([], { syncedAt: { b: null } }) })
    await publishPages(['a|1', 'b|7'])
    const effects = await screen.findByTestId('review-effects')
    expect(effects).toHaveTextContent(
      'Also published by the portal: 2 folders, 2 sites (Spring Sale, Vesna).'
    )
    expect(effects).toHaveTextContent(
      'Folders of 1 site are not loaded yet; the portal may publish some of them too.'
    )
    // Only the one site, from the cache: opening a review does not call the portals.
    expect(api.callsTo('catalog:folders')).toEqual([{ portalIds: ['b'], siteId: 5 }])
  })

  it('uses the folders the cache has for that site', async () => {
    installFakeApi({
      'catalog:folders': () =>
        cached(
          [folder('b', 50, { siteId: 5, parentId: 49 }), folder('b', 49, { siteId: 5, published: true })],
          { syncedAt: { b: 7 } }
        )
    })
    await publishPages(['b|7'])
    await waitFor(() =>
      expect(screen.getByTestId('review-effects')).toHaveTextContent(
        'Also published by the portal: 1 folder, 1 site (Vesna).'
      )
    )
    expect(screen.getByTestId('review-effects')).not.toHaveTextContent('not loaded')
  })

  it('publishing a folder: its unpublished parents', async () => {
    installFakeApi({})
    await renderUi(
      <ReviewDialog
        action="publish"
        kind="folder"
        targets={[{ portalId: 'a', kind: 'folder', id: 11, scope: '', title: 'Folder 11', on: false }]}
        onClose={() => {}}
      />
    )
    expect(await screen.findByTestId('review-effects')).toHaveTextContent(
      'Also published by the portal: 1 folder.'
    )
  })

  it('publishing a site: its folders, and that the portal may also publish its inactive pages', async () => {
    installFakeApi({})
    useStore.getState().setSelected('sites', ['a|1'], true)
    const { user } = await renderUi(<BulkBar kind="sites" />)
    await user.click(screen.getByRole('button', { name: 'Publish…' }))
    const effects = await screen.findByTestId('review-effects')
    expect(effects).toHaveTextContent('Also published by the portal: 2 folders.')
    // Pages 1, 2 and 5 of site 1 are inactive; 3 and 4 are already published.
    expect(effects).toHaveTextContent(
      'The portal may also publish the 3 inactive pages of this site (current Bitrix24 versions do; its documentation says inactive pages stay unpublished).'
    )
  })

  it('publishing two sites, one with pages not in the cache: says it may publish their inactive pages, without a count', async () => {
    const api = installFakeApi({
      'catalog:pages': () => cached([], { syncedAt: { b: null } }),
      'catalog:folders': () => cached([], { syncedAt: { b: null } })
    })
    // Portal b's pages were never synced.
    const s = useStore.getState()
    s.setCatalog(
      'pages',
      cached(
        s.catalog.pages.rows.filter((p) => p.portalId === 'a'),
        { syncedAt: { a: 1 } }
      )
    )
    s.setSelected('sites', ['a|1', 'b|5'], true)
    const { user } = await renderUi(<BulkBar kind="sites" />)
    await user.click(screen.getByRole('button', { name: 'Publish…' }))
    const effects = await screen.findByTestId('review-effects')
    expect(effects).toHaveTextContent(
      'The portal may also publish the inactive pages of these sites, which are not loaded yet'
    )
    expect(effects).toHaveTextContent(
      'Folders of 1 site are not loaded yet; the portal may publish some of them too.'
    )
    expect(api.callsTo('catalog:pages')).toEqual([{ portalIds: ['b'], siteId: 5 }])
  })

  it('unpublishing a folder: its published parents go offline with it, always', async () => {
    installFakeApi({})
    useStore
      .getState()
      .setCatalog(
        'folders',
        cached(
          [
            folder('a', 10, { published: true }),
            folder('a', 11, { parentId: 10, published: true }),
            folder('a', 12, { parentId: 11, published: true })
          ],
          { syncedAt: { a: 1 } }
        )
      )
    await renderUi(
      <ReviewDialog
        action="unpublish"
        kind="folder"
        targets={[{ portalId: 'a', kind: 'folder', id: 12, scope: '', title: 'Folder 12', on: true }]}
        onClose={() => {}}
      />
    )
    const dialog = screen.getByRole('alertdialog', { name: 'Review' })
    expect(within(dialog).getByTestId('review-effects')).toHaveTextContent(
      'This also takes its 2 published parent folders offline: the portal unpublishes the whole chain of folders above it.'
    )
  })

  it('unpublishing a top-level folder says nothing more; one whose parents are not known says they go too', async () => {
    installFakeApi({ 'catalog:folders': () => cached<FolderRow>([], { syncedAt: { b: null } }) })
    useStore.getState().setCatalog(
      'folders',
      cached(
        [folder('a', 10, { published: true }), folder('b', 60, { siteId: 5, parentId: 59, published: true })],
        {
          syncedAt: { a: 1, b: 1 }
        }
      )
    )
    const ui = await renderUi(
      <ReviewDialog
        action="unpublish"
        kind="folder"
        targets={[{ portalId: 'a', kind: 'folder', id: 10, scope: '', title: 'Folder 10', on: true }]}
        onClose={() => {}}
      />
    )
    expect(screen.getByRole('alertdialog', { name: 'Review' })).toHaveTextContent(
      'Unpublish 1 folder on 1 portal.'
    )
    expect(screen.queryByTestId('review-effects')).not.toBeInTheDocument()
    ui.unmount()
    await renderUi(
      <ReviewDialog
        action="unpublish"
        kind="folder"
        targets={[{ portalId: 'b', kind: 'folder', id: 60, scope: '', title: 'Folder 60', on: true }]}
        onClose={() => {}}
      />
    )
    expect(await screen.findByTestId('review-effects')).toHaveTextContent(
      'This also takes its parent folders offline: the portal unpublishes the whole chain of folders above it.'
    )
  })

  it('unpublishing a site: the confirmation counts the pages it takes offline and the folders it deactivates', async () => {
    installFakeApi({})
    useStore.getState().setSelected('sites', ['a|2'], true)
    useStore.getState().setCatalog(
      'pages',
      cached(
        [
          page('a', 20, { siteId: 2, published: true }),
          page('a', 21, { siteId: 2, published: true }),
          page('a', 22, { siteId: 2 })
        ],
        {
          syncedAt: { a: 1 }
        }
      )
    )
    useStore
      .getState()
      .setCatalog(
        'folders',
        cached([folder('a', 30, { siteId: 2, published: true })], { syncedAt: { a: 1 } })
      )
    const { user } = await renderUi(<BulkBar kind="sites" />)
    await user.click(screen.getByRole('button', { name: 'Unpublish…' }))
    const dialog = screen.getByRole('alertdialog', { name: 'Review' })
    expect(dialog).toHaveTextContent('Unpublish 1 site on 1 portal.')
    const effects = await screen.findByTestId('review-effects')
    expect(effects).toHaveTextContent(
      'This also takes its 2 published pages offline and deactivates its 1 folder.'
    )
    // Current server code leaves fully published pages active under the unpublished site (docs/bitrix24.md#site-publication).
    expect(effects).toHaveTextContent(
      'The portal may leave some of its pages marked active; visitors cannot see them while the site is unpublished.'
    )
  })

  it('unpublishing sites whose pages are not loaded: says all their pages go offline', async () => {
    // Nothing is in the cache for these sites either.
    installFakeApi({
      'catalog:pages': (input) => cached([], { syncedAt: { [input?.portalIds?.[0] ?? '']: null } }),
      'catalog:folders': (input) => cached([], { syncedAt: { [input?.portalIds?.[0] ?? '']: null } })
    })
    useStore.setState((s) => ({
      catalog: { ...s.catalog, pages: { ...s.catalog.pages, rows: [], loadedAt: null } }
    }))
    useStore.getState().setCatalog(
      'sites',
      cached([site('a', 2, { published: true }), site('b', 6, { published: true })], {
        syncedAt: { a: 1, b: 1 }
      })
    )
    useStore.getState().setSelected('sites', ['a|2', 'b|6'], true)
    const { user } = await renderUi(<BulkBar kind="sites" />)
    await user.click(screen.getByRole('button', { name: 'Unpublish…' }))
    expect(await screen.findByTestId('review-effects')).toHaveTextContent(
      'This also takes all their pages offline and deactivates their folders.'
    )
  })
})

describe('the review says what else the portal changes, in Russian', () => {
  it('publishing pages', async () => {
    installFakeApi({ 'catalog:folders': () => cached<FolderRow>([], { syncedAt: { b: null } }) })
    await publishPages(['a|1', 'b|7'], 'ru')
    const effects = await screen.findByTestId('review-effects')
    expect(effects).toHaveTextContent('Портал также опубликует: 2 папки, 2 сайта (Spring Sale, Vesna).')
    expect(effects).toHaveTextContent(
      'Папки 1 сайта ещё не загружены; портал может опубликовать и некоторые из них.'
    )
  })

  it('publishing one page in one unpublished folder', async () => {
    installFakeApi({})
    await publishPages(['a|2'], 'ru')
    expect(await screen.findByTestId('review-effects')).toHaveTextContent(
      'Портал также опубликует: 1 папку, 1 сайт (Spring Sale).'
    )
  })

  it('unpublishing a site', async () => {
    installFakeApi({})
    const pages = Array.from({ length: 5 }, (_, i) => page('a', 100 + i, { siteId: 2, published: true }))
    useStore.getState().setCatalog('pages', cached(pages, { syncedAt: { a: 1 } }))
    useStore
      .getState()
      .setCatalog(
        'folders',
        cached(
          [folder('a', 30, { siteId: 2, published: true }), folder('a', 31, { siteId: 2, published: true })],
          { syncedAt: { a: 1 } }
        )
      )
    useStore.getState().setSelected('sites', ['a|2'], true)
    const { user } = await renderUi(<BulkBar kind="sites" />, 'ru')
    await user.click(screen.getByRole('button', { name: 'Снять с публикации…' }))
    expect(await screen.findByTestId('review-effects')).toHaveTextContent(
      'Портал также снимет с публикации его 5 опубликованных страниц и деактивирует 2 его папки.'
    )
  })

  it('publishing a site with 7 inactive pages', async () => {
    installFakeApi({})
    const pages = [
      ...Array.from({ length: 7 }, (_, i) => page('a', 200 + i, { siteId: 2 })),
      page('a', 210, { siteId: 2, published: true })
    ]
    useStore.getState().setCatalog('pages', cached(pages, { syncedAt: { a: 1 } }))
    useStore
      .getState()
      .setCatalog('sites', cached([site('a', 2, { title: 'Coffee' })], { syncedAt: { a: 1 } }))
    useStore.getState().setSelected('sites', ['a|2'], true)
    const { user } = await renderUi(<BulkBar kind="sites" />, 'ru')
    await user.click(screen.getByRole('button', { name: 'Опубликовать…' }))
    expect(await screen.findByTestId('review-effects')).toHaveTextContent(
      'Портал может также опубликовать 7 неактивных страниц этого сайта (так делают текущие версии Битрикс24; по документации неактивные страницы остаются неопубликованными).'
    )
  })

  it('unpublishing a folder', async () => {
    installFakeApi({})
    useStore.getState().setCatalog(
      'folders',
      cached([folder('a', 10, { published: true }), folder('a', 11, { parentId: 10, published: true })], {
        syncedAt: { a: 1 }
      })
    )
    await renderUi(
      <ReviewDialog
        action="unpublish"
        kind="folder"
        targets={[{ portalId: 'a', kind: 'folder', id: 11, scope: '', title: 'Folder 11', on: true }]}
        onClose={() => {}}
      />,
      'ru'
    )
    expect(await screen.findByTestId('review-effects')).toHaveTextContent(
      'Портал также снимет с публикации 1 опубликованную родительскую папку: он снимает всю цепочку папок над ней.'
    )
  })
})
