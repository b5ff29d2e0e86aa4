import type { CliCommand } from '../command'
import { snapshotText } from './snapshot.messages'
import { tm, oneId } from './snapshot-common'

export const snapshotDeleteCommand: CliCommand = {
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
}
