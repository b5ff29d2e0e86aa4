import { AppError } from '../../main/services/errors'
import { stringFlag } from '../args'
import type { CliCommand } from '../command'
import { formatTable } from '../table'
import { parseWhen, showDuration, showWhen } from '../when'
import { sh } from './snapshot-help.messages'
import { tm, th, portalsOf, siteRefs, namesOf, orNothing } from './snapshot-common'

export const maintenanceStartCommand: CliCommand = {
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
}
