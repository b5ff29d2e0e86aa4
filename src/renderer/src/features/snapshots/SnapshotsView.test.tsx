import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RestorePlan, SnapshotDiff } from '../../../../shared/domain/snapshot'
import { useStore } from '../../store'
import { installFakeApi } from '../../test/fake-api'
import { cached, job, portal, resetStore, site } from '../../test/fixtures'
import { renderUi } from '../../test/render'
import { entry, intent, snapshot } from '../../test/snapshot-fixtures'
import { localInputToIso } from '../schedule/time'
import { SnapshotsView } from './SnapshotsView'

const LATER = '2030-01-05T09:30'

beforeEach(() => {
  resetStore()
  const s = useStore.getState()
  s.setPortals([portal('a', { name: 'Moscow' }), portal('b', { name: 'Berlin' })])
  s.setCatalog(
    'sites',
    cached([site('a', 1, { title: 'Spring Sale', published: true }), site('a', 2, { title: 'Coffee' })], {
      syncedAt: { a: 1 }
    })
  )
  s.setSnapshots([
    snapshot(1, { name: 'Before the campaign', takenAt: Date.UTC(2026, 10, 1) }),
    snapshot(2, { name: 'Yesterday', portalIds: ['a', 'b'], takenAt: Date.UTC(2026, 10, 30) })
  ])
})

afterEach(() => vi.restoreAllMocks())

const card = (name: string) => screen.getByRole('listitem', { name })

describe('SnapshotsView', () => {
  it('lists snapshots newest first with what they recorded and their maintenance state', async () => {
    installFakeApi({})
    useStore.getState().setSnapshots([
      ...useStore.getState().snapshots,
      snapshot(3, {
        name: 'Rebrand',
        takenAt: Date.UTC(2026, 10, 2),
        maintenance: { active: true, until: '2030-01-05T09:30:00+03:00', jobId: 7, endJobId: 8 }
      })
    ])
    await renderUi(<SnapshotsView />)
    const items = within(screen.getByRole('list', { name: 'Snapshots' })).getAllByRole('listitem')
    expect(items.map((li) => li.querySelector('h3')?.textContent)).toEqual([
      'Yesterday',
      'Rebrand',
      'Before the campaign'
    ])
    expect(within(card('Yesterday')).getByTestId('snapshot-counts')).toHaveTextContent(
      '3 sites, 20,000 pages, 12 folders, 40 documents; 8,000 of them live'
    )
    expect(card('Yesterday')).toHaveTextContent('Whole portals: Moscow, Berlin')
    expect(card('Rebrand')).toHaveTextContent(/In maintenance until .*2030/)
    // A window still open is ended, not restored: the card offers the one that closes it.
    expect(within(card('Rebrand')).getByRole('button', { name: 'End maintenance…' })).toBeInTheDocument()
    expect(within(card('Rebrand')).queryByRole('button', { name: 'Restore…' })).toBeNull()
  })

  it('compares a snapshot with now, per portal: what went offline, what went live, what is gone', async () => {
    const diff: SnapshotDiff = {
      snapshotId: 2,
      portals: [
        {
          portalId: 'a',
          wentOffline: [
            entry('a', 'site', 1, { title: 'Spring Sale', siteId: null }),
            entry('a', 'page', 11, { title: 'Shoes' })
          ],
          wentLive: [entry('a', 'page', 12, { title: 'Draft', then: false, now: true })],
          gone: [entry('a', 'page', 13, { title: 'Old offer', now: null })]
        },
        { portalId: 'b', wentOffline: [], wentLive: [], gone: [] }
      ]
    }
    const api = installFakeApi({ 'snapshots:diff': () => diff })
    const { user } = await renderUi(<SnapshotsView />)
    await user.click(within(card('Yesterday')).getByRole('button', { name: 'Compare with now' }))
    const region = await screen.findByRole('region', { name: 'Comparison of Yesterday with now' })
    expect(api.callsTo('snapshots:diff')).toEqual([{ snapshotId: 2 }])
    expect(
      within(region)
        .getAllByTestId('diff-summary')
        .map((h) => h.textContent)
    ).toEqual(['Moscow: 2 went offline, 1 went live, 1 no longer exists'])
    const offline = within(region).getByRole('list', { name: 'Went offline on Moscow' })
    expect(within(offline).getAllByRole('listitem')[0]).toHaveTextContent(
      'site Spring Sale #1 then live, now offline'
    )
    expect(within(region).getByRole('list', { name: 'Went live on Moscow' })).toHaveTextContent(
      'Draft #12 then offline, now live'
    )
    expect(within(region).getByRole('list', { name: 'Gone from Moscow' })).toHaveTextContent('now gone')
  })

  it('says so when nothing changed since the snapshot', async () => {
    installFakeApi({
      'snapshots:diff': () => ({
        snapshotId: 1,
        portals: [{ portalId: 'a', wentOffline: [], wentLive: [], gone: [] }]
      })
    })
    const { user } = await renderUi(<SnapshotsView />)
    await user.click(within(card('Before the campaign')).getByRole('button', { name: 'Compare with now' }))
    expect(await screen.findByTestId('diff-summary')).toHaveTextContent(
      'Everything is as it was when the snapshot was taken.'
    )
  })

  it('restores with a review: the plan per portal, the portal’s side effects, a confirmation, and a start time', async () => {
    const plan: RestorePlan = {
      snapshotId: 1,
      intents: [
        intent('a', 'site', 1, 'publish', 'Spring Sale'),
        intent('a', 'page', 11, 'publish', 'Shoes'),
        intent('a', 'page', 12, 'unpublish', 'Draft')
      ],
      effects: ['Publishing Spring Sale may also publish its 7 inactive pages; they are put back after it.']
    }
    const api = installFakeApi({
      'snapshots:planRestore': () => plan,
      'snapshots:restore': () => job(9, { title: 'Restore Before the campaign' })
    })
    const { user } = await renderUi(<SnapshotsView />)
    await user.click(within(card('Before the campaign')).getByRole('button', { name: 'Restore…' }))
    const dialog = screen.getByRole('alertdialog', { name: 'Restore “Before the campaign”' })
    const review = within(dialog).getByTestId('restore-plan')
    await waitFor(() => expect(review).toHaveTextContent('3 changes on 1 portal put the snapshot back.'))
    expect(api.callsTo('snapshots:planRestore')).toEqual([{ snapshotId: 1 }])
    expect(review).toHaveTextContent('Moscow: Publish 1 site, Publish 1 page, Unpublish 1 page')
    expect(within(dialog).getByTestId('review-effects')).toHaveTextContent(
      'may also publish its 7 inactive pages'
    )
    // The order they run in, first to last.
    const steps = within(review).getAllByRole('listitem').slice(-3)
    expect(steps.map((li) => li.textContent)).toEqual([
      'Publish site Spring Sale',
      'Publish page Shoes',
      'Unpublish page Draft'
    ])

    const submit = within(dialog).getByRole('button', { name: 'Restore' })
    expect(submit).toBeDisabled()
    await user.click(
      within(dialog).getByRole('checkbox', {
        name: 'I understand: 1 item is set offline, as it was in the snapshot'
      })
    )
    expect(submit).toBeEnabled()
    await user.click(within(dialog).getByRole('radio', { name: 'At a set time' }))
    fireEvent.change(within(dialog).getByLabelText('Start time'), { target: { value: LATER } })
    await user.click(submit)
    expect(api.callsTo('snapshots:restore')).toEqual([{ snapshotId: 1, startAt: localInputToIso(LATER) }])
    expect(useStore.getState().outboxOpen).toBe(true)
  })

  it('narrows a restore to chosen portals or sites and re-plans for them', async () => {
    const api = installFakeApi({
      'snapshots:planRestore': () => ({ snapshotId: 2, intents: [], effects: [] })
    })
    const { user } = await renderUi(<SnapshotsView />)
    await user.click(within(card('Yesterday')).getByRole('button', { name: 'Restore…' }))
    const dialog = screen.getByRole('alertdialog', { name: 'Restore “Yesterday”' })
    await waitFor(() =>
      expect(within(dialog).getByTestId('restore-plan')).toHaveTextContent(
        'The portals already match the snapshot. Nothing to restore.'
      )
    )
    expect(within(dialog).getByRole('button', { name: 'Restore' })).toBeDisabled()
    await user.click(within(dialog).getByRole('radio', { name: 'Chosen portals' }))
    await user.click(within(dialog).getByRole('checkbox', { name: 'Moscow' }))
    await waitFor(() => expect(api.callsTo('snapshots:planRestore')).toHaveLength(3))
    await user.click(within(dialog).getByRole('radio', { name: 'Chosen sites' }))
    await user.click(within(dialog).getByRole('checkbox', { name: /Spring Sale/ }))
    await waitFor(() =>
      expect(api.callsTo('snapshots:planRestore')).toEqual([
        { snapshotId: 2 },
        { snapshotId: 2, portalIds: ['a', 'b'] },
        { snapshotId: 2, portalIds: ['b'] },
        { snapshotId: 2, siteIds: [{ portalId: 'a', siteId: 1 }] }
      ])
    )
  })

  it('takes a snapshot of the chosen portals under a name', async () => {
    const api = installFakeApi({
      'snapshots:take': () => snapshot(3, { name: 'Pre-sale' }),
      'snapshots:list': () => [],
      'catalog:sites': () => cached([])
    })
    const { user } = await renderUi(<SnapshotsView />)
    await user.click(screen.getByRole('button', { name: 'Take a snapshot…' }))
    const dialog = screen.getByRole('dialog', { name: 'Take a snapshot' })
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Pre-sale')
    await user.click(within(dialog).getByRole('checkbox', { name: 'Berlin' }))
    await user.click(within(dialog).getByRole('button', { name: 'Take snapshot' }))
    expect(api.callsTo('snapshots:take')).toEqual([{ portalIds: ['a'], name: 'Pre-sale' }])
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(useStore.getState().notice?.text).toBe('Snapshot taken: Pre-sale')
  })

  it('takes sites selected in the Sites view offline for maintenance, with a scheduled end, after a confirmation', async () => {
    useStore.getState().setSelected('sites', ['a|1'], true)
    const api = installFakeApi({
      'maintenance:start': () => ({
        snapshot: snapshot(4, { name: 'Rebrand' }),
        job: job(10, { title: 'Unpublish 1 site' })
      }),
      'snapshots:list': () => []
    })
    const { user } = await renderUi(<SnapshotsView />)
    await user.click(screen.getByRole('button', { name: 'Take offline for maintenance…' }))
    const dialog = screen.getByRole('alertdialog', { name: 'Take offline for maintenance' })
    expect(within(dialog).getByRole('radio', { name: 'Chosen sites' })).toBeChecked()
    expect(within(dialog).getByRole('checkbox', { name: /Spring Sale/ })).toBeChecked()
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Rebrand')
    await user.click(within(dialog).getByRole('radio', { name: 'Automatically at' }))
    fireEvent.change(within(dialog).getByLabelText('Start time'), { target: { value: LATER } })
    const start = within(dialog).getByRole('button', { name: 'Take offline' })
    expect(start).toBeDisabled()
    await user.click(within(dialog).getByRole('checkbox', { name: 'I understand: take 1 site offline' }))
    await user.click(start)
    expect(api.callsTo('maintenance:start')).toEqual([
      {
        portalIds: ['a'],
        siteIds: [{ portalId: 'a', siteId: 1 }],
        until: localInputToIso(LATER),
        name: 'Rebrand'
      }
    ])
    expect(useStore.getState().notice?.text).toMatch(/^Maintenance started: Rebrand, ends .*2030/)
  })

  it('refuses a maintenance end time in the past', async () => {
    installFakeApi({})
    const { user } = await renderUi(<SnapshotsView />)
    await user.click(screen.getByRole('button', { name: 'Take offline for maintenance…' }))
    const dialog = screen.getByRole('alertdialog', { name: 'Take offline for maintenance' })
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'I understand: take 2 whole portals offline' })
    )
    const start = within(dialog).getByRole('button', { name: 'Take offline' })
    expect(start).toBeEnabled()
    await user.click(within(dialog).getByRole('radio', { name: 'Automatically at' }))
    fireEvent.change(within(dialog).getByLabelText('Start time'), { target: { value: '2020-01-01T09:00' } })
    expect(within(dialog).getByTestId('schedule-hint')).toHaveTextContent(
      'That time has passed. Choose a time in the future.'
    )
    expect(start).toBeDisabled()
  })

  it('ends a maintenance window after showing what it puts back', async () => {
    useStore.getState().setSnapshots([
      snapshot(5, {
        name: 'Rebrand',
        maintenance: { active: true, until: null, jobId: 7, endJobId: null }
      })
    ])
    const api = installFakeApi({
      'snapshots:planRestore': () => ({
        snapshotId: 5,
        intents: [intent('a', 'site', 1, 'publish', 'Spring Sale')],
        effects: []
      }),
      'maintenance:end': () => job(11, { title: 'Restore Rebrand' }),
      'snapshots:list': () => []
    })
    const { user } = await renderUi(<SnapshotsView />)
    await user.click(within(card('Rebrand')).getByRole('button', { name: 'End maintenance…' }))
    const dialog = screen.getByRole('alertdialog', { name: 'End maintenance “Rebrand”' })
    await waitFor(() =>
      expect(within(dialog).getByTestId('restore-plan')).toHaveTextContent('Moscow: Publish 1 site')
    )
    await user.click(within(dialog).getByRole('button', { name: 'End maintenance' }))
    expect(api.callsTo('maintenance:end')).toEqual([{ snapshotId: 5 }])
    expect(useStore.getState().notice?.text).toBe('Queued: Restore Rebrand')
  })

  it('deletes a snapshot after a confirmation and exports one as a download', async () => {
    const api = installFakeApi({
      'snapshots:delete': () => undefined,
      'snapshots:list': () => [],
      'snapshots:export': () => ({ filename: 'snapshot-1.csv', content: 'portal,kind,id\n' })
    })
    URL.createObjectURL = vi.fn(() => 'blob:snapshot')
    URL.revokeObjectURL = vi.fn()
    const clicks: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download)
    })
    const { user } = await renderUi(<SnapshotsView />)
    await user.click(within(card('Before the campaign')).getByRole('button', { name: 'Export CSV' }))
    await waitFor(() => expect(clicks).toEqual(['snapshot-1.csv']))
    expect(api.callsTo('snapshots:export')).toEqual([{ snapshotId: 1, format: 'csv' }])

    await user.click(within(card('Before the campaign')).getByRole('button', { name: 'Delete…' }))
    const confirm = screen.getByRole('alertdialog', { name: 'Delete snapshot “Before the campaign”?' })
    expect(api.callsTo('snapshots:delete')).toEqual([])
    await user.click(within(confirm).getByRole('button', { name: 'Delete snapshot' }))
    expect(api.callsTo('snapshots:delete')).toEqual([{ snapshotId: 1 }])
  })

  it('speaks Russian', async () => {
    installFakeApi({})
    await renderUi(<SnapshotsView />, 'ru')
    expect(screen.getByRole('heading', { name: 'Снимки' })).toBeInTheDocument()
    expect(within(card('Yesterday')).getByTestId('snapshot-counts')).toHaveTextContent(
      /^3 сайта, 20\s000 страниц, 12 папок, 40 документов; из них опубликовано 8\s000$/
    )
    expect(screen.getByRole('button', { name: 'Снять на обслуживание…' })).toBeInTheDocument()
  })
})
