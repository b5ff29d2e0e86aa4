import { stringFlag } from '../args'
import type { CliCommand } from '../command'
import { parseWhen } from '../when'
import { sh } from './snapshot-help.messages'
import { oneId, portalsOf, siteRefs, namesOf, orNothing, announceJob, showPlan } from './snapshot-common'

export const snapshotRestoreCommand: CliCommand = {
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
}
