import type { JobSummary } from '../../shared/domain/outbox'
import type { PortalSummary } from '../../shared/domain/portal'
import type { RestorePlan, SiteRef, SnapshotSummary } from '../../shared/domain/snapshot'
import { AppError } from '../../main/services/errors'
import { listFlag, stringFlag, UsageError, type ParsedArgs } from '../args'
import type { CliCommand, CliContext } from '../command'
import { formatTable } from '../table'
import { parseWhen, showDuration, showWhen } from '../when'
import { snapshotText } from './snapshot.messages'
import { sh } from './snapshot-help.messages'
import { snapshotActions, snapshotHeaders, snapshotKinds, snapshotTexts } from './snapshot-texts.messages'

const tm = snapshotTexts
const th = snapshotHeaders

const positiveId = (word: string | undefined): number => {
  if (word === undefined) throw new UsageError(tm('giveId'))
  if (!/^\d+$/.test(word) || Number(word) <= 0 || !Number.isSafeInteger(Number(word)))
    throw new UsageError(tm('notAnId', { word }))
  return Number(word)
}

const oneId = (args: ParsedArgs): number => {
  if (args.positionals.length !== 1) throw new UsageError(tm('giveId'))
  return positiveId(args.positionals[0])
}

/** `--site 12 --site 13` or `--site 12,13`. */
const siteIds = (args: ParsedArgs): number[] =>
  listFlag(args, 'site')
    .flatMap((v) => v.split(','))
    .map((w) => w.trim())
    .filter((w) => w !== '')
    .map(positiveId)

const portalsOf = async (ctx: CliContext, args: ParsedArgs, required: boolean): Promise<PortalSummary[]> => {
  const names = listFlag(args, 'portal')
  if (names.length === 0 && required) throw new UsageError(tm('needPortal'))
  const out: PortalSummary[] = []
  for (const n of names) {
    const p = await ctx.portalByName(n)
    if (!out.some((x) => x.id === p.id)) out.push(p)
  }
  return out
}

const siteRefs = (args: ParsedArgs, portals: PortalSummary[]): SiteRef[] | undefined => {
  const ids = siteIds(args)
  if (ids.length === 0) return undefined
  if (portals.length !== 1) throw new UsageError(tm('sitesOnePortal'))
  return ids.map((siteId) => ({ portalId: portals[0].id, siteId }))
}

const namesOf = async (ctx: CliContext): Promise<(id: string) => string> => {
  const all = new Map((await ctx.invoke('portals:list')).map((p) => [p.id, p.name]))
  return (id) => all.get(id) ?? id
}

/** "Nothing to restore" and the like are answers, not failures: a scheduler runs the same line every day. */
const NOTHING = new Set(['NOTHING_TO_RESTORE', 'NOTHING_TO_TAKE_OFFLINE'])
const orNothing = async <T>(ctx: CliContext, run: () => T | Promise<T>): Promise<T | null> => {
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

const announceJob = (ctx: CliContext, job: JobSummary) => {
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

const showPlan = (plan: RestorePlan, names: (id: string) => string): string => {
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

const maintenanceText = (s: SnapshotSummary): string => {
  const mt = s.maintenance
  if (!mt) return ''
  if (!mt.active) return tm('maintEnded')
  return mt.until ? tm('maintUntil', { when: showWhen(mt.until) }) : tm('maintActive')
}

export const snapshotCommands: CliCommand[] = [
  {
    name: 'snapshot take',
    summary: () => sh('record what is live on'),
    usage: '--portal NAME [--portal NAME...] [--site ID...] [--name TEXT]',
    details: () => sh('reads fresh listings of each'),
    flags: { portal: 'list', site: 'list', name: 'string' },
    inputOptions: { portalIds: '--portal', siteIds: '--site', name: '--name' },
    async run(args, ctx) {
      const portals = await portalsOf(ctx, args, true)
      const s = await ctx.invoke('snapshots:take', {
        portalIds: portals.map((p) => p.id),
        siteIds: siteRefs(args, portals),
        name: stringFlag(args, 'name')
      })
      ctx.print(s, `${s.id}\n`)
      ctx.warn(tm('taken', { id: s.id, name: s.name, ...s.counts }))
    }
  },
  {
    name: 'snapshot list',
    summary: () => sh('list snapshots newest first with'),
    usage: '',
    async run(_args, ctx) {
      const list = await ctx.invoke('snapshots:list')
      const names = await namesOf(ctx)
      ctx.print(list, () =>
        list.length === 0
          ? tm('noSnapshots')
          : formatTable(
              [
                th('id'),
                th('name'),
                th('taken'),
                th('portals'),
                th('scope'),
                th('sites'),
                th('pages'),
                th('folders'),
                th('documents'),
                th('live'),
                th('maintenance')
              ],
              list.map((s) => [
                s.id,
                s.name,
                showWhen(s.takenAt),
                s.portalIds.map(names).join(', '),
                s.siteIds === null ? tm('whole') : tm('sitesCount', { count: s.siteIds.length }),
                s.counts.sites,
                s.counts.pages,
                s.counts.folders,
                s.counts.documents,
                s.counts.live,
                maintenanceText(s)
              ])
            )
      )
    }
  },
  {
    name: 'snapshot diff',
    summary: () => sh('compare a snapshot with the'),
    usage: 'ID',
    async run(args, ctx) {
      const id = oneId(args)
      const [diff, list] = await Promise.all([
        ctx.invoke('snapshots:diff', { snapshotId: id }),
        ctx.invoke('snapshots:list')
      ])
      const takenAt = list.find((s) => s.id === id)?.takenAt ?? 0
      const names = await namesOf(ctx)
      ctx.print(diff, () => {
        const changed = diff.portals.some((p) => p.wentOffline.length + p.wentLive.length + p.gone.length > 0)
        if (!changed) return tm('unchanged')
        return diff.portals
          .map((p) => {
            const rows = [
              ...p.wentOffline.map((e) => [tm('offlineWord'), e] as const),
              ...p.wentLive.map((e) => [tm('liveWord'), e] as const),
              ...p.gone.map((e) => [tm('goneWord'), e] as const)
            ]
            const head = tm('diffHead', {
              portal: names(p.portalId),
              offline: p.wentOffline.length,
              live: p.wentLive.length,
              gone: p.gone.length,
              when: showWhen(takenAt)
            })
            if (rows.length === 0) return `${head}\n`
            return `${head}\n${formatTable(
              [th('change'), th('kind'), th('id'), th('title')],
              rows.map(([change, e]) => [change, snapshotKinds(e.kind), e.id, e.title])
            )}`
          })
          .join('\n')
      })
    }
  },
  {
    name: 'snapshot export',
    summary: () => snapshotText('export summary'),
    usage: 'ID --format csv|json [--out FILE]',
    flags: { format: 'string', out: 'string' },
    async run(args, ctx) {
      const id = oneId(args)
      const format = stringFlag(args, 'format') ?? 'csv'
      if (format !== 'csv' && format !== 'json') throw new UsageError(tm('format'))
      const out = await ctx.invoke('snapshots:export', { snapshotId: id, format })
      ctx.output(out.content, stringFlag(args, 'out'))
    }
  },
  {
    name: 'snapshot restore',
    summary: () => sh('queue one job that puts'),
    usage: 'ID [--portal NAME...] [--site ID...] [--at TIME] [--dry-run]',
    details: () => sh('only the differences are queued'),
    flags: { portal: 'list', site: 'list', at: 'string', 'dry-run': 'boolean' },
    inputOptions: { portalIds: '--portal', siteIds: '--site', startAt: '--at' },
    async run(args, ctx) {
      const id = oneId(args)
      const portals = await portalsOf(ctx, args, false)
      const at = stringFlag(args, 'at')
      const startAt = at !== undefined ? parseWhen(at) : undefined
      const scope = {
        snapshotId: id,
        portalIds: portals.length > 0 ? portals.map((p) => p.id) : undefined,
        siteIds: siteRefs(args, portals)
      }
      if (args.flags['dry-run'] === true) {
        const plan = await ctx.invoke('snapshots:planRestore', scope)
        const names = await namesOf(ctx)
        ctx.print(plan, () => showPlan(plan, names))
        return
      }
      const job = await orNothing(ctx, () => ctx.invoke('snapshots:restore', { ...scope, startAt }))
      if (!job) return
      ctx.print(job, `${job.id}\n`)
      announceJob(ctx, job)
    }
  },
  {
    name: 'snapshot delete',
    summary: () => snapshotText('delete summary'),
    usage: 'ID [--yes]',
    details: () => snapshotText('delete details'),
    flags: { yes: 'boolean' },
    async run(args, ctx) {
      const id = oneId(args)
      const snapshot = (await ctx.invoke('snapshots:list')).find((x) => x.id === id)
      if (
        snapshot &&
        !(await ctx.confirm(
          snapshotText('delete question', { id, name: snapshot.name }),
          args.flags.yes === true
        ))
      )
        return 1
      await ctx.invoke('snapshots:delete', { snapshotId: id })
      ctx.print({ deleted: id }, '')
      ctx.warn(tm('deleted', { id }))
    }
  },
  {
    name: 'maintenance start',
    summary: () => sh('take sites offline for maintenance'),
    usage: '--portal NAME [--portal NAME...] [--site ID...] [--until TIME] [--name TEXT] [--dry-run]',
    details: () => sh('records what is live a'),
    flags: { portal: 'list', site: 'list', until: 'string', name: 'string', 'dry-run': 'boolean' },
    inputOptions: { portalIds: '--portal', siteIds: '--site', until: '--until', name: '--name' },
    async run(args, ctx) {
      const portals = await portalsOf(ctx, args, true)
      const refs = siteRefs(args, portals)
      const untilText = stringFlag(args, 'until')
      const until = untilText !== undefined ? parseWhen(untilText) : undefined
      if (args.flags['dry-run'] === true) {
        const sites = await ctx.invoke('catalog:sites', {
          portalIds: portals.map((p) => p.id),
          refresh: true
        })
        for (const p of portals) {
          const failed = sites.stale[p.id]
          if (failed) throw new AppError(failed.code, failed.message)
        }
        const live = sites.rows.filter(
          (s) => s.published && (!refs || refs.some((r) => r.portalId === s.portalId && r.siteId === s.id))
        )
        const names = await namesOf(ctx)
        ctx.print(
          live,
          () =>
            `${tm('wouldUnpublish', { count: live.length })}\n${formatTable(
              [th('portal'), th('id'), th('title')],
              live.map((s) => [names(s.portalId), s.id, s.title])
            )}`
        )
        return
      }
      const started = await orNothing(ctx, () =>
        ctx.invoke('maintenance:start', {
          portalIds: portals.map((p) => p.id),
          siteIds: refs,
          until,
          name: stringFlag(args, 'name')
        })
      )
      if (!started) return
      const { snapshot, job } = started
      const endJobId = snapshot.maintenance?.endJobId ?? null
      ctx.print(
        { snapshot, job, endJobId },
        `${[snapshot.id, job.id, ...(endJobId !== null ? [endJobId] : [])].join(' ')}\n`
      )
      ctx.warn(tm('maintStarted', { snapshot: snapshot.id, job: job.id, count: job.total }))
      ctx.warn(
        until && endJobId !== null
          ? tm('maintEnd', {
              job: endJobId,
              when: showWhen(until),
              left: showDuration(Date.parse(until) - Date.now()),
              snapshot: snapshot.id
            })
          : tm('maintNoEnd', { snapshot: snapshot.id })
      )
    }
  },
  {
    name: 'maintenance end',
    summary: () => sh('end a maintenance window now'),
    usage: 'SNAPSHOT_ID [--dry-run]',
    details: () => sh('cancels a scheduled end and'),
    flags: { 'dry-run': 'boolean' },
    async run(args, ctx) {
      const id = oneId(args)
      if (args.flags['dry-run'] === true) {
        const plan = await ctx.invoke('snapshots:planRestore', { snapshotId: id })
        const names = await namesOf(ctx)
        ctx.print(plan, () => showPlan(plan, names))
        return
      }
      const job = await orNothing(ctx, () => ctx.invoke('maintenance:end', { snapshotId: id }))
      if (!job) return
      ctx.print(job, `${job.id}\n`)
      announceJob(ctx, job)
    }
  }
]
