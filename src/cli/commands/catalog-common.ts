/** What the catalog listings (sites, pages, folders, docs) share: options, the portal's clock, the table or JSON they print. */
import type { Cached, LandingScope } from '../../../src/shared/domain/catalog'
import { landingScopeSchema } from '../../../src/shared/domain/catalog'
import type { PortalSummary } from '../../../src/shared/domain/portal'
import { stringFlag, UsageError, type ParsedArgs } from '../args'
import type { CliContext } from '../command'
import { yesNo } from '../i18n'
import { offsetText, showWhen } from '../when'
import { catalogText as t } from './catalog.messages'

export const common = { portal: 'string', offline: 'boolean' } as const

/** The options behind the listing queries' fields, to name them when the contract refuses one. */
export const listingOptions = { portalIds: '--portal', siteId: '--site', scopes: '--scope' }

export const scopeOf = (args: ParsedArgs): LandingScope | undefined => {
  const v = stringFlag(args, 'scope')
  if (v === undefined) return undefined
  const parsed = landingScopeSchema.safeParse(v.toLowerCase() === 'default' ? '' : v.toUpperCase())
  if (!parsed.success) throw new UsageError(t('bad scope'))
  return parsed.data
}

export const WALL_CLOCK = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?$/

/**
 * For --json: a landing date is the portal's local time without an offset; it gets the portal's own
 * (from server.time). Left as stored with --offline, or when the portal cannot tell.
 */
export const withPortalOffset = async <T extends { modifiedAt: string | null }>(
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
export const show = <T>(
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

export const scopeName = (scope: LandingScope): string => scope || t('default scope')

/**
 * The words a listing repeats on every row, translated once per table: at 10,000 rows, a lookup in
 * the message catalog per cell costs more than the rest of the table.
 */
export const tableWords = () => {
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
