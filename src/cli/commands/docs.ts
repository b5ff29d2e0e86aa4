/** `b24desk docs`: the CRM documents of a portal and their public links. */
import { requiredFlag } from '../args'
import type { CliCommand } from '../command'
import { formatTable } from '../table'
import { showWhen } from '../when'
import { catalogText as t } from './catalog.messages'
import { docsText } from './docs.messages'
import { common, listingOptions, show } from './catalog-common'

export const docsCommand: CliCommand = {
  name: 'docs',
  summary: {
    en: 'list the CRM documents of a portal, with their public links',
    ru: 'список документов CRM портала с их публичными ссылками'
  },
  usage: '--portal NAME [--links] [--offline]',
  details: () => `${t('cache behaviour')}${docsText('details')}${t('offline')}`,
  flags: { ...common, links: 'boolean' },
  inputOptions: listingOptions,
  async run(args, ctx) {
    const portal = await ctx.portalByName(requiredFlag(args, 'portal'))
    const result = await ctx.invoke('catalog:documents', {
      portalIds: [portal.id],
      refresh: !args.flags.offline
    })
    if (args.flags.links === true && !args.flags.offline)
      for (const row of result.rows)
        if (row.publicUrl === undefined)
          row.publicUrl = (
            await ctx.invoke('catalog:document', { portalId: portal.id, id: row.id })
          ).publicUrl
    const link = (url: string | null | undefined): 'on' | 'off' | 'unknown' =>
      url === undefined ? 'unknown' : url === null ? 'off' : 'on'
    const withLinks = { ...result, rows: result.rows.map((d) => ({ ...d, link: link(d.publicUrl) })) }
    return show(ctx, portal, withLinks, (rows) =>
      formatTable(
        ['ID', 'NUMBER', 'TITLE', 'ENTITY', 'CREATED', 'LINK', 'PUBLIC URL'],
        rows.map((d) => [
          d.id,
          d.number,
          d.title,
          d.entityTypeId !== null ? `${d.entityTypeId}:${d.entityId ?? ''}` : '',
          showWhen(d.createdAt),
          docsText(d.link),
          d.publicUrl ?? ''
        ])
      )
    )
  }
}
