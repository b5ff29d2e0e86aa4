import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { JobChange } from '../../../../shared/domain/outbox'
import { useStore } from '../../store'
import { installFakeApi } from '../../test/fake-api'
import { counts, job, lane, portal, resetStore } from '../../test/fixtures'
import { renderUi } from '../../test/render'
import { OutboxPanel } from './OutboxPanel'

beforeEach(() => {
  resetStore()
  useStore.getState().setPortals([portal('a', { name: 'Moscow' }), portal('b', { name: 'Berlin' })])
  useStore.getState().setOutbox({
    lanes: [
      lane('a', { state: 'running', counts: counts({ queued: 50, done: 40, failed: 10 }) }),
      lane('b', { state: 'unreachable', counts: counts({ queued: 100 }), reason: 'Berlin does not answer' })
    ],
    jobs: [
      job(1, {
        title: 'Publish 200 pages',
        counts: counts({ queued: 150, done: 40, failed: 10 }),
        portalIds: ['a', 'b']
      }),
      job(2, { title: 'Older job', createdAt: 1, state: 'finished', counts: counts({ done: 3 }) })
    ]
  })
})

describe('OutboxPanel', () => {
  it('shows a lane per portal with progress, counts and why it waits', async () => {
    const api = installFakeApi({ 'outbox:pauseLane': () => undefined })
    const { user } = await renderUi(<OutboxPanel />)
    const moscow = screen.getByRole('listitem', { name: 'Moscow' })
    expect(within(moscow).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '50')
    expect(within(moscow).getByRole('progressbar')).toHaveAttribute('aria-valuemax', '100')
    expect(within(moscow).getByTestId('count-failed')).toHaveTextContent('10 failed')
    const berlin = screen.getByRole('listitem', { name: 'Berlin' })
    expect(within(berlin).getByTestId('lane-state')).toHaveTextContent('Unreachable')
    expect(berlin).toHaveTextContent('Berlin does not answer')
    await user.click(within(moscow).getByRole('button', { name: 'Pause Moscow' }))
    expect(api.callsTo('outbox:pauseLane')).toEqual([{ portalId: 'a' }])
    const jobs = within(screen.getByRole('region', { name: 'Jobs' })).getAllByRole('listitem')
    expect(jobs[0]).toHaveAccessibleName('Publish 200 pages')
  })

  it('says a lane has nothing waiting once its jobs are finished, instead of an empty track', async () => {
    installFakeApi({})
    useStore.getState().setOutbox({
      lanes: [lane('a', { state: 'idle', counts: counts({}) })],
      jobs: [job(2, { state: 'finished', counts: counts({ done: 3 }) })]
    })
    await renderUi(<OutboxPanel />)
    const moscow = screen.getByRole('listitem', { name: 'Moscow' })
    expect(within(moscow).queryByRole('progressbar')).toBeNull()
    expect(moscow).toHaveTextContent('Nothing waiting')
  })

  it('lists each failure with its reason and what to do, and retries them', async () => {
    const api = installFakeApi({
      'outbox:operations': () => [
        {
          id: 9,
          jobId: 1,
          portalId: 'a',
          kind: 'page',
          targetId: 42,
          scope: '',
          action: 'publish',
          label: 'Secret page',
          state: 'failed',
          attempts: 1,
          error: { code: 'ACCESS_DENIED', message: 'You may not publish this page.', category: 'permanent' },
          updatedAt: 0
        }
      ],
      'outbox:retryFailed': () => 10
    })
    const { user } = await renderUi(<OutboxPanel />)
    const card = screen.getByRole('listitem', { name: 'Publish 200 pages' })
    await user.click(within(card).getByRole('button', { name: 'Failures (10)' }))
    const reason = await within(card).findByTestId('failure-reason')
    expect(reason).toHaveTextContent('You may not publish this page.')
    expect(card).toHaveTextContent('Fix it on the portal (permissions, deleted object), then retry.')
    expect(api.callsTo('outbox:operations')).toEqual([{ jobId: 1, states: ['failed'] }])
    await user.click(within(card).getByRole('button', { name: 'Retry failed' }))
    expect(api.callsTo('outbox:retryFailed')).toEqual([{ jobId: 1 }])
  })

  it('pauses, cancels after confirmation, and exports a report as a download', async () => {
    const api = installFakeApi({
      'outbox:pauseJob': () => undefined,
      'outbox:cancel': () => 150,
      'outbox:export': () => ({ filename: 'job-1.csv', content: 'id,state\n1,done\n' })
    })
    const created: Blob[] = []
    URL.createObjectURL = vi.fn((b: Blob) => {
      created.push(b)
      return 'blob:report'
    })
    URL.revokeObjectURL = vi.fn()
    const clicks: string[] = []
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement
    ) {
      clicks.push(this.download)
    })
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true)
    const { user } = await renderUi(<OutboxPanel />)
    const card = screen.getByRole('listitem', { name: 'Publish 200 pages' })
    await user.click(within(card).getByRole('button', { name: 'Pause' }))
    expect(api.callsTo('outbox:pauseJob')).toEqual([{ jobId: 1 }])
    await user.click(within(card).getByRole('button', { name: 'Cancel' }))
    expect(confirm).toHaveBeenCalledWith('Cancel the 150 operations not sent yet?')
    expect(api.callsTo('outbox:cancel')).toEqual([{ jobId: 1 }])
    await user.click(within(card).getByRole('button', { name: 'Export CSV' }))
    await waitFor(() => expect(clicks).toEqual(['job-1.csv']))
    expect(await created[0].text()).toBe('id,state\n1,done\n')
    click.mockRestore()
    confirm.mockRestore()
  })

  it('says which operations the portal reports otherwise, with what it reports, and retries them', async () => {
    const api = installFakeApi({
      'outbox:operations': (input) =>
        input?.states?.[0] === 'mismatch'
          ? [
              {
                id: 5,
                jobId: 3,
                portalId: 'a',
                kind: 'page',
                targetId: 77,
                scope: '',
                action: 'publish',
                label: 'Locked page',
                state: 'mismatch',
                attempts: 1,
                error: {
                  code: 'PORTAL_REPORTS_OTHERWISE',
                  message: 'The portal reports the page as not published.',
                  category: 'permanent'
                },
                updatedAt: 0
              }
            ]
          : [],
      'outbox:retryFailed': () => 1
    })
    useStore.getState().setOutbox({
      lanes: [],
      jobs: [
        job(3, {
          title: 'Publish 4 pages',
          state: 'finished',
          total: 4,
          counts: counts({ done: 3, mismatch: 1 })
        })
      ]
    })
    const { user } = await renderUi(<OutboxPanel />)
    const card = screen.getByRole('listitem', { name: 'Publish 4 pages' })
    expect(within(card).getByTestId('count-mismatch')).toHaveTextContent('1 reported otherwise')
    // Settled: the bar is full, three done and one the portal reports otherwise.
    expect(within(card).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '4')
    expect(within(card).queryByRole('button', { name: /Failures/ })).toBeNull()
    await user.click(within(card).getByRole('button', { name: 'Portal reports otherwise (1)' }))
    expect(await within(card).findByTestId('mismatch-reason')).toHaveTextContent(
      'The portal reports the page as not published.'
    )
    expect(card).toHaveTextContent('Locked page')
    expect(card).toHaveTextContent('Check the object on the portal, then retry.')
    expect(api.callsTo('outbox:operations')).toEqual([{ jobId: 3, states: ['mismatch'] }])
    await user.click(within(card).getByRole('button', { name: 'Retry failed' }))
    expect(api.callsTo('outbox:retryFailed')).toEqual([{ jobId: 3 }])
  })

  it('lists what else changed on the portal, asked for only when the job reports some', async () => {
    const changes: JobChange[] = Array.from({ length: 12 }, (_, i) => ({
      portalId: 'a',
      kind: 'page',
      id: 100 + i,
      title: `Inactive page ${i + 1}`,
      scope: '',
      before: false,
      after: true,
      at: 1
    }))
    changes.push({
      ...changes[0],
      kind: 'folder' as const,
      id: 9,
      title: 'Catalog',
      before: true,
      after: false
    })
    const api = installFakeApi({ 'outbox:changes': () => changes })
    useStore.getState().setOutbox({
      lanes: [],
      jobs: [
        job(4, {
          title: 'Publish 1 site',
          state: 'finished',
          total: 1,
          counts: counts({ done: 1 }),
          changes: 13
        }),
        job(5, { title: 'Publish 2 pages', state: 'finished', total: 2, counts: counts({ done: 2 }) })
      ]
    })
    const { user } = await renderUi(<OutboxPanel />)
    const card = screen.getByRole('listitem', { name: 'Publish 1 site' })
    const list = await within(card).findByRole('region', { name: 'Also changed on the portal' })
    expect(list).toHaveTextContent('Also changed on the portal (13)')
    expect(within(list).getAllByRole('listitem')).toHaveLength(10)
    expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent(
      'Inactive page 1 (page, Moscow) not published → published'
    )
    await user.click(within(list).getByRole('button', { name: 'Show 3 more' }))
    expect(within(list).getAllByRole('listitem')).toHaveLength(13)
    expect(within(list).getAllByRole('listitem')[12]).toHaveTextContent(
      'Catalog (folder, Moscow) published → not published'
    )
    expect(api.callsTo('outbox:changes')).toEqual([{ jobId: 4 }])
    expect(
      within(screen.getByRole('listitem', { name: 'Publish 2 pages' })).queryByRole('region', {
        name: 'Also changed on the portal'
      })
    ).toBeNull()
  })

  it('in Russian', async () => {
    installFakeApi({
      'outbox:changes': () => [
        { portalId: 'a', kind: 'page', id: 1, title: 'Платья', scope: '', before: false, after: true, at: 1 }
      ]
    })
    useStore.getState().setOutbox({
      lanes: [],
      jobs: [
        job(4, {
          title: 'Опубликовать: 1 сайт',
          state: 'finished',
          total: 3,
          counts: counts({ done: 2, mismatch: 1 }),
          changes: 1
        })
      ]
    })
    await renderUi(<OutboxPanel />, 'ru')
    const card = screen.getByRole('listitem', { name: 'Опубликовать: 1 сайт' })
    expect(within(card).getByTestId('count-mismatch')).toHaveTextContent('1: портал сообщает иное')
    expect(within(card).getByRole('button', { name: 'Портал сообщает иное (1)' })).toBeInTheDocument()
    const list = await within(card).findByRole('region', { name: 'Также изменилось на портале' })
    expect(list).toHaveTextContent('Платья (страница, Moscow) не опубликовано → опубликовано')
  })
})
