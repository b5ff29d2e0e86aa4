import type { CliCommand } from '../command'
import { sh } from './snapshot-help.messages'
import { oneId, namesOf, orNothing, announceJob, showPlan } from './snapshot-common'

export const maintenanceEndCommand: CliCommand = {
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
