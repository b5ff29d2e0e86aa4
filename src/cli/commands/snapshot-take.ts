import { stringFlag } from '../args'
import type { CliCommand } from '../command'
import { sh } from './snapshot-help.messages'
import { tm, portalsOf, siteRefs } from './snapshot-common'

export const snapshotTakeCommand: CliCommand = {
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
}
