import type { AppTarget, DesktopSettings, NotificationKind } from '../../../shared/domain/desktop'
import type { JobSummary, OutboxView } from '../../../shared/domain/outbox'
import type { SnapshotSummary } from '../../../shared/domain/snapshot'
import { localize, type Localized } from '../app/language'
import { appLink } from './links'

/** A portal unreachable this long with work waiting is worth telling someone about. */
export const UNREACHABLE_NOTICE_MS = 15 * 60 * 1000

export interface DesktopNotification {
  kind: NotificationKind
  title: string
  body: string
  /** The b24desk:// link a click opens. */
  link: string
  target: AppTarget
}

/** The one way the app shows a native notification; the tests pass a recording double. */
export interface Notifier {
  show(notification: DesktopNotification): void
}

/** Records what would have been shown. */
export const recordingNotifier = (): Notifier & { shown: DesktopNotification[] } => {
  const shown: DesktopNotification[] = []
  return { shown, show: (n) => void shown.push(n) }
}

const TEXT = {
  jobFinished: { en: 'Job finished', ru: 'Задание выполнено' },
  jobFinishedBody: { en: '{title}: {done} operations done.', ru: '{title}: выполнено операций — {done}.' },
  jobFailed: { en: 'Job finished with failures', ru: 'Задание завершено с ошибками' },
  jobFailedBody: {
    en: '{title}: {failed} failed, {done} done.',
    ru: '{title}: с ошибкой — {failed}, выполнено — {done}.'
  },
  jobReported: { en: 'The portal reports otherwise', ru: 'Портал сообщает другое' },
  jobReportedBody: {
    en: '{title}: for {mismatch} operations the portal shows a different state.',
    ru: '{title}: для операций ({mismatch}) портал показывает другое состояние.'
  },
  scheduledStarted: { en: 'Scheduled job started', ru: 'Запланированное задание началось' },
  scheduledStartedBody: { en: '{title}', ru: '{title}' },
  maintenanceStarted: { en: 'Maintenance window started', ru: 'Окно обслуживания началось' },
  maintenanceEnded: { en: 'Maintenance window ended', ru: 'Окно обслуживания завершено' },
  maintenanceBody: { en: '{name}', ru: '{name}' },
  unreachable: { en: 'Portal unreachable', ru: 'Портал недоступен' },
  unreachableBody: {
    en: '{portal} has not answered for {minutes} minutes; {queued} operations are waiting.',
    ru: '{portal} не отвечает уже {minutes} мин; ждут отправки операций: {queued}.'
  }
} satisfies Record<string, Localized>

export interface NotificationsDeps {
  notifier: Notifier
  settings: () => DesktopSettings['notifications']
  portalName: (portalId: string) => string
  now?: () => number
}

/**
 * Turns what the outbox and the snapshots report into native notifications: one per event, only
 * for the kinds switched on. The first report it sees is the baseline: nothing that happened
 * before the app started is announced.
 */
export const createNotifications = (deps: NotificationsDeps) => {
  const now = deps.now ?? Date.now
  let jobs: Map<number, JobSummary> | null = null
  let maintenance: Map<number, boolean> | null = null
  /** Per portal: since when it is unreachable with work waiting, and whether that was announced. */
  const outage = new Map<string, { since: number; told: boolean }>()
  let lastLanes: OutboxView['lanes'] = []

  const show = (
    kind: NotificationKind,
    title: Localized,
    body: Localized,
    vars: Record<string, string | number>,
    target: AppTarget
  ) => {
    if (!deps.settings()[kind]) return
    deps.notifier.show({
      kind,
      title: localize(title),
      body: localize(body, vars),
      link: appLink(target),
      target
    })
  }

  const checkOutages = () => {
    const t = now()
    const seen = new Set<string>()
    for (const lane of lastLanes) {
      const waiting = lane.counts.queued + lane.counts.sending
      if (lane.state !== 'unreachable' || waiting === 0) continue
      seen.add(lane.portalId)
      const o = outage.get(lane.portalId) ?? { since: t, told: false }
      outage.set(lane.portalId, o)
      if (!o.told && t - o.since > UNREACHABLE_NOTICE_MS) {
        o.told = true
        show(
          'portalUnreachable',
          TEXT.unreachable,
          TEXT.unreachableBody,
          {
            portal: deps.portalName(lane.portalId),
            minutes: Math.floor((t - o.since) / 60_000),
            queued: waiting
          },
          { kind: 'portal', portalId: lane.portalId }
        )
      }
    }
    for (const id of [...outage.keys()]) if (!seen.has(id)) outage.delete(id)
  }

  return {
    outbox(view: OutboxView) {
      lastLanes = view.lanes
      const before = jobs
      jobs = new Map(view.jobs.map((j) => [j.id, j]))
      checkOutages()
      if (before === null) return
      for (const j of view.jobs) {
        const was = before.get(j.id)
        const target: AppTarget = { kind: 'job', jobId: j.id }
        const vars = {
          title: j.title,
          done: j.counts.done,
          failed: j.counts.failed,
          mismatch: j.counts.mismatch
        }
        if (j.startAt !== null && j.startedAt !== null && (was === undefined || was.startedAt === null)) {
          show('scheduledStarted', TEXT.scheduledStarted, TEXT.scheduledStartedBody, vars, target)
        }
        if (j.state === 'finished' && was !== undefined && was.state !== 'finished') {
          if (j.counts.failed > 0) show('jobFailed', TEXT.jobFailed, TEXT.jobFailedBody, vars, target)
          else if (j.counts.mismatch > 0)
            show('jobReported', TEXT.jobReported, TEXT.jobReportedBody, vars, target)
          else show('jobFinished', TEXT.jobFinished, TEXT.jobFinishedBody, vars, target)
        }
      }
    },
    snapshots(list: SnapshotSummary[]) {
      const before = maintenance
      maintenance = new Map(list.filter((s) => s.maintenance).map((s) => [s.id, s.maintenance!.active]))
      if (before === null) return
      for (const s of list) {
        if (!s.maintenance) continue
        const was = before.get(s.id)
        const target: AppTarget = { kind: 'snapshot', snapshotId: s.id }
        if (s.maintenance.active && was !== true)
          show('maintenance', TEXT.maintenanceStarted, TEXT.maintenanceBody, { name: s.name }, target)
        else if (!s.maintenance.active && was === true)
          show('maintenance', TEXT.maintenanceEnded, TEXT.maintenanceBody, { name: s.name }, target)
      }
    },
    /** Called every minute: an outage crosses 15 minutes without any new report. */
    tick: checkOutages
  }
}
