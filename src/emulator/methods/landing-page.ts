import { asRecord, truthy } from '../params.ts'
import type { Page } from '../state.ts'
import type { MethodContext, MethodTable } from './context.ts'
import {
  checkPublishingAllowed,
  checkSiteLimit,
  ctxScope,
  inTrashedFolder,
  isDenied,
  landingNotExist,
  pagePreviewUrl,
  pagePublicUrl,
  pageRow,
  project,
  publishPage,
  readSelect,
  requireParams,
  requireScalarInt,
  siteInScope,
  unpublishPage
} from './landing-common.ts'
import { filterSortSlice, landingFilterTerms } from './landing-list.ts'

/** Pages of knowledge bases, groups and the like need the matching `scope`, or they do not exist. */
function visiblePage(ctx: MethodContext): Page {
  requireParams(ctx.params, ['lid'])
  const id = requireScalarInt(ctx.params, 'lid')
  const page = ctx.env.data.pageById.get(id)
  const site = page ? ctx.env.data.siteById.get(page.siteId) : undefined
  if (
    !page ||
    !site ||
    page.deleted ||
    site.deleted ||
    !siteInScope(site, ctxScope(ctx), ctx.env) ||
    isDenied(ctx.env, 'pages', id)
  ) {
    throw landingNotExist()
  }
  return page
}

function getList(ctx: MethodContext) {
  const { env } = ctx
  const scope = ctxScope(ctx)
  const params = asRecord(ctx.params.params)
  const select = readSelect(params.select)
  const terms = landingFilterTerms(params.filter)
  const siteFiltered = terms.some((t) => t.field === 'SITE_ID')
  const getUrls = truthy(params.get_urls)
  const getPreview = truthy(params.get_preview)
  const checkArea = truthy(params.check_area)
  const rows: Record<string, unknown>[] = []
  // A read by ID skips the other pages before building rows, as a real portal's index does: building
  // all 20,000 rows of a large seed per read-back made the benchmark measure the emulator.
  const idTerm = terms.find((t) => t.field === 'ID' && (t.op === '=' || t.op === '@'))
  const wanted = idTerm
    ? new Set((Array.isArray(idTerm.value) ? idTerm.value : [idTerm.value]).map((v) => Number(v)))
    : null
  for (const p of env.data.pages) {
    if (wanted && !wanted.has(p.id)) continue
    const site = env.data.siteById.get(p.siteId)
    if (!site || site.deleted || !siteInScope(site, scope, env) || isDenied(env, 'pages', p.id)) continue
    // The trash is left out only of a list filtered by SITE_ID, and only the page's own folder counts.
    if ((siteFiltered || !env.conditions.trashInUnfilteredList) && inTrashedFolder(env, p)) continue
    rows.push(pageRow(env, p))
  }
  const out = filterSortSlice(rows, terms, params).map((row) => {
    const projected: Record<string, unknown> = select.includes('*')
      ? { ...row }
      : project(row, select, ['ID'])
    projected.DOMAIN_ID = row.DOMAIN_ID
    const page = env.data.pageById.get(Number(row.ID))
    if (page && getUrls) projected.PUBLIC_URL = pagePublicUrl(env, page)
    if (page && getPreview) projected.PREVIEW = pagePreviewUrl(env, page)
    if (checkArea) projected.IS_AREA = false
    return projected
  })
  return { result: out }
}

/**
 * `landing.landing.publication`: `true` when the page went live; `null` with no error when the
 * caller lacks the publication right, because `PublicAction\Landing::publication()` sets a result
 * only when `Landing::publication()` returns true (docs/bitrix24.md#publication-without-right, landing `lib/publicaction/landing.php`).
 */
function publication(ctx: MethodContext) {
  const { env } = ctx
  const page = visiblePage(ctx)
  const site = env.data.siteById.get(page.siteId)
  if (!site) throw landingNotExist()
  checkPublishingAllowed(env)
  checkSiteLimit(env, site)
  if (!publishPage(env, page, ctx.request)) return { result: null }
  return { result: true }
}

function unpublic(ctx: MethodContext) {
  unpublishPage(ctx.env, visiblePage(ctx))
  return { result: true }
}

export const landingPageMethods: MethodTable = {
  'landing.landing.getlist': { scope: 'landing', handle: getList },
  'landing.landing.publication': { scope: 'landing', handle: publication },
  'landing.landing.unpublic': { scope: 'landing', handle: unpublic },
  'landing.landing.getpreview': {
    scope: 'landing',
    handle: (ctx) => ({ result: pagePreviewUrl(ctx.env, visiblePage(ctx)) })
  },
  'landing.landing.getpublicurl': {
    scope: 'landing',
    handle: (ctx) => ({ result: pagePublicUrl(ctx.env, visiblePage(ctx)) })
  }
}
