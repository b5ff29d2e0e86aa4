import type { Cached, LandingScope } from '../../shared/domain/catalog'
import { landingScopeSchema } from '../../shared/domain/catalog'
import { intFlag, requiredFlag, stringFlag, UsageError, type ParsedArgs } from '../args'
import type { CliCommand, CliContext } from '../command'
import { formatTable } from '../table'

const common = { portal: 'string', offline: 'boolean' } as const

const scopeOf = (args: ParsedArgs): LandingScope | undefined => {
  const v = stringFlag(args, 'scope')
  if (v === undefined) return undefined
  const parsed = landingScopeSchema.safeParse(v.toLowerCase() === 'default' ? '' : v.toUpperCase())
  if (!parsed.success) throw new UsageError('--scope must be default, KNOWLEDGE, GROUP or MAINPAGE')
  return parsed.data
}

/** Shows the rows; a portal whose refresh failed is reported on stderr and makes the exit code 1. */
const show = <T>(ctx: CliContext, portalId: string, result: Cached<T>, human: (rows: T[]) => string): number => {
  ctx.print(result, () => human(result.rows))
  const stale = result.stale[portalId]
  if (stale) {
    const at = result.syncedAt[portalId]
    ctx.warn(`${stale.message}${at ? ` Showing the listing from ${new Date(at).toISOString()}.` : ''}`)
    return 1
  }
  return 0
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no')

export const catalogCommands: CliCommand[] = [
  {
    name: 'sites',
    summary: 'list the sites of a portal (all landing scopes unless --scope)',
    usage: '--portal NAME [--scope default|KNOWLEDGE|GROUP|MAINPAGE] [--offline]',
    flags: { ...common, scope: 'string' },
    async run(args, ctx) {
      const portal = await ctx.portalByName(requiredFlag(args, 'portal'))
      const scope = scopeOf(args)
      const { handlers } = await ctx.services()
      const result = await handlers['catalog:sites']({
        portalIds: [portal.id],
        refresh: !args.flags.offline,
        scopes: scope === undefined ? undefined : [scope]
      })
      return show(ctx, portal.id, result, (rows) =>
        formatTable(
          ['ID', 'TITLE', 'TYPE', 'PUBLISHED', 'CODE'],
          rows.map((s) => [s.id, s.title, s.type, yesNo(s.published), s.code])
        )
      )
    }
  },
  {
    name: 'pages',
    summary: 'list the pages of a portal, or of one site',
    usage: '--portal NAME [--site ID] [--offline]',
    flags: { ...common, site: 'string' },
    async run(args, ctx) {
      const portal = await ctx.portalByName(requiredFlag(args, 'portal'))
      const { handlers } = await ctx.services()
      const result = await handlers['catalog:pages']({ portalIds: [portal.id], refresh: !args.flags.offline, siteId: intFlag(args, 'site') })
      return show(ctx, portal.id, result, (rows) =>
        formatTable(
          ['ID', 'SITE', 'FOLDER', 'TITLE', 'PUBLISHED', 'CODE'],
          rows.map((p) => [p.id, p.siteId, p.folderId, p.title, yesNo(p.published), p.code])
        )
      )
    }
  },
  {
    name: 'folders',
    summary: 'list the folders of a site',
    usage: '--portal NAME --site ID [--offline]',
    flags: { ...common, site: 'string' },
    async run(args, ctx) {
      const portal = await ctx.portalByName(requiredFlag(args, 'portal'))
      const siteId = intFlag(args, 'site')
      if (siteId === undefined) throw new UsageError('--site is required')
      const { handlers } = await ctx.services()
      const result = await handlers['catalog:folders']({ portalIds: [portal.id], refresh: !args.flags.offline, siteId })
      return show(ctx, portal.id, result, (rows) =>
        formatTable(
          ['ID', 'PARENT', 'TITLE', 'PUBLISHED'],
          rows.map((f) => [f.id, f.parentId, f.title, yesNo(f.published)])
        )
      )
    }
  },
  {
    name: 'docs',
    summary: 'list the CRM documents of a portal',
    usage: '--portal NAME [--offline]',
    flags: { ...common },
    async run(args, ctx) {
      const portal = await ctx.portalByName(requiredFlag(args, 'portal'))
      const { handlers } = await ctx.services()
      const result = await handlers['catalog:documents']({ portalIds: [portal.id], refresh: !args.flags.offline })
      return show(ctx, portal.id, result, (rows) =>
        formatTable(
          ['ID', 'NUMBER', 'TITLE', 'ENTITY', 'CREATED'],
          rows.map((d) => [d.id, d.number, d.title, d.entityTypeId !== null ? `${d.entityTypeId}:${d.entityId ?? ''}` : '', d.createdAt])
        )
      )
    }
  }
]
