import type { JobSummary } from '../../../src/shared/domain/outbox'
import type { PortalSummary } from '../../../src/shared/domain/portal'
import type { RestorePlan, SiteRef, SnapshotSummary } from '../../../src/shared/domain/snapshot'
import { AppError } from '../../main/services/errors'
import { listFlag, UsageError, type ParsedArgs } from '../args'
import type { CliContext } from '../command'
import { formatTable } from '../table'
import { showDuration, showWhen } from '../when'
import { snapshotActions, snapshotHeaders, snapshotKinds, snapshotTexts } from './snapshot-texts.messages'

/** What the snapshot commands share (one file per command beside it). */
export const tm = snapshotTexts
export const th = snapshotHeaders

export const positiveId = (word: string | undefined): number => {
  if (word === undefined) throw new UsageError(tm('giveId'))
  if (!/^\d+$/.test(word) || Number(word) <= 0 || !Number.isSafeInteger(Number(word)))
    throw new UsageError(tm('notAnId', { word }))
  return Number(word)
}

export const oneId = (args: ParsedArgs): number => {
  if (args.positionals.length !== 1) throw new UsageError(tm('giveId'))
  return positiveId(args.positionals[0])
}

/** `--site 12 --site 13` or `--site 12,13`. */
export const siteIds = (args: ParsedArgs): number[] =>
  listFlag(args, 'site')
    .flatMap((v) => v.split(','))
    .map((w) => w.trim())
    .filter((w) => w !== '')
    .map(positiveId)

export const portalsOf = async (
  ctx: CliContext,
  args: ParsedArgs,
  required: boolean
): Promise<PortalSummary[]> => {
  const names = listFlag(args, 'portal')
  if (names.length === 0 && required) throw new UsageError(tm('needPortal'))
  const out: PortalSummary[] = []
  for (const n of names) {
    const p = await ctx.portalByName(n)
    if (!out.some((x) => x.id === p.id)) out.push(p)
  }
  return out
}

export const siteRefs = (args: ParsedArgs, portals: PortalSummary[]): SiteRef[] | undefined => {
  const ids = siteIds(args)
  if (ids.length === 0) return undefined
  if (portals.length !== 1) throw new UsageError(tm('sitesOnePortal'))
  return ids.map((siteId) => ({ portalId: portals[0].id, siteId }))
}

export const namesOf = async (ctx: CliContext): Promise<(id: string) => string> => {
  const all = new Map((await ctx.invoke('portals:list')).map((p) => [p.id, p.name]))
  return (id) => all.get(id) ?? id
}

/** "Nothing to restore" and the like are answers, not failures: a scheduler runs the same line every day. */
export const NOTHING = new Set(['NOTHING_TO_RESTORE', 'NOTHING_TO_TAKE_OFFLINE'])
export const orNothing = async <T>(ctx: CliContext, run: () => T | Promise<T>): Promise<T | null> => {
  try {
    return await run()
  } catch (err) {
    if (err instanceof AppError && NOTHING.has(err.code)) {
      ctx.print({ job: null, code: err.code, message: err.message }, '')
      ctx.warn(err.message)
      return null
    }
    throw err
  }
}

export const announceJob = (ctx: CliContext, job: JobSummary) => {
  if (job.startAt !== null && job.startedAt === null)
    ctx.warn(
      tm('queuedAt', {
        id: job.id,
        count: job.total,
        when: showWhen(job.startAt),
        left: showDuration(Date.parse(job.startAt) - Date.now())
      })
    )
  else ctx.warn(tm('queued', { id: job.id, count: job.total }))
}

export const showPlan = (plan: RestorePlan, names: (id: string) => string): string => {
  const multi = new Set(plan.intents.map((i) => i.portalId)).size > 1
  const table = formatTable(
    [th('n'), ...(multi ? [th('portal')] : []), th('kind'), th('id'), th('action'), th('title')],
    plan.intents.map((i, n) => [
      n + 1,
      ...(multi ? [names(i.portalId)] : []),
      snapshotKinds(i.kind),
      i.targetId,
      snapshotActions(i.action as 'publish'),
      i.label ?? ''
    ])
  )
  const effects =
    plan.effects.length > 0 ? `\n${tm('effectsHead')}\n${plan.effects.map((e) => `- ${e}\n`).join('')}` : ''
  return `${tm('planHead', { count: plan.intents.length })}\n${table}${effects}`
}

export const maintenanceText = (s: SnapshotSummary): string => {
  const mt = s.maintenance
  if (!mt) return ''
  if (!mt.active) return tm('maintEnded')
  return mt.until ? tm('maintUntil', { when: showWhen(mt.until) }) : tm('maintActive')
}
