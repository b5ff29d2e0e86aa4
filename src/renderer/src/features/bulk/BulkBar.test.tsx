import { screen, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { useStore } from '../../store'
import { installFakeApi } from '../../test/fake-api'
import { cached, job, page, portal, resetStore } from '../../test/fixtures'
import { renderUi } from '../../test/render'
import type { Intent } from '../../../../shared/domain/outbox'
import { BulkBar } from './BulkBar'

beforeEach(() => {
  resetStore()
  const s = useStore.getState()
  s.setPortals([
    portal('a', { name: 'Moscow' }),
    portal('b', { name: 'Berlin' }),
    portal('c', { name: 'Paris' })
  ])
  s.setCatalog(
    'pages',
    cached([
      page('a', 1),
      page('a', 2, { published: true }),
      page('b', 3),
      page('c', 4, { published: true }),
      page('c', 5)
    ])
  )
  s.setSelected('pages', ['a|1', 'a|2', 'b|3', 'c|4', 'c|5'], true)
})

describe('bulk actions', () => {
  it('reviews a publish, saying what happens and what is skipped, then queues it', async () => {
    const api = installFakeApi({ 'outbox:enqueue': (input) => job(7, { title: input.title ?? '' }) })
    const { user } = await renderUi(<BulkBar kind="pages" />)
    expect(screen.getByRole('toolbar')).toHaveTextContent('5 selected on 3 portals')
    await user.click(screen.getByRole('button', { name: 'Publish…' }))
    const dialog = screen.getByRole('dialog', { name: 'Review' })
    expect(dialog).toHaveTextContent('Publish 3 pages on 3 portals.')
    expect(dialog).toHaveTextContent('2 are already in that state and will be skipped.')
    expect(dialog).toHaveTextContent('Moscow: 1')
    await user.click(screen.getByRole('button', { name: 'Put into the outbox' }))
    await waitFor(() => expect(api.callsTo('outbox:enqueue')).toHaveLength(1))
    const { intents, title } = api.callsTo('outbox:enqueue')[0] as { intents: Intent[]; title: string }
    expect(title).toBe('Publish 3 pages')
    expect(intents.map((i) => `${i.portalId}|${i.targetId}`)).toEqual(['a|1', 'b|3', 'c|5'])
    expect(intents.every((i) => i.action === 'publish' && i.kind === 'page')).toBe(true)
    expect(useStore.getState().selection.pages.size).toBe(0)
    expect(useStore.getState().outboxOpen).toBe(true)
    expect(useStore.getState().notice?.text).toBe('Queued: Publish 3 pages')
  })

  it('asks for a deliberate confirmation before unpublishing', async () => {
    const api = installFakeApi({ 'outbox:enqueue': () => job(8) })
    const { user } = await renderUi(<BulkBar kind="pages" />)
    await user.click(screen.getByRole('button', { name: 'Unpublish…' }))
    const dialog = screen.getByRole('alertdialog', { name: 'Review' })
    expect(dialog).toHaveTextContent('Unpublish 2 pages on 2 portals.')
    const go = screen.getByRole('button', { name: 'Put into the outbox' })
    expect(go).toBeDisabled()
    await user.click(screen.getByRole('checkbox', { name: /take 2 items offline/ }))
    expect(go).toBeEnabled()
    await user.click(go)
    await waitFor(() => expect(api.callsTo('outbox:enqueue')).toHaveLength(1))
  })

  it('says plainly when there is nothing to do, and when queueing fails', async () => {
    installFakeApi({})
    useStore.getState().clearSelection('pages')
    useStore.getState().setSelected('pages', ['a|2'], true)
    const { user } = await renderUi(<BulkBar kind="pages" />)
    await user.click(screen.getByRole('button', { name: 'Publish…' }))
    expect(screen.getByRole('dialog')).toHaveTextContent('Nothing to do')
    expect(screen.getByRole('button', { name: 'Put into the outbox' })).toBeDisabled()
    await user.keyboard('{Escape}')
    useStore.getState().setSelected('pages', ['a|1'], true)
    await user.click(screen.getByRole('button', { name: 'Publish…' }))
    await user.click(screen.getByRole('button', { name: 'Put into the outbox' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not queue the work')
  })
})

describe('bulk actions in Russian', () => {
  it('count with the right forms: one item on one portal, several on several', async () => {
    installFakeApi({})
    useStore.getState().clearSelection('pages')
    useStore.getState().setSelected('pages', ['a|1'], true)
    const { user } = await renderUi(<BulkBar kind="pages" />, 'ru')
    expect(screen.getByRole('toolbar')).toHaveTextContent('Выбран 1 объект на 1 портале')
    await user.click(screen.getByRole('button', { name: 'Опубликовать…' }))
    expect(screen.getByRole('dialog')).toHaveTextContent('Опубликовать: 1 страница на 1 портале.')
    await user.keyboard('{Escape}')
    useStore.getState().setSelected('pages', ['a|2', 'b|3', 'c|4', 'c|5'], true)
    await waitFor(() =>
      expect(screen.getByRole('toolbar')).toHaveTextContent('Выбрано 5 объектов на 3 порталах')
    )
    await user.click(screen.getByRole('button', { name: 'Снять с публикации…' }))
    const dialog = screen.getByRole('alertdialog')
    expect(dialog).toHaveTextContent('Снять с публикации: 2 страницы на 2 порталах.')
    expect(dialog).toHaveTextContent('3 объекта уже в нужном состоянии и будут пропущены.')
    expect(
      screen.getByRole('checkbox', { name: 'Понимаю: снять с публикации 2 объекта' })
    ).toBeInTheDocument()
  })
})
