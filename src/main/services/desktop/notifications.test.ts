import { describe, expect, it } from 'vitest'
import type { JobSummary, LaneView, OutboxView } from '../../../shared/domain/outbox'
import { counts, job } from './testing/outbox-fixtures'
import type { SnapshotSummary } from '../../../shared/domain/snapshot'
import { notificationKinds, type NotificationKind } from '../../../shared/domain/desktop'
import { setLanguage } from '../app/language'
import { UNREACHABLE_NOTICE_MS, createNotifications, recordingNotifier } from './notifications'
import { parseAppLink } from './links'

const lane = (portalId: string, over: Partial<LaneView> = {}): LaneView => ({
  portalId,
  state: 'running',
  counts: counts(),
  reason: null,
  nextAttemptAt: null,
  inFlight: 0,
  window: 4,
  ceiling: 4,
  lowered: null,
  ...over
})
const snap = (jobs: JobSummary[], lanes: LaneView[] = []): OutboxView => ({ jobs, lanes })
const maint = (id: number, active: boolean): SnapshotSummary => ({
  id,
  name: `Window ${id}`,
  takenAt: 0,
  portalIds: ['p1'],
  siteIds: null,
  counts: { sites: 1, pages: 1, folders: 0, documents: 0, live: 2 },
  maintenance: { active, until: null, jobId: 1, endJobId: null }
})

const setup = (off: NotificationKind[] = []) => {
  let t = 1_000_000
  const notifier = recordingNotifier()
  const enabled = Object.fromEntries(notificationKinds.map((k) => [k, !off.includes(k)])) as Record<
    NotificationKind,
    boolean
  >
  const n = createNotifications({
    notifier,
    settings: () => enabled,
    portalName: (id) => (id === 'p1' ? 'Acme' : id),
    now: () => t
  })
  return { n, shown: notifier.shown, advance: (ms: number) => (t += ms), enabled }
}

describe('native notifications', () => {
  it('a job that finishes, fails or is reported otherwise is announced once, with a link to the job', () => {
    setLanguage('en')
    const { n, shown } = setup()
    n.outbox(snap([job(1), job(2), job(3)]))
    const done = snap([
      job(1, { state: 'finished', counts: counts({ done: 10 }) }),
      job(2, { state: 'finished', counts: counts({ done: 8, failed: 2 }) }),
      job(3, { state: 'finished', counts: counts({ done: 9, mismatch: 1 }) })
    ])
    n.outbox(done)
    n.outbox(done)
    expect(shown.map((s) => [s.kind, s.title, s.link])).toEqual([
      ['jobFinished', 'Job finished', 'b24desk://job/1'],
      ['jobFailed', 'Job finished with failures', 'b24desk://job/2'],
      ['jobReported', 'The portal reports otherwise', 'b24desk://job/3']
    ])
    expect(shown[1].body).toBe('Job 2: 2 failed, 8 done.')
    expect(parseAppLink(shown[0].link)).toEqual({ kind: 'job', jobId: 1 })
  })

  it('what had happened before the app started is not announced', () => {
    const { n, shown } = setup()
    n.outbox(snap([job(1, { state: 'finished', counts: counts({ done: 10 }) })]))
    n.snapshots([maint(1, true)])
    expect(shown).toEqual([])
  })

  it('a kind switched off stays silent; the others still speak', () => {
    const { n, shown } = setup(['jobFinished'])
    n.outbox(snap([job(1), job(2)]))
    n.outbox(
      snap([
        job(1, { state: 'finished', counts: counts({ done: 10 }) }),
        job(2, { state: 'finished', counts: counts({ failed: 10 }) })
      ])
    )
    expect(shown.map((s) => s.kind)).toEqual(['jobFailed'])
  })

  it('a scheduled job starting and a maintenance window starting and ending, in Russian', () => {
    setLanguage('ru')
    try {
      const { n, shown } = setup()
      n.outbox(snap([job(5, { startAt: '2026-12-08T03:00:00+03:00' })]))
      n.snapshots([])
      n.outbox(snap([job(5, { startAt: '2026-12-08T03:00:00+03:00', startedAt: 5 })]))
      n.snapshots([maint(7, true)])
      n.snapshots([maint(7, true)])
      n.snapshots([maint(7, false)])
      expect(shown.map((s) => [s.kind, s.title, s.link])).toEqual([
        ['scheduledStarted', 'Запланированное задание началось', 'b24desk://job/5'],
        ['maintenance', 'Окно обслуживания началось', 'b24desk://snapshot/7'],
        ['maintenance', 'Окно обслуживания завершено', 'b24desk://snapshot/7']
      ])
    } finally {
      setLanguage('en')
    }
  })

  it('a portal unreachable for more than 15 minutes with work waiting is announced once per outage', () => {
    const { n, shown, advance } = setup()
    const down = snap([job(1)], [lane('p1', { state: 'unreachable', counts: counts({ queued: 4 }) })])
    n.outbox(down)
    advance(UNREACHABLE_NOTICE_MS)
    n.tick()
    expect(shown).toEqual([])
    advance(1000)
    n.tick()
    n.tick()
    expect(shown.map((s) => [s.kind, s.link])).toEqual([['portalUnreachable', 'b24desk://portal/p1']])
    expect(shown[0].body).toBe('Acme has not answered for 15 minutes; 4 operations are waiting.')
    // Back, then down again: a new outage, a new count.
    n.outbox(snap([job(1)], [lane('p1', { state: 'running', counts: counts({ queued: 4 }) })]))
    n.outbox(down)
    advance(UNREACHABLE_NOTICE_MS + 1)
    n.tick()
    expect(shown).toHaveLength(2)
  })

  it('an unreachable portal with nothing waiting is no news', () => {
    const { n, shown, advance } = setup()
    n.outbox(snap([], [lane('p1', { state: 'unreachable' })]))
    advance(UNREACHABLE_NOTICE_MS * 4)
    n.tick()
    expect(shown).toEqual([])
  })
})
