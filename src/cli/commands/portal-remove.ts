import type { CliCommand } from '../command'
import { portalText } from './portal.messages'
import { nameArg } from './portal-common'

export const portalRemoveCommand: CliCommand = {
  name: 'portal remove',
  summary: () => portalText('remove summary'),
  usage: 'NAME [--yes]',
  details: () => portalText('remove details'),
  flags: { yes: 'boolean' },
  async run(args, ctx) {
    const portal = await ctx.portalByName(nameArg(args))
    const lane = (await ctx.invoke('outbox:view')).lanes.find((l) => l.portalId === portal.id)
    const pending = lane ? lane.counts.queued + lane.counts.sending : 0
    if (
      pending > 0 &&
      !(await ctx.confirm(
        portalText('remove question', { name: portal.name, count: pending }),
        args.flags.yes === true
      ))
    )
      return 1
    await ctx.invoke('portals:remove', { portalId: portal.id })
    ctx.print({ removed: portal.name, cancelled: pending }, portalText('removed', { name: portal.name }))
  }
}
