import type {
  Action,
  JobSummary,
  LaneState,
  OperationState,
  OperationView,
  TargetKind
} from '../../../src/shared/domain/outbox'
import type { PortalHealth } from '../../../src/shared/domain/portal'
import { messages } from '../../main/services/outbox/messages'
import { mismatchTexts } from '../../main/services/outbox/readback'
import { operationReason } from '../../main/services/outbox/describe'
import { header } from '../i18n'
import type { CliContext } from '../command'
import { relocalizer } from '../relocalize'
import { formatTable } from '../table'
import { showDuration, showWhen } from '../when'
import { words } from './outbox-words.messages'
import { schedule } from './schedule-messages'

/** `run`: what is left cannot proceed (unreachable, refused credentials, paused) or was not done within --wait. */
export const EXIT_CANNOT_PROCEED = 3
/** `run`: the outbox drained, but some operation this run worked on failed. */
export const EXIT_OPERATIONS_FAILED = 4

/** What a job is, as a script reads it (`status` in JSON) and a person does (its name in a table). */
export type JobStatus = 'scheduled' | 'active' | 'paused' | 'finished' | 'cancelled'

export const jobStatus = (j: JobSummary): JobStatus => {
  if (j.state === 'finished')
    return j.counts.cancelled > 0 && j.counts.done + j.counts.failed + j.counts.mismatch === 0
      ? 'cancelled'
      : 'finished'
  if (j.state === 'paused') return 'paused'
  return j.startAt !== null && j.startedAt === null ? 'scheduled' : 'active'
}

export const jobStatusName = (j: JobSummary): string => words(`job ${jobStatus(j)}`)
export const operationStateName = (s: OperationState): string => words(`op ${s}`)
export const laneStateName = (s: LaneState): string => words(`lane ${s}`)
export const healthName = (s: PortalHealth['state'] | null | undefined): string =>
  s ? words(`health ${s}`) : ''
export const kindName = (k: TargetKind): string => words(`kind ${k}`)
export const actionName = (a: Action): string => words(`action ${a}`)

/** The title the command line stores for a job it queues: English, said again in the reader's language. */
export const storedTitle = (action: Action, kind: TargetKind, count: number, portal: string): string => {
  const en = (one: string, other: string) => (count === 1 ? one : other)
  if (action === 'link-on' || action === 'link-off')
    return `public link ${action === 'link-on' ? 'on' : 'off'} for ${count} ${en('document', 'documents')} on ${portal}`
  return `${action} ${count} ${en(kind, `${kind}s`)} on ${portal}`
}

const TITLE = /^(publish|unpublish) (\d+) (site|page|folder)(?:s|\(s\))? on (.+)$/
const LINK_TITLE = /^public link (on|off) for (\d+) documents?(?:\(s\))? on (.+)$/
/** main's default title (defaultJobTitle), and the form it had before it took plurals ("Операций: 5"). */
const COUNT_TITLE = /^(?:(\d+) operations?|Операций: (\d+)|(\d+) операци[яий])$/

/** A stored job title in the reader's language when the command line or main wrote it; as typed otherwise. */
export const titleText = (title: string): string => {
  const t = TITLE.exec(title)
  if (t) return words(`title ${t[1] as 'publish'} ${t[3] as 'site'}`, { count: Number(t[2]), portal: t[4] })
  const l = LINK_TITLE.exec(title)
  if (l) return words(`title link ${l[1] as 'on'}`, { count: Number(l[2]), portal: l[3] })
  const c = COUNT_TITLE.exec(title)
  if (c) return words('title operations', { count: Number(c[1] ?? c[2] ?? c[3]) })
  return title
}

const reasonAgain = relocalizer([...Object.values(messages), ...mismatchTexts()])

/** Why an operation ended as it did, in the reader's language whichever process wrote it. */
export const reasonText = (op: OperationView): string => reasonAgain(operationReason(op))

/** A stored lane reason (written by whichever process drains) in the reader's language. */
export const laneReasonText = (reason: string | null): string => (reason ? reasonAgain(reason) : '')

/** What `jobs` and `job` say about a job's start time; nothing for a job that never started. */
export const scheduleText = (j: JobSummary): string => {
  if (j.startAt === null) return ''
  if (j.startedAt === null)
    return j.state === 'finished'
      ? ''
      : schedule('startsAt', {
          when: showWhen(j.startAt),
          left: showDuration(Date.parse(j.startAt) - Date.now())
        })
  return j.lateByMs !== null
    ? schedule('startedLate', { when: showWhen(j.startedAt), late: showDuration(j.lateByMs) })
    : schedule('started', { when: showWhen(j.startedAt) })
}

export const restoreText = (j: JobSummary): string => {
  if (!j.restore) return ''
  if (j.restore.matches === null) return schedule('restoreUnchecked', { id: j.restore.snapshotId })
  return j.restore.matches
    ? schedule('restoreMatches', { id: j.restore.snapshotId })
    : schedule('restoreDiffers', { id: j.restore.snapshotId, count: j.restore.differences })
}

/** A job for scripts: as stored, plus its status and its title in the reader's language. */
export const jobJson = (j: JobSummary) => ({ ...j, status: jobStatus(j), titleText: titleText(j.title) })

/**
 * formatTable cuts cells at 60 characters; plain-language reasons are longer, so the last column
 * is written after the table, in full.
 */
export const tableWithReason = (
  headers: string[],
  rows: Array<Array<string | number | null>>,
  reasonHeader: string,
  reasons: string[]
): string => {
  const lines = formatTable(headers, rows).trimEnd().split('\n')
  const width = Math.max(...lines.map((l) => l.length))
  const title = header(reasonHeader)
  const tail = [title, '-'.repeat(title.length), ...reasons]
  return `${lines.map((l, i) => (tail[i] ? `${l.padEnd(width)}  ${tail[i]}` : l)).join('\n')}\n`
}

export const portalNames = async (ctx: CliContext): Promise<Map<string, string>> =>
  new Map((await ctx.invoke('portals:list')).map((p) => [p.id, p.name]))
