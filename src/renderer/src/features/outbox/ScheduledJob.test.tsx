import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useStore } from '../../store'
import { installFakeApi } from '../../test/fake-api'
import { counts, job, lane, portal, resetStore } from '../../test/fixtures'
import { renderUi } from '../../test/render'
import { entry, snapshot } from '../../test/snapshot-fixtures'
import { localInputToIso } from '../schedule/time'
import { OutboxPanel } from './OutboxPanel'

const NOW = Date.UTC(2026, 11, 7, 6, 0, 0)
const MIN = 60_000
const iso = (ms: number) => new Date(ms).toISOString()

beforeEach(() => {
  // Only the clock is fake: user-event and the countdown's interval keep real timers.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  resetStore()
  useStore.getState().setPortals([portal('a', { name: 'Moscow' })])
})

afterEach(() => vi.useRealTimers())

const show = (...jobs: ReturnType<typeof job>[]) =>
  useStore.getState().setOutbox({ lanes: [lane('a', { state: 'idle' })], jobs })

describe('scheduled jobs in the outbox', () => {
  it('count down to their start time, every second', async () => {
    installFakeApi({})
    show(job(1, { title: 'Publish 12 pages', startAt: iso(NOW + 125 * MIN + 30_000) }))
    await renderUi(<OutboxPanel />)
    const card = screen.getByRole('listitem', { name: 'Publish 12 pages' })
    expect(within(card).getByTestId('job-schedule')).toHaveTextContent(/^Scheduled for .*2026/)
    expect(within(card).getByTestId('countdown')).toHaveTextContent('starts in 2 h 5 min')
    vi.setSystemTime(NOW + 125 * MIN)
    await waitFor(() => expect(within(card).getByTestId('countdown')).toHaveTextContent('starts in 30 s'))
  })

  it('are rescheduled or started now', async () => {
    const api = installFakeApi({ 'outbox:reschedule': () => undefined })
    show(job(1, { title: 'Publish 12 pages', startAt: iso(NOW + 60 * MIN) }))
    const { user } = await renderUi(<OutboxPanel />)
    const card = screen.getByRole('listitem', { name: 'Publish 12 pages' })
    await user.click(within(card).getByRole('button', { name: 'Reschedule…' }))
    // The picker opens on the time already set.
    expect(within(card).getByRole('radio', { name: 'At a set time' })).toBeChecked()
    fireEvent.change(within(card).getByLabelText('Start time'), { target: { value: '2026-12-08T09:00' } })
    await user.click(within(card).getByRole('button', { name: 'Save' }))
    expect(api.callsTo('outbox:reschedule')).toEqual([
      { jobId: 1, startAt: localInputToIso('2026-12-08T09:00') }
    ])
    await user.click(within(card).getByRole('button', { name: 'Start now' }))
    expect(api.callsTo('outbox:reschedule')).toEqual([
      { jobId: 1, startAt: localInputToIso('2026-12-08T09:00') },
      { jobId: 1, startAt: null }
    ])
    expect(useStore.getState().notice?.text).toBe('Publish 12 pages: starting now')
  })

  it('say when one missed its time and offer to start it by hand', async () => {
    const api = installFakeApi({ 'outbox:reschedule': () => undefined })
    show(
      job(1, {
        title: 'While away',
        startAt: iso(NOW - 25 * 60 * MIN),
        startedAt: null,
        missedAt: NOW - MIN,
        counts: counts({ queued: 3 })
      })
    )
    const { user } = await renderUi(<OutboxPanel />)
    const card = screen.getByRole('listitem', { name: 'While away' })
    expect(within(card).getByTestId('missed')).toHaveTextContent(
      /^Missed its time .*Reschedule it or start it now\.$/
    )
    await user.click(within(card).getByRole('button', { name: 'Start now' }))
    expect(api.callsTo('outbox:reschedule')).toEqual([{ jobId: 1, startAt: null }])
  })

  it('say how late they started when the app was closed at their time', async () => {
    installFakeApi({})
    show(
      job(1, {
        title: 'Go live',
        startAt: iso(NOW - 130 * MIN),
        startedAt: NOW - 5 * MIN,
        lateByMs: 125 * MIN,
        counts: counts({ queued: 4, done: 6 })
      }),
      job(2, {
        title: 'On time',
        createdAt: 1,
        startAt: iso(NOW - 10 * MIN),
        startedAt: NOW - 10 * MIN,
        lateByMs: null
      })
    )
    await renderUi(<OutboxPanel />)
    const late = screen.getByRole('listitem', { name: 'Go live' })
    expect(within(late).getByTestId('job-schedule')).toHaveTextContent(
      /^Started 2 h 5 min late \(scheduled for .*\)\.$/
    )
    expect(within(late).queryByRole('button', { name: 'Reschedule…' })).toBeNull()
    expect(
      within(screen.getByRole('listitem', { name: 'On time' })).getByTestId('job-schedule')
    ).toHaveTextContent(/^Started as scheduled/)
  })

  it('say in Russian how long is left', async () => {
    installFakeApi({})
    show(job(1, { title: 'Публикация', startAt: iso(NOW + 125 * MIN) }))
    await renderUi(<OutboxPanel />, 'ru')
    expect(screen.getByTestId('countdown')).toHaveTextContent('запуск через 2 ч 5 мин')
  })
})

describe('restore jobs', () => {
  it('say whether the portal matches the snapshot again, and list what does not', async () => {
    useStore.getState().setSnapshots([snapshot(3, { name: 'Friday' })])
    const api = installFakeApi({
      'snapshots:restoreReport': () => [entry('a', 'page', 11, { title: 'Shoes', then: true, now: false })]
    })
    show(
      job(1, {
        title: 'Restore Friday',
        state: 'finished',
        counts: counts({ done: 5 }),
        restore: { snapshotId: 3, matches: false, differences: 1 }
      }),
      job(2, {
        title: 'Restore Friday again',
        createdAt: 1,
        state: 'finished',
        counts: counts({ done: 5 }),
        restore: { snapshotId: 3, matches: true, differences: 0 }
      })
    )
    const { user } = await renderUi(<OutboxPanel />)
    const first = screen.getByRole('listitem', { name: 'Restore Friday' })
    expect(within(first).getByTestId('restore-outcome')).toHaveTextContent(
      '1 object does not match snapshot “Friday”.'
    )
    await user.click(within(first).getByRole('button', { name: 'Show what differs' }))
    const list = await within(first).findByRole('list', { name: 'Objects that do not match the snapshot' })
    expect(list).toHaveTextContent('Shoes #11 · Moscow then live, now offline')
    expect(api.callsTo('snapshots:restoreReport')).toEqual([{ jobId: 1 }])
    expect(
      within(screen.getByRole('listitem', { name: 'Restore Friday again' })).getByTestId('restore-outcome')
    ).toHaveTextContent('The portal matches snapshot “Friday” again.')
  })
})
