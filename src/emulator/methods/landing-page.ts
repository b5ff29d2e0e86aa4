import { asRecord, truthy } from '../params.ts'
import type { Page } from '../state.ts'
import type { MethodContext, MethodTable } from './context.ts'
import {
  checkPageLimit,
  checkPublishingAllowed,
  checkSiteLimit,
  ctxScope,
  isDenied,
  landingNotExist,
  pagePreviewUrl,
  pagePublicUrl,
  pageRow,
  project,
  readSelect,
  requireParams,
  requireScalarInt,
  siteInScope
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
    !siteInScope(site, ctxScope(ctx)) ||
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
  for (const p of env.data.pages) {
    const site = env.data.siteById.get(p.siteId)
    if (!site || site.deleted || !siteInScope(site, scope) || isDenied(env, 'pages', p.id)) continue
    if (siteFiltered && p.folderId !== null && env.data.folderChain(p.folderId).some((f) => f.deleted))
      continue
    rows.push(pageRow(env, p))
  }
  const out = filterSortSlice(rows, terms, params).map((row) => {
    const projected: Record<string, unknown> = select.includes('*')
      ? { ...row }
      : project(row, select, ['ID'])
    if (select.includes('*') || !select.includes('PUBLIC')) delete projected.PUBLIC
    projected.DOMAIN_ID = row.DOMAIN_ID
    const page = env.data.pageById.get(Number(row.ID))
    if (page && getUrls) projected.PUBLIC_URL = pagePublicUrl(env, page)
    if (page && getPreview) projected.PREVIEW = pagePreviewUrl(env, page)
    if (checkArea) projected.IS_AREA = false
    return projected
  })
  return { result: out }
}

function publication(ctx: MethodContext) {
  const { env } = ctx
  const page = visiblePage(ctx)
  const site = env.data.siteById.get(page.siteId)
  if (!site) throw landingNotExist()
  checkPublishingAllowed(env)
  checkSiteLimit(env, site)
  checkPageLimit(env, page)
  const now = env.now()
  page.active = true
  page.published = true
  page.publishedAt = now
  page.modifiedAt = now
  for (const f of env.data.folderChain(page.folderId)) f.active = true
  site.active = true
  return { result: true }
}

function unpublic(ctx: MethodContext) {
  const page = visiblePage(ctx)
  page.active = false
  page.published = false
  page.modifiedAt = ctx.env.now()
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
