import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../../emulator/index.ts'
import type { Intent, JobSummary } from '../../../shared/domain/outbox'
import { waitFor } from '../outbox/testing/harness'
import type { PortalState } from './model'
import { openSnapshotHarness, type SnapshotHarness } from './testing/harness'

const P = 'shop'

/** Every object the portal lists, with its live flag, from the emulator's own state (its control API). */
const truth = (emu: Emulator) => {
  const s = emu.portal(P).control.state()
  const flags = <T extends { id: number; deleted?: boolean }>(rows: T[], live: (r: T) => boolean) =>
    Object.fromEntries(rows.filter((r) => !r.deleted).map((r) => [r.id, live(r)]))
  const deletedSites = new Set(s.sites.filter((x) => x.deleted).map((x) => x.id))
  return {
    sites: flags(s.sites, (x) => x.active),
    folders: flags(
      s.folders.filter((f) => !deletedSites.has(f.siteId)),
      (x) => x.active
    ),
    pages: flags(
      s.pages.filter((p) => !deletedSites.has(p.siteId)),
      (x) => x.active
    ),
    documents: flags(s.documents, (x) => x.publicUrl !== null)
  }
}

/** The same picture from what the snapshot recorded. */
const recorded = (state: PortalState) => {
  const flags = (rows: Array<{ id: number; live: boolean }>) =>
    Object.fromEntries(rows.map((r) => [r.id, r.live]))
  return {
    sites: flags(state.sites),
    folders: flags(state.folders),
    pages: flags(state.pages),
    documents: flags(state.documents ?? [])
  }
}

const intent = (
  kind: Intent['kind'],
  targetId: number,
  action: Intent['action'],
  scope: Intent['scope'] = ''
) => ({
  portalId: P,
  kind,
  targetId,
  action,
  scope
})

/** ISO 8601 with an offset, `ms` from now on the given clock. */
const at = (ms: number, now: () => number = Date.now) => new Date(now() + ms).toISOString()

describe('scheduled jobs, snapshots, restore and maintenance against the emulated portal', () => {
  let emu: Emulator
  let h: SnapshotHarness | undefined

  beforeAll(async () => {
    emu = await startEmulator({
      portals: [{ name: P, seed: 'demo', plan: 'enterprise' }],
      realDelayFactor: 0
    })
  })
  afterAll(async () => {
    await emu.stop()
  })
  afterEach(async () => {
    await h?.close()
    h = undefined
    await emu.portal(P).control.reset()
  })

  const open = (now?: () => number) => {
    h = openSnapshotHarness(emu, now)
    return h
  }
  const job = (hh: SnapshotHarness, id: number): JobSummary => {
    const j = hh.outbox.job(id)
    if (!j) throw new Error(`no job ${id}`)
    return j
  }
  const finished = async (hh: SnapshotHarness, id: number, timeoutMs = 20_000) => {
    await waitFor(`job ${id} finished`, () => job(hh, id).state === 'finished', timeoutMs)
    return job(hh, id)
  }
  const readBack = async (hh: SnapshotHarness, id: number) => {
    await waitFor(`restore ${id} read back`, () => job(hh, id).restore?.matches != null, 20_000)
    return job(hh, id)
  }
  /** The end job that replaced `fallback` once the window's time came (a new id). */
  const endedBy = async (hh: SnapshotHarness, snapshotId: number, fallback: number): Promise<number> => {
    let id = fallback
    await waitFor(
      'the maintenance end planned at its time',
      () => {
        const r = hh.snapshots.handlers['snapshots:list'](undefined)
        const m = (r as Awaited<typeof r>).find((x) => x.id === snapshotId)?.maintenance
        id = m?.endJobId ?? fallback
        return id !== fallback
      },
      20_000
    )
    return id
  }
  const page = (id: number) =>
    emu
      .portal(P)
      .control.state()
      .pages.find((p) => p.id === id)

  it('a job scheduled a few seconds ahead does nothing before its time and runs after it', async () => {
    const hh = open()
    hh.outbox.start()
    const startAt = at(2_000)
    const queued = await hh.outbox.handlers['outbox:enqueue']({
      intents: [intent('page', 6, 'publish')],
      startAt
    })
    expect(queued).toMatchObject({ startAt, startedAt: null, lateByMs: null })
    await new Promise((r) => setTimeout(r, 1_200))
    expect(page(6)?.active).toBe(false)
    expect(job(hh, queued.id)).toMatchObject({ startedAt: null, state: 'active' })
    const done = await finished(hh, queued.id)
    expect(page(6)?.active).toBe(true)
    expect(done.counts.done).toBe(1)
    expect(done.startedAt).toBeGreaterThanOrEqual(Date.parse(startAt))
    expect(done.lateByMs).toBeNull()
  })

  it('a runner started after the time runs the job and says how late it started', async () => {
    let skew = 0
    const now = () => Date.now() + skew
    const hh = open(now)
    const queued = await hh.outbox.handlers['outbox:enqueue']({
      intents: [intent('page', 6, 'publish')],
      startAt: at(60_000, now)
    })
    // The app was closed (or the machine asleep) for ten minutes past the start time.
    skew = 11 * 60_000
    hh.outbox.start()
    const done = await finished(hh, queued.id)
    expect(page(6)?.active).toBe(true)
    expect(done.lateByMs).toBeGreaterThanOrEqual(10 * 60_000 - 1_000)
    expect(done.lateByMs).toBeLessThan(10 * 60_000 + 30_000)
  })

  it('a rescheduled job runs at its new time; a cancelled one never runs', async () => {
    const hh = open()
    hh.outbox.start()
    const later = await hh.outbox.handlers['outbox:enqueue']({
      intents: [intent('page', 6, 'publish')],
      startAt: at(3_600_000)
    })
    const never = await hh.outbox.handlers['outbox:enqueue']({
      intents: [intent('page', 4, 'publish')],
      startAt: at(1_000)
    })
    await hh.outbox.handlers['outbox:reschedule']({ jobId: later.id, startAt: at(800) })
    await hh.outbox.handlers['outbox:cancel']({ jobId: never.id })
    await finished(hh, later.id)
    await new Promise((r) => setTimeout(r, 500))
    expect(page(6)?.active).toBe(true)
    expect(page(4)?.active).toBe(false)
    expect(job(hh, never.id).counts.cancelled).toBe(1)
    // A job that has started cannot be rescheduled.
    await expect(
      Promise.resolve().then(() =>
        hh.outbox.handlers['outbox:reschedule']({ jobId: later.id, startAt: at(5_000) })
      )
    ).rejects.toMatchObject({ code: 'JOB_NOT_WAITING' })
  })

  it('a scheduled publish and an immediate unpublish of the same page do not cancel each other', async () => {
    const hh = open()
    hh.outbox.start()
    const scheduled = await hh.outbox.handlers['outbox:enqueue']({
      intents: [intent('page', 5, 'publish')],
      startAt: at(1_500)
    })
    const now = await hh.outbox.handlers['outbox:enqueue']({ intents: [intent('page', 5, 'unpublish')] })
    const first = await finished(hh, now.id)
    expect(first.counts).toMatchObject({ done: 1, superseded: 0 })
    expect(page(5)?.active).toBe(false)
    const second = await finished(hh, scheduled.id)
    expect(second.counts).toMatchObject({ done: 1, superseded: 0 })
    expect(page(5)?.active).toBe(true)
  })

  it('a scheduled job that starts replaces an older intent on the same page still waiting to be sent', async () => {
    const hh = open()
    hh.outbox.start()
    await hh.outbox.handlers['outbox:pauseLane']({ portalId: P })
    const older = await hh.outbox.handlers['outbox:enqueue']({ intents: [intent('page', 5, 'unpublish')] })
    const scheduled = await hh.outbox.handlers['outbox:enqueue']({
      intents: [intent('page', 5, 'publish')],
      startAt: at(600)
    })
    await waitFor('scheduled job started', () => job(hh, scheduled.id).startedAt !== null)
    expect(job(hh, older.id).counts.superseded).toBe(1)
    await hh.outbox.handlers['outbox:resumeLane']({ portalId: P })
    await finished(hh, scheduled.id)
    expect(page(5)?.active).toBe(true)
  })

  for (const behaviour of ['server', 'docs'] as const) {
    it(`a snapshot restored after sites, pages, folders and links changed puts back every object (${behaviour} site publication)`, async () => {
      emu.portal(P).control.setConditions({ sitePublication: behaviour, siteUnpublication: behaviour })
      const hh = open()
      hh.outbox.start()
      const before = truth(emu)
      const snap = await hh.snapshots.handlers['snapshots:take']({ portalIds: [P], name: 'before' })
      expect(snap).toMatchObject({ name: 'before', portalIds: [P], siteIds: null, maintenance: null })
      const exported = JSON.parse(
        (await hh.snapshots.handlers['snapshots:export']({ snapshotId: snap.id, format: 'json' })).content
      ) as { portals: PortalState[] }
      expect(recorded(exported.portals[0])).toEqual(before)

      const change = await hh.outbox.handlers['outbox:enqueue']({
        intents: [
          intent('site', 1, 'unpublish'),
          intent('site', 3, 'unpublish'),
          intent('page', 8, 'publish'),
          intent('folder', 2, 'publish'),
          intent('page', 19, 'publish', 'KNOWLEDGE'),
          intent('document', 1, 'link-off'),
          intent('document', 2, 'link-on')
        ]
      })
      await finished(hh, change.id)
      expect(truth(emu)).not.toEqual(before)

      const diff = await hh.snapshots.handlers['snapshots:diff']({ snapshotId: snap.id })
      const d = diff.portals[0]
      expect(d.wentOffline.map((e) => `${e.kind}:${e.id}`)).toEqual(
        expect.arrayContaining(['site:1', 'site:3', 'document:1'])
      )
      expect(d.wentLive.map((e) => `${e.kind}:${e.id}`)).toEqual(
        expect.arrayContaining(['site:2', 'page:8', 'folder:2', 'page:19', 'document:2'])
      )
      expect(d.gone).toEqual([])

      const restore = await hh.snapshots.handlers['snapshots:restore']({ snapshotId: snap.id })
      expect(restore.restore).toEqual({ snapshotId: snap.id, matches: null, differences: 0 })
      await finished(hh, restore.id)
      const checked = await readBack(hh, restore.id)
      expect(truth(emu)).toEqual(before)
      expect(checked.restore).toEqual({ snapshotId: snap.id, matches: true, differences: 0 })
      expect(hh.snapshots.handlers['snapshots:restoreReport']({ jobId: restore.id })).toEqual([])
      const again = await hh.snapshots.handlers['snapshots:diff']({ snapshotId: snap.id })
      expect(again.portals[0]).toMatchObject({ wentOffline: [], wentLive: [], gone: [] })
    }, 60_000)
  }

  it('a restore that cannot reach the snapshot says so and lists what does not match', async () => {
    const hh = open()
    hh.outbox.start()
    const snap = await hh.snapshots.handlers['snapshots:take']({ portalIds: [P] })
    const change = await hh.outbox.handlers['outbox:enqueue']({ intents: [intent('page', 5, 'unpublish')] })
    await finished(hh, change.id)
    // The user loses the publication right on the page: publishing it answers without publishing (docs/bitrix24.md#publication-without-right).
    emu.portal(P).control.setPublicationRight([5], false)
    const restore = await hh.snapshots.handlers['snapshots:restore']({ snapshotId: snap.id })
    const checked = await readBack(hh, restore.id)
    expect(checked.restore).toEqual({ snapshotId: snap.id, matches: false, differences: 1 })
    expect(hh.snapshots.handlers['snapshots:restoreReport']({ jobId: restore.id })).toEqual([
      expect.objectContaining({ kind: 'page', id: 5, then: true, now: false })
    ])
  }, 60_000)

  it('maintenance start and its scheduled end leave the portal as it was (docs site publication)', async () => {
    emu.portal(P).control.setConditions({ sitePublication: 'docs', siteUnpublication: 'docs' })
    const hh = open()
    hh.outbox.start()
    const before = truth(emu)
    const until = at(4_000)
    const { snapshot, job: down } = await hh.snapshots.handlers['maintenance:start']({
      portalIds: [P],
      until
    })
    expect(snapshot.maintenance).toMatchObject({ active: true, until, jobId: down.id })
    expect(snapshot.counts.documents).toBe(0)
    const endJobId = snapshot.maintenance?.endJobId
    expect(endJobId).toEqual(expect.any(Number))
    await finished(hh, down.id)
    expect(Object.values(truth(emu).sites).every((live) => !live)).toBe(true)
    expect(job(hh, endJobId as number).startedAt).toBeNull()
    // At its time the end is planned again from what the portal shows, and replaces the fallback.
    const replaced = await endedBy(hh, snapshot.id, endJobId as number)
    const end = await finished(hh, replaced)
    expect(end.createdAt).toBeGreaterThanOrEqual(Date.parse(until))
    await readBack(hh, end.id)
    expect(truth(emu)).toEqual(before)
    expect(job(hh, end.id).restore).toMatchObject({ matches: true })
    const list = await hh.snapshots.handlers['snapshots:list'](undefined)
    expect(list.find((s) => s.id === snapshot.id)?.maintenance?.active).toBe(false)
  }, 60_000)

  it('a window whose time comes while its unpublish job is held on the wire keeps its end waiting, then ends as it was', async () => {
    const hh = open()
    const before = truth(emu)
    const until = at(1_500)
    const { snapshot, job: down } = await hh.snapshots.handlers['maintenance:start']({
      portalIds: [P],
      until
    })
    const fallback = snapshot.maintenance?.endJobId as number
    // The unpublish job's requests are held on the wire past the window's end.
    await emu.portal(P).control.setFaults({ holdAfter: 0 })
    hh.outbox.start()
    await waitFor(
      'the unpublish batch held on the wire',
      () => emu.portal(P).control.stats().parked > 0,
      20_000
    )
    await waitFor('the window’s time passed', () => Date.now() > Date.parse(until) + 1_500, 20_000)
    hh.snapshots.check()
    const listed = await hh.snapshots.handlers['snapshots:list'](undefined)
    expect(listed.find((s) => s.id === snapshot.id)?.maintenance).toMatchObject({
      active: true,
      endJobId: fallback
    })
    expect(job(hh, down.id).state).not.toBe('finished')

    await emu.portal(P).control.setFaults({ holdAfter: null })
    await finished(hh, down.id)
    const end = await finished(hh, await endedBy(hh, snapshot.id, fallback))
    await readBack(hh, end.id)
    expect(truth(emu)).toEqual(before)
    expect(job(hh, end.id).restore).toMatchObject({ matches: true })
  }, 60_000)

  it('while a window’s end is planned from what the portal shows, work is still pending (run and the quit question wait)', async () => {
    let shift = 0
    const now = () => Date.now() + shift
    const hh = open(now)
    hh.outbox.start()
    const before = truth(emu)
    const until = at(60_000, now)
    const { snapshot, job: down } = await hh.snapshots.handlers['maintenance:start']({
      portalIds: [P],
      until
    })
    const fallback = snapshot.maintenance?.endJobId as number
    await finished(hh, down.id)
    expect(hh.snapshots.busy()).toBe(false)
    // The window's time comes; the end's reads of the portal are held on the wire.
    await emu.portal(P).control.setFaults({ holdAfter: 0 })
    shift = 61_000
    expect(hh.snapshots.busy()).toBe(true)
    await waitFor('the end’s reads held on the wire', () => emu.portal(P).control.stats().parked > 0, 20_000)
    // The fallback end is cancelled and the new one not queued yet: the outbox has nothing pending.
    expect(job(hh, fallback).state).toBe('finished')
    expect(hh.outbox.hasPendingWork()).toBe(false)
    expect(hh.snapshots.busy()).toBe(true)
    await emu.portal(P).control.setFaults({ holdAfter: null })
    const end = await finished(hh, await endedBy(hh, snapshot.id, fallback))
    await readBack(hh, end.id)
    expect(truth(emu)).toEqual(before)
    await waitFor('nothing pending', () => !hh.snapshots.busy() && !hh.outbox.hasPendingWork(), 20_000)
  }, 60_000)

  it('a maintenance window ended by its schedule keeps a page edited during the window a draft, and records that the portal matches', async () => {
    const hh = open()
    hh.outbox.start()
    const before = truth(emu)
    const until = at(3_000)
    const { snapshot, job: down } = await hh.snapshots.handlers['maintenance:start']({
      portalIds: [P],
      siteIds: [{ portalId: P, siteId: 1 }],
      until
    })
    await finished(hh, down.id)
    // Someone opens a live page in the editor during the window: PUBLIC=N, the edits wait.
    const edited = emu
      .portal(P)
      .control.state()
      .pages.find((p) => p.siteId === 1 && p.active && p.public)!
    emu.portal(P).control.markEdited([edited.id])
    const end = await finished(hh, await endedBy(hh, snapshot.id, snapshot.maintenance?.endJobId as number))
    await readBack(hh, end.id)
    expect(truth(emu)).toEqual(before)
    expect(page(edited.id)).toMatchObject({ active: true, public: false })
    expect(job(hh, end.id).restore).toMatchObject({ matches: true, differences: 0 })
    // The fallback end planned at the start was cancelled before it sent anything: no verdict.
    expect(job(hh, snapshot.maintenance?.endJobId as number).restore).toMatchObject({ matches: null })
  }, 60_000)

  it('a restore on a one-site plan reaches the snapshot: the live site goes offline before the other comes back', async () => {
    const portal = emu.portal(P)
    const hh = open()
    hh.outbox.start()
    // Only site 1 live among the ordinary sites; the plan allows as many published sites as are live now.
    const snap = await hh.snapshots.handlers['snapshots:take']({
      portalIds: [P],
      siteIds: [
        { portalId: P, siteId: 1 },
        { portalId: P, siteId: 2 }
      ]
    })
    const swap = await hh.outbox.handlers['outbox:enqueue']({
      intents: [intent('site', 1, 'unpublish'), intent('page', 7, 'publish')]
    })
    await finished(hh, swap.id)
    const live = portal.control.state().sites.filter((s) => s.active && !s.deleted).length
    portal.control.setConditions({ publicSiteLimit: live })
    const restore = await hh.snapshots.handlers['snapshots:restore']({ snapshotId: snap.id })
    await finished(hh, restore.id)
    const done = await readBack(hh, restore.id)
    expect(done.counts.failed).toBe(0)
    expect(done.restore).toMatchObject({ matches: true })
    expect(truth(emu).sites[1]).toBe(true)
    expect(truth(emu).sites[2]).toBe(false)
  }, 60_000)

  it('restores “site offline, folder live” exactly', async () => {
    const portal = emu.portal(P)
    const hh = open()
    hh.outbox.start()
    const setup = await hh.outbox.handlers['outbox:enqueue']({ intents: [intent('site', 1, 'unpublish')] })
    await finished(hh, setup.id)
    const up = await hh.outbox.handlers['outbox:enqueue']({ intents: [intent('folder', 1, 'publish')] })
    await finished(hh, up.id)
    expect(portal.control.state().folders.find((f) => f.id === 1)?.active).toBe(true)
    const wanted = truth(emu)
    const snap = await hh.snapshots.handlers['snapshots:take']({
      portalIds: [P],
      siteIds: [{ portalId: P, siteId: 1 }]
    })
    const back = await hh.outbox.handlers['outbox:enqueue']({ intents: [intent('site', 1, 'publish')] })
    await finished(hh, back.id)
    const restore = await hh.snapshots.handlers['snapshots:restore']({ snapshotId: snap.id })
    await finished(hh, restore.id)
    expect((await readBack(hh, restore.id)).restore).toMatchObject({ matches: true })
    expect(truth(emu)).toEqual(wanted)
  }, 60_000)

  it('a restore that finished without its verdict (a run that ended first) gets it when someone asks whether work is pending', async () => {
    const hh = open()
    hh.outbox.start()
    const snap = await hh.snapshots.handlers['snapshots:take']({
      portalIds: [P],
      siteIds: [{ portalId: P, siteId: 3 }]
    })
    const change = await hh.outbox.handlers['outbox:enqueue']({ intents: [intent('site', 3, 'unpublish')] })
    await finished(hh, change.id)
    const restore = await hh.snapshots.handlers['snapshots:restore']({ snapshotId: snap.id })
    await readBack(hh, (await finished(hh, restore.id)).id)
    // As a process that ended before its read-back leaves it: finished, no verdict, no event to come.
    hh.db
      .prepare('UPDATE snapshot_restores SET checked_at = NULL, report = NULL WHERE job_id = ?')
      .run(restore.id)
    hh.db.prepare('UPDATE outbox_jobs SET restore_matches = NULL WHERE id = ?').run(restore.id)
    expect(job(hh, restore.id).restore).toMatchObject({ matches: null })
    expect(hh.snapshots.busy()).toBe(true)
    expect((await readBack(hh, restore.id)).restore).toMatchObject({ matches: true, differences: 0 })
    expect(hh.snapshots.busy()).toBe(false)
  }, 60_000)

  it('maintenance of one site, ended by hand, leaves the portal as it was (server site publication)', async () => {
    const hh = open()
    hh.outbox.start()
    const before = truth(emu)
    const { snapshot, job: down } = await hh.snapshots.handlers['maintenance:start']({
      portalIds: [P],
      siteIds: [{ portalId: P, siteId: 1 }]
    })
    expect(down.total).toBe(1)
    await finished(hh, down.id)
    expect(truth(emu).sites[1]).toBe(false)
    expect(truth(emu).sites[3]).toBe(true)
    await expect(
      hh.snapshots.handlers['maintenance:start']({ portalIds: [P], siteIds: [{ portalId: P, siteId: 1 }] })
    ).rejects.toMatchObject({ code: 'ALREADY_IN_MAINTENANCE' })
    const end = await hh.snapshots.handlers['maintenance:end']({ snapshotId: snapshot.id })
    await finished(hh, end.id)
    await readBack(hh, end.id)
    expect(truth(emu)).toEqual(before)
    await expect(hh.snapshots.handlers['maintenance:end']({ snapshotId: snapshot.id })).rejects.toMatchObject(
      {
        code: 'MAINTENANCE_OVER'
      }
    )
  }, 60_000)
})
