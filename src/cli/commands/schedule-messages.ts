import type { Localized } from '../../main/services/app/language'

/** What the outbox commands say about start times and restores (issue 13), in both languages. */
export const cliSchedule = {
  queuedAt: {
    en: 'Queued job {id}: {total} operation(s), to start at {when} (in {left}). The desktop app or "b24desk run" sends them then.',
    ru: 'Задание {id} поставлено в очередь: операций {total}, начнётся {when} (через {left}). Их отправит приложение или "b24desk run".'
  },
  startsAt: { en: 'starts {when}, in {left}', ru: 'начнётся {when}, через {left}' },
  started: { en: 'started {when}', ru: 'начато {when}' },
  startedLate: { en: 'started {when}, {late} late', ru: 'начато {when}, с опозданием на {late}' },
  scheduledState: { en: 'scheduled', ru: 'по расписанию' },
  restoreUnchecked: {
    en: 'Restores snapshot {id}; the portal is read back when the job is done.',
    ru: 'Восстанавливает снимок {id}; портал будет перечитан, когда задание завершится.'
  },
  restoreMatches: {
    en: 'Restored snapshot {id}: the portal matches it.',
    ru: 'Снимок {id} восстановлен: портал с ним совпадает.'
  },
  restoreDiffers: {
    en: 'Restored snapshot {id}: {count} object(s) still differ (b24desk snapshot diff {id}).',
    ru: 'Снимок {id} восстановлен, но объектов всё ещё отличается: {count} (b24desk snapshot diff {id}).'
  },
  oneOf: {
    en: 'give --reschedule or --cancel, not both',
    ru: 'укажите --reschedule или --cancel, но не оба'
  },
  cancelled: {
    en: 'Job {id}: {count} operation(s) cancelled.',
    ru: 'Задание {id}: отменено операций: {count}.'
  },
  startsNow: { en: 'Job {id} starts now.', ru: 'Задание {id} начинается сейчас.' },
  rescheduled: {
    en: 'Job {id} now starts at {when} (in {left}).',
    ru: 'Задание {id} теперь начнётся {when} (через {left}).'
  },
  nothingDue: {
    en: 'Nothing due now: job {id} starts at {when} (in {left}). Keep the desktop app open, or run this again then.',
    ru: 'Сейчас выполнять нечего: задание {id} начнётся {when} (через {left}). Оставьте приложение открытым или запустите это снова в то время.'
  }
} satisfies Record<string, Localized>
