import { idsOf, requiredFlag, stringFlag, UsageError } from '../args'
import type { CliCommand } from '../command'
import { enqueue, startAtOf } from './enqueue'
import { enqueueText as t } from './enqueue.messages'
import { storedTitle } from './outbox-common'

export const linkCommand: CliCommand = {
  name: 'link',
  summary: () => t('link summary'),
  usage: 'on|off --portal NAME [--title TEXT] [--at TIME] DOCID...',
  details: () => t('link details'),
  flags: { portal: 'string', title: 'string', at: 'string' },
  inputOptions: { title: '--title', intents: 'DOCID', startAt: '--at' },
  async run(args, ctx) {
    const [mode, ...rest] = args.positionals
    if (mode !== 'on' && mode !== 'off') throw new UsageError(t('say link mode'))
    const ids = idsOf(rest)
    const startAt = startAtOf(args)
    const portal = await ctx.portalByName(requiredFlag(args, 'portal'))
    const action = mode === 'on' ? 'link-on' : 'link-off'
    const known = (await ctx.services()).outbox.knownTargets(portal.id, 'document', ids)
    await enqueue(
      ctx,
      stringFlag(args, 'title') ?? storedTitle(action, 'document', ids.length, portal.name),
      ids.map((targetId) => ({
        portalId: portal.id,
        kind: 'document',
        targetId,
        scope: '',
        action,
        ...(known.get(targetId) ? { label: known.get(targetId)?.title } : {})
      })),
      startAt
    )
  }
}
