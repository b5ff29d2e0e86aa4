import { stringFlag, UsageError } from '../args'
import type { CliCommand } from '../command'
import { snapshotText } from './snapshot.messages'
import { tm, oneId } from './snapshot-common'

export const snapshotExportCommand: CliCommand = {
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
}
