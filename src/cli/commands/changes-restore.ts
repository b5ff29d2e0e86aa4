// `b24desk changes restore ID...`: puts changes the watch saw back as they were, through one outbox job.
import { idsOf } from '../args'
import type { CliCommand } from '../command'
import { changeJson } from './changes-common'
import { changesRestoreText as t } from './changes-restore.messages'

export const changesRestoreCommand: CliCommand = {
  name: 'changes restore',
  summary: () => t('summary'),
  usage: () => t('usage'),
  details: () => t('details'),
  async run(args, ctx) {
    const ids = idsOf(args.positionals)
    const { watch } = await ctx.services()
    const names = new Map((await ctx.invoke('portals:list')).map((p) => [p.id, p.name]))
    const { jobId, changes } = await watch.putBack(ids)
    ctx.print({ jobId, changes: changes.map((c) => changeJson(c, names)) }, () =>
      t('queued', { id: jobId, count: changes.length })
    )
  }
}
