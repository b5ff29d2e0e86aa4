import { screen, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { counts, lane, resetStore } from '../../test/fixtures'
import { renderUi } from '../../test/render'
import { LaneRow } from './LaneRow'

beforeEach(() => resetStore())

const at = new Date(2030, 0, 1, 10, 42).getTime()

describe('LaneRow: requests in flight', () => {
  it('says how many requests are on the wire of how many the lane allows itself, and why it went down', async () => {
    await renderUi(
      <ul>
        <LaneRow
          name="Moscow"
          lane={lane('a', {
            counts: counts({ queued: 20, sending: 8 }),
            inFlight: 2,
            window: 2,
            ceiling: 4,
            lowered: { to: 2, at, reason: 'HTTP 500 from the portal' }
          })}
        />
      </ul>
    )
    const row = screen.getByRole('listitem', { name: 'Moscow' })
    expect(within(row).getByTestId('lane-flight')).toHaveTextContent('2 of 2 in flight (up to 4)')
    expect(within(row).getByTestId('lane-lowered')).toHaveTextContent(
      /Lowered to 2 at 10:42( AM)?: HTTP 500 from the portal/
    )
  })

  it('at its ceiling it says only how many are in flight; in Russian too', async () => {
    await renderUi(
      <ul>
        <LaneRow
          name="Berlin"
          lane={lane('b', { counts: counts({ queued: 5 }), inFlight: 3, window: 4, ceiling: 4 })}
        />
      </ul>,
      'ru'
    )
    const row = screen.getByRole('listitem', { name: 'Berlin' })
    expect(within(row).getByTestId('lane-flight')).toHaveTextContent(/^в работе 3 из 4$/)
    expect(within(row).queryByTestId('lane-lowered')).toBeNull()
  })

  it('a portal set to one request at a time, idle and never lowered, shows nothing about it', async () => {
    await renderUi(
      <ul>
        <LaneRow name="Kazan" lane={lane('c', { inFlight: 0, window: 1, ceiling: 1 })} />
      </ul>
    )
    expect(screen.queryByTestId('lane-flight')).toBeNull()
  })
})
