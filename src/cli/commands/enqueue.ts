import type { Intent } from '../../../src/shared/domain/outbox'
import { stringFlag, type ParsedArgs } from '../args'
import type { CliContext } from '../command'
import { parseWhen, showDuration, showWhen } from '../when'
import { jobJson } from './outbox-common'
import { enqueueText } from './enqueue.messages'
import { schedule } from './schedule-messages'

/** Queues a job as the window does (checked against the contract); prints its id and says what it did. */
export const enqueue = async (
  ctx: CliContext,
  title: string,
  intents: Intent[],
  startAt?: string
): Promise<void> => {
  const job = await ctx.invoke('outbox:enqueue', { title, intents, startAt })
  ctx.print(jobJson(job), () => `${job.id}\n`)
  ctx.warn(
    startAt
      ? schedule('queuedAt', {
          id: job.id,
          count: job.total,
          when: showWhen(startAt),
          left: showDuration(Date.parse(startAt) - Date.now())
        })
      : enqueueText('queued', { id: job.id, count: job.total })
  )
}

/** `--at TIME`: ISO 8601, or YYYY-MM-DD HH:MM in local time (issue 13). */
export const startAtOf = (args: ParsedArgs): string | undefined => {
  const at = stringFlag(args, 'at')
  return at === undefined ? undefined : parseWhen(at)
}

export const listIds = (ids: readonly number[]): string =>
  ids.length > 10 ? `${ids.slice(0, 10).join(', ')}, … (${ids.length})` : ids.join(', ')
