import type { JobSummary, OutboxView } from '../../../shared/domain/outbox'
import type { DesktopSettings } from '../../../shared/domain/desktop'
import { localize } from '../app/language'

export const DAY_MS = 24 * 60 * 60 * 1000

const pending = (j: JobSummary) => j.counts.queued + j.counts.sending

/** When a job that has not started is to start (epoch ms), or null when it is not scheduled. */
const startsAt = (j: JobSummary): number | null => {
  if (j.startAt === null || j.startedAt !== null) return null
  const t = Date.parse(j.startAt)
  return Number.isFinite(t) ? t : null
}

/**
 * Why the app should keep running without its window: work to send now (unpaused or paused jobs
 * with operations queued), or a scheduled job that starts within the day. Null when nothing needs it.
 */
export const workThatNeedsTheApp = (
  view: OutboxView,
  now: number
): { sending: number; scheduledAt: number | null } | null => {
  let sending = 0
  let scheduledAt: number | null = null
  for (const j of view.jobs) {
    if (j.state === 'finished' || pending(j) === 0) continue
    const at = startsAt(j)
    if (at === null || at <= now) sending += pending(j)
    else if (at - now <= DAY_MS) scheduledAt = scheduledAt === null ? at : Math.min(scheduledAt, at)
  }
  return sending > 0 || scheduledAt !== null ? { sending, scheduledAt } : null
}

export type CloseDecision = 'quit' | 'tray' | 'ask'

/**
 * What closing the window does. With work that needs the app: the tray (the runner keeps draining)
 * or, if the user chose to quit, the question whether to quit anyway. Without: the app quits.
 */
export const decideClose = (
  settings: Pick<DesktopSettings, 'onClose'>,
  work: ReturnType<typeof workThatNeedsTheApp>,
  hasPendingWork: boolean
): CloseDecision => {
  if (work !== null) return settings.onClose === 'tray' ? 'tray' : 'ask'
  // Work queued for later than a day: the outbox keeps it; quitting asks as before.
  return hasPendingWork && settings.onClose === 'quit' ? 'ask' : 'quit'
}

/** A plain description of a menu item: the shell turns it into Electron's. */
export interface MenuItemSpec {
  id?: string
  label?: string
  role?: string
  type?: 'separator' | 'normal' | 'submenu'
  enabled?: boolean
  accelerator?: string
  click?: () => void
  submenu?: MenuItemSpec[]
}

export interface TrayActions {
  open(): void
  pauseAll(): void
  quit(): void
}

/** The tray's menu: where the work stands, pause every portal, open the window, quit. */
export const trayMenu = (view: OutboxView, now: number, actions: TrayActions): MenuItemSpec[] => {
  const active = view.jobs.filter((j) => j.state !== 'finished')
  const total = active.reduce((n, j) => n + j.total - j.counts.superseded - j.counts.cancelled, 0)
  const left = active.reduce((n, j) => n + pending(j), 0)
  const work = workThatNeedsTheApp(view, now)
  const status =
    work && work.sending > 0
      ? localize(
          { en: 'Sending: {done} of {total} done', ru: 'Отправка: готово {done} из {total}' },
          {
            done: total - left,
            total
          }
        )
      : work?.scheduledAt
        ? localize(
            { en: 'Next scheduled job at {time}', ru: 'Следующее задание в {time}' },
            {
              time: new Date(work.scheduledAt).toTimeString().slice(0, 5)
            }
          )
        : localize({ en: 'Nothing queued', ru: 'Очередь пуста' })
  const lanesToPause = view.lanes.filter((l) => l.state !== 'paused')
  return [
    { id: 'status', label: status, enabled: false },
    { type: 'separator' },
    {
      id: 'pause-all',
      label: localize({ en: 'Pause all portals', ru: 'Приостановить все порталы' }),
      enabled: lanesToPause.length > 0,
      click: actions.pauseAll
    },
    { id: 'open', label: localize({ en: 'Open B24 Desk', ru: 'Открыть B24 Desk' }), click: actions.open },
    { type: 'separator' },
    { id: 'quit', label: localize({ en: 'Quit', ru: 'Выйти' }), click: actions.quit }
  ]
}

/** The tray icon's tooltip. */
export const trayTooltip = (view: OutboxView): string => {
  const left = view.jobs.filter((j) => j.state !== 'finished').reduce((n, j) => n + pending(j), 0)
  return left > 0
    ? localize(
        {
          en: { one: 'B24 Desk: {count} operation queued', other: 'B24 Desk: {count} operations queued' },
          ru: {
            one: 'B24 Desk: в очереди {count} операция',
            few: 'B24 Desk: в очереди {count} операции',
            many: 'B24 Desk: в очереди {count} операций',
            other: 'B24 Desk: в очереди {count} операции'
          }
        },
        { count: left }
      )
    : 'B24 Desk'
}
