import { landingScopeSchema, type LandingScope } from '../../../src/shared/domain/catalog'
import type { TargetKind } from '../../../src/shared/domain/outbox'
import { localize } from '../../main/services/app/language'
import { messages } from '../../main/services/outbox/messages'
import { idsOf, requiredFlag, stringFlag, UsageError } from '../args'
import type { CliCommand } from '../command'
import { enqueue, listIds, startAtOf } from './enqueue'
import { enqueueText as t } from './enqueue.messages'
import { storedTitle } from './outbox-common'

type LandingKind = Exclude<TargetKind, 'document'>
const LANDING_KINDS: readonly string[] = ['site', 'page', 'folder']

/** The catalog listing that caches a kind's scope, for the hint when a target is not cached. */
const LIST_COMMAND: Record<LandingKind, string> = {
  site: 'sites',
  page: 'pages',
  folder: 'folders --site ID'
}

/** `publish` and `unpublish`: the same command, one action each. */
const landingCommand = (action: 'publish' | 'unpublish'): CliCommand => ({
  name: action,
  summary: () => t(action === 'publish' ? 'publish summary' : 'unpublish summary'),
  usage:
    'site|page|folder --portal NAME [--scope default|KNOWLEDGE|GROUP|MAINPAGE] [--title TEXT] [--at TIME] ID...',
  details: () => t('landing details'),
  flags: { portal: 'string', scope: 'string', title: 'string', at: 'string' },
  inputOptions: { title: '--title', intents: 'ID', startAt: '--at' },
  async run(args, ctx) {
    const [kindWord, ...rest] = args.positionals
    if (!LANDING_KINDS.includes(kindWord)) throw new UsageError(t('say kind'))
    const kind = kindWord as LandingKind
    const scopeWord = stringFlag(args, 'scope')
    let explicit: LandingScope | undefined
    if (scopeWord !== undefined) {
      const parsed = landingScopeSchema.safeParse(
        scopeWord.toLowerCase() === 'default' ? '' : scopeWord.toUpperCase()
      )
      if (!parsed.success) throw new UsageError(t('bad scope'))
      explicit = parsed.data
    }
    const ids = idsOf(rest)
    const startAt = startAtOf(args)
    const portal = await ctx.portalByName(requiredFlag(args, 'portal'))
    const known = (await ctx.services()).outbox.knownTargets(portal.id, kind, ids)
    if (explicit === undefined) {
      const missing = ids.filter((id) => known.get(id)?.scope === undefined)
      if (missing.length > 0)
        ctx.warn(
          localize(messages.scopeNotCached, {
            kind,
            ids: listIds(missing),
            portal: portal.name,
            listCommand: LIST_COMMAND[kind]
          })
        )
    }
    await enqueue(
      ctx,
      stringFlag(args, 'title') ?? storedTitle(action, kind, ids.length, portal.name),
      ids.map((targetId) => ({
        portalId: portal.id,
        kind,
        targetId,
        scope: explicit ?? known.get(targetId)?.scope ?? '',
        action,
        // Labelled as the window labels what it queues: with the object's title, where the catalog knows it.
        ...(known.get(targetId) ? { label: known.get(targetId)?.title } : {})
      })),
      startAt
    )
  }
})

export const publishCommand = landingCommand('publish')
export const unpublishCommand = landingCommand('unpublish')
