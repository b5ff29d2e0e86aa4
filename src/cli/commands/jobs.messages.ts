import { defineMessages } from '../i18n'

export const jobsText = defineMessages(
  'jobs',
  {
    summary: 'list jobs with their ids: unfinished ones and the latest finished',
    usage: '[--limit N]',
    details: '--limit N: how many finished jobs to list (default 20); unfinished jobs are always listed.\n',
    none: 'No jobs yet.\n'
  },
  {
    summary: 'список заданий с номерами: незавершённые и последние завершённые',
    usage: '[--limit N]',
    details:
      '--limit N: сколько завершённых заданий показать (по умолчанию 20); незавершённые показываются всегда.\n',
    none: 'Заданий пока нет.\n'
  }
)
