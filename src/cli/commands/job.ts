import type { TargetKind } from '../../../src/shared/domain/outbox'
import { localize } from '../../main/services/app/language'
import { AppError } from '../../main/services/errors'
import { operationsCsv, operationsJson } from '../../main/services/outbox/export'
import { messages } from '../../main/services/outbox/messages'
import { idsOf, stringFlag, UsageError } from '../args'
import type { CliCommand } from '../command'
import { commonMessages } from '../messages/common'
import { formatTable } from '../table'
import { parseWhen, showDuration, showWhen } from '../when'
import { jobText as t } from './job.messages'
import {
  actionName,
  jobJson,
  jobStatusName,
  kindName,
  operationStateName,
  portalNames,
  reasonText,
  restoreText,
  scheduleText,
  tableWithReason,
  titleText
} from './outbox-common'
import { schedule } from './schedule-messages'

/** A published state (a document: its public link) as `job` prints it. */
const publishedWord = (kind: TargetKind, on: boolean): string =>
  t(kind === 'document' ? (on ? 'link on' : 'link off') : on ? 'published' : 'not published')

export const jobCommand: CliCommand = {
  name: 'job',
  summary: () => t('summary'),
  usage: 'ID [--failed] [--export csv|json [--out FILE]] [--retry-failed] [--reschedule TIME|now] [--cancel]',
  details: () => t('details'),
  flags: {
    failed: 'boolean',
    export: 'string',
    out: 'string',
    'retry-failed': 'boolean',
    reschedule: 'string',
    cancel: 'boolean'
  },
  async run(args, ctx) {
    if (args.positionals.length !== 1) throw new UsageError(t('one job'))
    const [jobId] = idsOf(args.positionals)
    const reschedule = stringFlag(args, 'reschedule')
    const cancel = args.flags.cancel === true
    const retry = args.flags['retry-failed'] === true
    const actions = [reschedule !== undefined, cancel, retry].filter(Boolean).length
    if (actions > 1) throw new UsageError(t('one action'))
    if (retry) {
      const count = await ctx.invoke('outbox:retryFailed', { jobId })
      ctx.print({ jobId, retried: count }, '')
      ctx.warn(count > 0 ? t('retried', { id: jobId, count }) : t('nothing to retry', { id: jobId }))
      return 0
    }
    if (cancel) {
      const n = await ctx.invoke('outbox:cancel', { jobId })
      ctx.print({ jobId, cancelled: n }, '')
      ctx.warn(schedule('cancelled', { id: jobId, count: n }))
      return 0
    }
    if (reschedule !== undefined) {
      const startAt = reschedule.trim().toLowerCase() === 'now' ? null : parseWhen(reschedule)
      await ctx.invoke('outbox:reschedule', { jobId, startAt })
      ctx.print({ jobId, startAt }, '')
      ctx.warn(
        startAt === null
          ? schedule('startsNow', { id: jobId })
          : schedule('rescheduled', {
              id: jobId,
              when: showWhen(startAt),
              left: showDuration(Date.parse(startAt) - Date.now())
            })
      )
      return 0
    }
    const format = stringFlag(args, 'export')
    if (format !== undefined && format !== 'csv' && format !== 'json') throw new UsageError(t('bad export'))
    const out = stringFlag(args, 'out')
    if (out !== undefined && format === undefined) throw new UsageError(t('out needs export'))
    const failedOnly = args.flags.failed === true
    const services = await ctx.services()
    const job = services.outbox.job(jobId)
    if (!job) throw new AppError('OUTBOX_JOB_NOT_FOUND', localize(messages.jobNotFound, { id: jobId }))
    const ops = await ctx.invoke('outbox:operations', {
      jobId,
      states: failedOnly ? ['failed', 'mismatch'] : undefined
    })
    const changes = await ctx.invoke('outbox:changes', { jobId })
    if (format !== undefined) {
      const content = failedOnly
        ? format === 'csv'
          ? operationsCsv(ops, { jobId, changes })
          : operationsJson(job, ops, changes)
        : (await ctx.invoke('outbox:export', { jobId, format })).content
      ctx.output(content, out)
      return 0
    }
    const names = await portalNames(ctx)
    const withReason = ops.map((o) => ({ ...o, reason: reasonText(o) }))
    ctx.print({ job: jobJson(job), operations: withReason, changes }, () => {
      const c = job.counts
      const head =
        t('head', { id: job.id, state: jobStatusName(job), title: titleText(job.title) }) +
        [scheduleText(job), restoreText(job)]
          .filter((line) => line !== '')
          .map((line) => `${line}\n`)
          .join('') +
        t('counts', { ...c, left: c.queued + c.sending, total: job.total })
      const multiPortal = job.portalIds.length > 1
      const scopeCell = (kind: TargetKind, scope: string) =>
        scope || (kind === 'document' ? '' : commonMessages.t('default scope'))
      const also = changes.length
        ? t('also changed') +
          formatTable(
            [...(multiPortal ? ['PORTAL'] : []), 'KIND', 'TARGET', 'SCOPE', 'NOW', 'BEFORE', 'AT'],
            changes.map((ch) => [
              ...(multiPortal ? [names.get(ch.portalId) ?? ch.portalId] : []),
              kindName(ch.kind),
              `${ch.id} ${ch.title}`,
              scopeCell(ch.kind, ch.scope),
              publishedWord(ch.kind, ch.after),
              ch.before === null ? commonMessages.t('unknown') : publishedWord(ch.kind, ch.before),
              showWhen(ch.at)
            ])
          )
        : ''
      if (withReason.length === 0) return `${head}${t(failedOnly ? 'no failed' : 'no operations')}${also}`
      return (
        head +
        tableWithReason(
          [
            'OP',
            ...(multiPortal ? ['PORTAL'] : []),
            'KIND',
            'TARGET',
            'ACTION',
            'SCOPE',
            'STATE',
            'TRIES',
            'CODE'
          ],
          withReason.map((o) => [
            o.id,
            ...(multiPortal ? [names.get(o.portalId) ?? o.portalId] : []),
            kindName(o.kind),
            o.label ? `${o.targetId} ${o.label}` : o.targetId,
            actionName(o.action),
            scopeCell(o.kind, o.scope),
            operationStateName(o.state),
            o.attempts,
            o.error?.code ?? ''
          ]),
          'REASON',
          withReason.map((o) => o.reason)
        ) +
        also
      )
    })
  }
}
