import { defineTable } from '../i18n'

/** What the outbox commands say about start times and restores (issue 13), in both languages. */
export const schedule = defineTable('schedule', {
  queuedAt: {
    en: {
      one: 'Queued job {id}: {count} operation, to start at {when} (in {left}). The desktop app or "b24desk run" sends it then.',
      other:
        'Queued job {id}: {count} operations, to start at {when} (in {left}). The desktop app or "b24desk run" sends them then.'
    },
    ru: {
      one: 'Задание {id} поставлено в очередь: {count} операция, начнётся {when} (через {left}). Её отправит приложение или "b24desk run".',
      few: 'Задание {id} поставлено в очередь: {count} операции, начнётся {when} (через {left}). Их отправит приложение или "b24desk run".',
      many: 'Задание {id} поставлено в очередь: {count} операций, начнётся {when} (через {left}). Их отправит приложение или "b24desk run".',
      other:
        'Задание {id} поставлено в очередь: {count} операции, начнётся {when} (через {left}). Их отправит приложение или "b24desk run".'
    }
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
    en: {
      one: 'Restored snapshot {id}: {count} object still differs (b24desk snapshot diff {id}).',
      other: 'Restored snapshot {id}: {count} objects still differ (b24desk snapshot diff {id}).'
    },
    ru: {
      one: 'Снимок {id} восстановлен, но {count} объект всё ещё отличается (b24desk snapshot diff {id}).',
      few: 'Снимок {id} восстановлен, но {count} объекта всё ещё отличаются (b24desk snapshot diff {id}).',
      many: 'Снимок {id} восстановлен, но {count} объектов всё ещё отличаются (b24desk snapshot diff {id}).',
      other: 'Снимок {id} восстановлен, но {count} объекта всё ещё отличаются (b24desk snapshot diff {id}).'
    }
  },
  oneOf: {
    en: 'give --reschedule or --cancel, not both',
    ru: 'укажите --reschedule или --cancel, но не оба'
  },
  cancelled: {
    en: { one: 'Job {id}: {count} operation cancelled.', other: 'Job {id}: {count} operations cancelled.' },
    ru: {
      one: 'Задание {id}: отменена {count} операция.',
      few: 'Задание {id}: отменены {count} операции.',
      many: 'Задание {id}: отменено {count} операций.',
      other: 'Задание {id}: отменены {count} операции.'
    }
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
})
