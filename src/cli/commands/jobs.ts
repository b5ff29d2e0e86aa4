import { intFlag } from '../args'
import type { CliCommand } from '../command'
import { formatTable } from '../table'
import { showWhen } from '../when'
import { jobJson, jobStatusName, scheduleText, titleText } from './outbox-common'
import { jobsText as t } from './jobs.messages'

export const jobsCommand: CliCommand = {
  name: 'jobs',
  summary: () => t('summary'),
  usage: () => t('usage'),
  details: () => t('details'),
  flags: { limit: 'string' },
  async run(args, ctx) {
    const limit = intFlag(args, 'limit') ?? 20
    const jobs = (await ctx.services()).outbox.jobs(limit)
    ctx.print(jobs.map(jobJson), () =>
      jobs.length === 0
        ? t('none')
        : formatTable(
            ['JOB', 'STATE', 'CREATED', 'START', 'FINISHED', 'TOTAL', 'DONE', 'FAILED', 'LEFT', 'TITLE'],
            jobs.map((j) => [
              j.id,
              jobStatusName(j),
              showWhen(j.createdAt),
              scheduleText(j),
              showWhen(j.finishedAt),
              j.total,
              j.counts.done,
              j.counts.failed + j.counts.mismatch,
              j.counts.queued + j.counts.sending,
              titleText(j.title)
            ])
          )
    )
  }
}
