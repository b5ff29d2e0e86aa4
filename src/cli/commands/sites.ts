/** `b24desk sites`: the sites of a portal. */
import { requiredFlag } from '../args'
import type { CliCommand } from '../command'
import { formatTable } from '../table'
import { catalogText as t } from './catalog.messages'
import { common, listingOptions, scopeOf, withPortalOffset, show, tableWords } from './catalog-common'

export const sitesCommand: CliCommand = {
  name: 'sites',
  summary: {
    en: 'list the sites of a portal (all landing scopes unless --scope)',
    ru: 'список сайтов портала (все области, если не указан --scope)'
  },
  usage: '--portal NAME [--scope default|KNOWLEDGE|GROUP|MAINPAGE] [--offline]',
  details: () => t('cache behaviour') + t('offline'),
  flags: { ...common, scope: 'string' },
  inputOptions: listingOptions,
  async run(args, ctx) {
    const portal = await ctx.portalByName(requiredFlag(args, 'portal'))
    const scope = scopeOf(args)
    const result = await withPortalOffset(
      ctx,
      portal,
      await ctx.invoke('catalog:sites', {
        portalIds: [portal.id],
        refresh: !args.flags.offline,
        scopes: scope === undefined ? undefined : [scope]
      }),
      args.flags.offline === true
    )
    return show(ctx, portal, result, (rows) => {
      const w = tableWords()
      return formatTable(
        ['ID', 'TITLE', 'TYPE', 'SCOPE', 'PUBLISHED', 'CODE', 'PUBLIC URL'],
        rows.map((s) => [
          s.id,
          s.title,
          s.type,
          w.scopeName(s.scope),
          w.yesNo(s.published),
          s.code,
          s.publicUrl
        ])
      )
    })
  }
}
