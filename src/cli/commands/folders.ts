/** `b24desk folders`: the folders of a site. */
import { intFlag, requiredFlag, UsageError } from '../args'
import type { CliCommand } from '../command'
import { formatTable } from '../table'
import { catalogText as t } from './catalog.messages'
import { common, listingOptions, show, tableWords } from './catalog-common'

export const foldersCommand: CliCommand = {
  name: 'folders',
  summary: { en: 'list the folders of a site', ru: 'список папок сайта' },
  usage: '--portal NAME --site ID [--offline]',
  details: () => t('cache behaviour') + t('offline'),
  flags: { ...common, site: 'string' },
  inputOptions: listingOptions,
  async run(args, ctx) {
    const portal = await ctx.portalByName(requiredFlag(args, 'portal'))
    const siteId = intFlag(args, 'site')
    if (siteId === undefined) throw new UsageError(t('site required'))
    const result = await ctx.invoke('catalog:folders', {
      portalIds: [portal.id],
      refresh: !args.flags.offline,
      siteId
    })
    return show(ctx, portal, result, (rows) => {
      const w = tableWords()
      return formatTable(
        ['ID', 'PARENT', 'TITLE', 'PUBLISHED'],
        rows.map((f) => [f.id, f.parentId, f.title, w.yesNo(f.published)])
      )
    })
  }
}
