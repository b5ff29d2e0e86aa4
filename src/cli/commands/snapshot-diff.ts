import type { CliCommand } from '../command'
import { formatTable } from '../table'
import { showWhen } from '../when'
import { sh } from './snapshot-help.messages'
import { snapshotKinds } from './snapshot-texts.messages'
import { tm, th, oneId, namesOf } from './snapshot-common'

export const snapshotDiffCommand: CliCommand = {
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
}
