import { fireEvent, screen, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { useStore } from '../../store'
import { installFakeApi } from '../../test/fake-api'
import { job, portal, resetStore } from '../../test/fixtures'
import { renderUi } from '../../test/render'
import { ReviewDialog } from '../bulk/ReviewDialog'
import type { Target } from '../bulk/plan'
import { localInputToIso } from './time'

const pages: Target[] = [1, 2, 3].map((id) => ({
  portalId: 'a',
  kind: 'page',
  id,
  scope: '',
  title: `Page ${id}`,
  on: false
}))

beforeEach(() => {
  resetStore()
  useStore.getState().setPortals([portal('a', { name: 'Moscow' })])
})

const review = () =>
  renderUi(<ReviewDialog action="publish" kind="page" targets={pages} onClose={() => {}} />)

describe('the review dialog’s start time', () => {
  it('queues for now unless a time is chosen', async () => {
    const api = installFakeApi({ 'outbox:enqueue': () => job(1) })
    const { user } = await review()
    const dialog = screen.getByRole('dialog', { name: 'Review' })
    expect(within(dialog).getByRole('radio', { name: 'Now' })).toBeChecked()
    await user.click(within(dialog).getByRole('button', { name: 'Put into the outbox' }))
    expect(api.callsTo('outbox:enqueue')).toHaveLength(1)
    expect(api.callsTo('outbox:enqueue')[0]).not.toHaveProperty('startAt')
  })

  it('sends a chosen local time with its offset, naming the time zone it is read in', async () => {
    const api = installFakeApi({ 'outbox:enqueue': () => job(1) })
    const { user } = await review()
    const dialog = screen.getByRole('dialog', { name: 'Review' })
    await user.click(within(dialog).getByRole('radio', { name: 'At a set time' }))
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
    expect(dialog).toHaveTextContent(`Time zone: ${zone}`)
    fireEvent.change(within(dialog).getByLabelText('Start time'), { target: { value: '2030-03-04T09:00' } })
    expect(within(dialog).getByTestId('schedule-hint')).toHaveTextContent(/^starts in \d+ d/)
    await user.click(within(dialog).getByRole('button', { name: 'Put into the outbox' }))
    const sent = api.callsTo('outbox:enqueue')[0] as { startAt: string; intents: unknown[] }
    expect(sent.startAt).toBe(localInputToIso('2030-03-04T09:00'))
    expect(sent.startAt).toMatch(/^2030-03-04T09:00:00(Z|[+-]\d\d:\d\d)$/)
    expect(sent.intents).toHaveLength(3)
  })

  it('will not queue for a time that has passed or is not a time', async () => {
    const api = installFakeApi({ 'outbox:enqueue': () => job(1) })
    const { user } = await review()
    const dialog = screen.getByRole('dialog', { name: 'Review' })
    await user.click(within(dialog).getByRole('radio', { name: 'At a set time' }))
    const input = within(dialog).getByLabelText('Start time')
    fireEvent.change(input, { target: { value: '2021-03-04T09:00' } })
    expect(input).toHaveAttribute('aria-invalid', 'true')
    const put = within(dialog).getByRole('button', { name: 'Put into the outbox' })
    expect(put).toBeDisabled()
    fireEvent.change(input, { target: { value: '' } })
    expect(within(dialog).getByTestId('schedule-hint')).toHaveTextContent('Enter a date and time.')
    expect(put).toBeDisabled()
    await user.click(within(dialog).getByRole('radio', { name: 'Now' }))
    expect(put).toBeEnabled()
    expect(api.callsTo('outbox:enqueue')).toEqual([])
  })
})
