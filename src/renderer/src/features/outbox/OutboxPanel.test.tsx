import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
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
})
