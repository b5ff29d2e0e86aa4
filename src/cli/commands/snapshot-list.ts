import type { CliCommand } from '../command'
import { formatTable } from '../table'
import { showWhen } from '../when'
import { sh } from './snapshot-help.messages'
import { tm, th, namesOf, maintenanceText } from './snapshot-common'

export const snapshotListCommand: CliCommand = {
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
}
