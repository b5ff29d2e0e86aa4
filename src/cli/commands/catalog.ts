import type { Cached, LandingScope } from '../../shared/domain/catalog'
import { landingScopeSchema } from '../../shared/domain/catalog'
import type { PortalSummary } from '../../shared/domain/portal'
import { intFlag, requiredFlag, stringFlag, UsageError, type ParsedArgs } from '../args'
import type { CliCommand, CliContext } from '../command'
import { yesNo } from '../i18n'
import { formatTable } from '../table'
import { offsetText, showWhen } from '../when'
import { catalogText as t } from './catalog.messages'
import { docsText } from './docs.messages'

const common = { portal: 'string', offline: 'boolean' } as const

/** The options behind the listing queries' fields, to name them when the contract refuses one. */
const listingOptions = { portalIds: '--portal', siteId: '--site', scopes: '--scope' }

const scopeOf = (args: ParsedArgs): LandingScope | undefined => {
  const v = stringFlag(args, 'scope')
  if (v === undefined) return undefined
  const parsed = landingScopeSchema.safeParse(v.toLowerCase() === 'default' ? '' : v.toUpperCase())
  if (!parsed.success) throw new UsageError(t('bad scope'))
  return parsed.data
}

const WALL_CLOCK = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?$/

/**
 * For --json: a landing date is the portal's local time without an offset; it gets the portal's own
 * (from server.time). Left as stored with --offline, or when the portal cannot tell.
 */
const withPortalOffset = async <T extends { modifiedAt: string | null }>(
  ctx: CliContext,
  portal: PortalSummary,
  result: Cached<T>,
  offline: boolean
): Promise<Cached<T>> => {
  if (!ctx.json || offline || !result.rows.some((r) => r.modifiedAt && WALL_CLOCK.test(r.modifiedAt)))
    return result
  const offset = await (await ctx.services()).catalog.utcOffset(portal.id).catch(() => null)
  if (offset === null) return result
  return {
    ...result,
    rows: result.rows.map((r) =>
      r.modifiedAt && WALL_CLOCK.test(r.modifiedAt)
        ? { ...r, modifiedAt: `${r.modifiedAt}${offsetText(offset)}` }
        : r
    )
  }
}

/** How long ago a list was cached, for people: "12 minutes ago", "3 hours ago". */
export const cacheAge = (ms: number): string => {
  const minutes = Math.max(0, Math.floor(ms / 60_000))
  if (minutes < 1) return t('age now')
  if (minutes < 120) return t('age minutes', { count: minutes })
  if (minutes < 48 * 60) return t('age hours', { count: Math.floor(minutes / 60) })
  return t('age days', { count: Math.floor(minutes / 1440) })
}

/**
 * Shows the rows. A portal that could not be read is reported on stderr with the age of the cached
 * list and the reason; only a portal with nothing cached at all makes the exit code 1.
 */
const show = <T>(
  ctx: CliContext,
  portal: PortalSummary,
  result: Cached<T>,
  human: (rows: T[]) => string
): number => {
  ctx.print(result, () => human(result.rows))
  const stale = result.stale[portal.id]
  const at = result.syncedAt[portal.id] ?? null
  if (stale && at !== null) {
    ctx.warn(
      t('stale shown', {
        name: portal.name,
        age: cacheAge(Date.now() - at),
        at: showWhen(at),
        reason: stale.message
      })
    )
    return 0
  }
  if (stale) {
    ctx.warn(t('stale nothing cached', { name: portal.name, reason: stale.message }))
    return 1
  }
  if (at === null) {
    ctx.warn(t('nothing cached', { name: portal.name }))
    return 1
  }
  return 0
}

const scopeName = (scope: LandingScope): string => scope || t('default scope')

/**
 * The words a listing repeats on every row, translated once per table: at 10,000 rows, a lookup in
 * the message catalog per cell costs more than the rest of the table.
 */
const tableWords = () => {
  const yes = yesNo(true)
  const no = yesNo(false)
  const defaultScope = scopeName('')
  return {
    yesNo: (b: boolean) => (b ? yes : no),
    scopeName: (scope: LandingScope) => scope || defaultScope,
    siteNotLive: t('live site not'),
    edited: t('edited')
  }
}

export const catalogCommands: CliCommand[] = [
  {
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
  },
  {
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
  },
  {
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
  },
  {
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
]
