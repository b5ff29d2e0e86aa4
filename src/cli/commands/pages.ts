/** `b24desk pages`: the pages of a portal. */
import { intFlag, requiredFlag } from '../args'
import type { CliCommand } from '../command'
import { formatTable } from '../table'
import { catalogText as t } from './catalog.messages'
import { common, listingOptions, withPortalOffset, show, tableWords } from './catalog-common'

export const pagesCommand: CliCommand = {
  name: 'pages',
  summary: {
    en: 'list the pages of a portal, or of one site',
    ru: 'список страниц портала или одного сайта'
  },
  usage: '--portal NAME [--site ID] [--offline]',
  details: () => t('cache behaviour') + t('offline'),
  flags: { ...common, site: 'string' },
  inputOptions: listingOptions,
  async run(args, ctx) {
    const portal = await ctx.portalByName(requiredFlag(args, 'portal'))
    const result = await withPortalOffset(
      ctx,
      portal,
      await ctx.invoke('catalog:pages', {
        portalIds: [portal.id],
        refresh: !args.flags.offline,
        siteId: intFlag(args, 'site')
      }),
      args.flags.offline === true
    )
    return show(ctx, portal, result, (rows) => {
      const w = tableWords()
      return formatTable(
        ['ID', 'SITE', 'FOLDER', 'TITLE', 'SCOPE', 'PUBLISHED', 'EDITS', 'CODE'],
        rows.map((p) => [
          p.id,
          p.siteId,
          p.folderId,
          p.title,
          w.scopeName(p.scope),
          // Live means the page and its site are active; an active page under an inactive site is not.
          p.published && p.siteActive === false ? w.siteNotLive : w.yesNo(p.published),
          p.published && p.edited ? w.edited : '',
          p.code
        ])
      )
    })
  }
}
