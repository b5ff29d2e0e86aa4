// `b24desk changes accept ID...`: a person keeps changes the watch saw as the portal has them.
import { idsOf } from '../args'
import type { CliCommand } from '../command'
import { changeJson } from './changes-common'
import { changesAcceptText as t } from './changes-accept.messages'

export const changesAcceptCommand: CliCommand = {
  name: 'changes accept',
  summary: () => t('summary'),
  usage: () => t('usage'),
  details: () => t('details'),
  async run(args, ctx) {
    const ids = idsOf(args.positionals)
    const { watch } = await ctx.services()
    const names = new Map((await ctx.invoke('portals:list')).map((p) => [p.id, p.name]))
    const accepted = ids.map((id) => watch.accept(id))
    ctx.print(
      accepted.map((c) => changeJson(c, names)),
      () => t('accepted', { count: accepted.length })
    )
  }
}
