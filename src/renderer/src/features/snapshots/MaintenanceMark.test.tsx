import { screen, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { useStore } from '../../store'
import { maintenanceByPortal } from '../../store/snapshots-slice'
import { installFakeApi } from '../../test/fake-api'
import { portal, resetStore } from '../../test/fixtures'
import { renderUi } from '../../test/render'
import { snapshot } from '../../test/snapshot-fixtures'
import { Sidebar } from '../portals/Sidebar'

const open = { active: true, until: null, jobId: 1, endJobId: null }

beforeEach(() => {
  resetStore()
  useStore
    .getState()
    .setPortals([
      portal('a', { name: 'Moscow' }),
      portal('b', { name: 'Berlin' }),
      portal('c', { name: 'Paris' })
    ])
})

describe('maintenance marks', () => {
  it('mark portals in an open maintenance window in the sidebar, not those whose window ended', async () => {
    installFakeApi({})
    useStore.getState().setSnapshots([
      snapshot(1, {
        name: 'Rebrand',
        portalIds: ['a', 'b'],
        siteIds: [{ portalId: 'a', siteId: 4 }],
        maintenance: { ...open, until: '2030-01-05T09:30:00+03:00' }
      }),
      snapshot(2, { portalIds: ['c'], maintenance: { ...open, active: false } })
    ])
    await renderUi(<Sidebar />)
    const moscow = screen.getByRole('listitem', { name: 'Moscow' })
    expect(within(moscow).getByTestId('maintenance-mark')).toHaveTextContent(
      /^Maintenance: 1 site, until .*2030/
    )
    // Berlin is in the snapshot's portals but none of its sites was taken offline.
    expect(
      within(screen.getByRole('listitem', { name: 'Berlin' })).queryByTestId('maintenance-mark')
    ).toBeNull()
    expect(
      within(screen.getByRole('listitem', { name: 'Paris' })).queryByTestId('maintenance-mark')
    ).toBeNull()
  })

  it('follow snapshots:changed: the mark goes when the window ends', async () => {
    installFakeApi({})
    useStore.getState().setSnapshots([snapshot(1, { maintenance: open })])
    await renderUi(<Sidebar />, 'ru')
    expect(screen.getByTestId('maintenance-mark')).toHaveTextContent(
      'Обслуживание: весь портал, завершается вручную'
    )
    useStore.getState().setSnapshots([snapshot(1, { maintenance: { ...open, active: false } })])
    expect(await screen.findByRole('navigation')).not.toHaveTextContent('Обслуживание')
  })

  it('take the newest window when two overlap on a portal', () => {
    const marks = maintenanceByPortal([
      snapshot(1, { name: 'Old', takenAt: 1, maintenance: open }),
      snapshot(2, { name: 'New', takenAt: 2, maintenance: open })
    ])
    expect(marks.get('a')?.name).toBe('New')
  })
})
