import type { Params } from '../params.ts'
import { asRecord, intParam, truthy } from '../params.ts'
import type { Page, Site } from '../state.ts'
import type { MethodContext, MethodTable, PortalEnv } from './context.ts'
import {
  accessDenied,
  cachedFolderStates,
  checkPageLimit,
  checkPublishingAllowed,
  checkSiteLimit,
  ctxScope,
  folderRow,
  inDeletedFolder,
  isDenied,
  landingError,
  pagePreviewUrl,
  project,
  publishPage,
  readSelect,
  requireParams,
  requireScalarInt,
  siteInScope,
  sitePublicUrl,
  siteRow,
  typesForScope,
  unpublishPage
} from './landing-common.ts'
import { filterSortSlice, landingFilterTerms } from './landing-list.ts'

function visibleSite(env: PortalEnv, id: number, scope: string): Site | undefined {
  const site = env.data.siteById.get(id)
  if (!site || site.deleted || !siteInScope(site, scope, env) || isDenied(env, 'sites', id)) return undefined
  return site
}

function getList(ctx: MethodContext) {
  const { env } = ctx
  const scope = ctxScope(ctx)
  const params = asRecord(ctx.params.params)
  const select = readSelect(params.select)
  const allowed = typesForScope(scope)
  const terms = landingFilterTerms(params.filter).map((t) => {
    if (t.field !== 'TYPE') return t
    // A TYPE outside the scope, or given as an array, is replaced by the scope's list; STORE widens to SMN.
    if (typeof t.value === 'string' && allowed.includes(t.value.toUpperCase() as Site['type'])) {
      const v = t.value.toUpperCase()
      return { ...t, value: v === 'STORE' ? ['STORE', 'SMN'] : v }
    }
    return { ...t, op: '=' as const, value: allowed }
  })
  // A user who may not view sites gets an empty list, not an error (docs `landing-site-get-list.md`).
  if (!env.conditions.siteViewRight) return { result: [] }
  const rows = env.data.sites
    .filter((s) => siteInScope(s, scope, env) && allowed.includes(s.type) && !isDenied(env, 'sites', s.id))
    .map((s) => {
      const row: Record<string, unknown> = siteRow(env, s)
      if (select.includes('PUBLIC_URL')) row.PUBLIC_URL = s.deleted ? '' : sitePublicUrl(env, s)
      if (select.includes('DOMAIN_NAME')) row.DOMAIN_NAME = new URL(sitePublicUrl(env, s)).host
      if (select.includes('PREVIEW_PICTURE')) {
        row.PREVIEW_PICTURE =
          s.indexPageId === null ? '' : pagePreviewUrl(env, env.data.pageById.get(s.indexPageId))
      }
      if (select.includes('PHONE')) row.PHONE = null
      return row
    })
  const selected = select.includes('PREVIEW_PICTURE') ? [...select, 'LANDING_ID_INDEX'] : select
  return { result: filterSortSlice(rows, terms, params).map((r) => project(r, selected, ['ID', 'TYPE'])) }
}

/**
 * `landing.site.publication` / `unpublic`: the site id (an integer) on success. Not atomic: the
 * pages are walked one by one and the first page that fails stops the walk with that page's error,
 * pages before it staying published (docs/bitrix24.md#landing-methods, #site-publication). Which pages the walk touches depends
 * on `sitePublication` / `siteUnpublication`:
 * - 'server', as the landing module's `Site::publication()` (`lib/site.php`) does: every page
 *   outside deleted folders except those already ACTIVE=Y and PUBLIC=Y gets `Landing::publication()`
 *   (inactive pages included) or `Landing::unpublic()`; so after an unpublication the fully
 *   published pages still read ACTIVE=Y under an inactive site. A page whose publication returns
 *   false without an error (no publication right, docs/bitrix24.md#publication-without-right) is passed over and stays unpublished.
 * - 'docs', as `landing-site-publication.md` / `landing-site-unpublic.md` describe it: publication
 *   leaves ACTIVE=N pages unpublished; unpublication takes every page offline.
 * Either way non-deleted folders follow the site, and the site's ACTIVE flips last.
 */
function setSiteActive(ctx: MethodContext, mark: boolean) {
  const { env } = ctx
  requireParams(ctx.params, ['id'])
  const id = requireScalarInt(ctx.params, 'id')
  const site = visibleSite(env, id, ctxScope(ctx))
  if (!site) {
    throw mark ? landingError('ACCESS_DENIED', 'Publishing the site is not allowed.') : accessDenied()
  }
  const now = env.now()
  const pages = (env.data.pagesBySite.get(site.id) ?? []).filter(
    (p) => !p.deleted && !inDeletedFolder(env, p)
  )
  const folders = (env.data.foldersBySite.get(site.id) ?? []).filter((f) => !f.deleted)
  const variant = mark ? env.conditions.sitePublication : env.conditions.siteUnpublication
  if (mark) {
    checkPublishingAllowed(env)
    checkSiteLimit(env, site)
    if (env.conditions.sitePublicationFailure === 'atomic') checkWholeWalk(ctx, pages, variant)
  }
  for (const p of pages) {
    const fullyPublished = p.active && p.public
    if (variant === 'server' && fullyPublished) continue
    if (!mark) {
      unpublishPage(env, p)
      continue
    }
    if (variant === 'docs' && (!p.active || fullyPublished)) continue
    if (isDenied(env, 'pages', p.id)) throw landingError('LANDING_NOT_EXIST', 'Landing not found')
    publishPage(env, p, ctx.request)
  }
  for (const f of folders) {
    if (f.active !== mark) {
      f.active = mark
      f.modifiedAt = now
    }
  }
  site.active = mark
  site.modifiedAt = now
  return { result: site.id }
}

/**
 * `sitePublicationFailure: 'atomic'`: every check the walk would meet, before anything changes, so
 * a failing site publication leaves the portal as it was.
 */
function checkWholeWalk(ctx: MethodContext, pages: Page[], variant: 'server' | 'docs'): void {
  const { env } = ctx
  const walked = pages.filter((p) => !(p.active && p.public) && !(variant === 'docs' && !p.active))
  for (const p of walked) {
    if (isDenied(env, 'pages', p.id)) throw landingError('LANDING_NOT_EXIST', 'Landing not found')
    if (!p.canPublish && env.conditions.publicationWithoutRight === 'access-denied') throw accessDenied()
  }
  const rising = walked.filter((p) => !p.active && p.canPublish)
  if (rising.length > 0) checkPageLimit(env, rising[0], rising.length)
}

function getPreview(ctx: MethodContext) {
  requireParams(ctx.params, ['id'])
  const site = visibleSite(ctx.env, requireScalarInt(ctx.params, 'id'), ctxScope(ctx))
  if (!site) throw accessDenied()
  const index = site.indexPageId === null ? undefined : ctx.env.data.pageById.get(site.indexPageId)
  return { result: pagePreviewUrl(ctx.env, index) }
}

function getPublicUrl(ctx: MethodContext) {
  requireParams(ctx.params, ['id'])
  const scope = ctxScope(ctx)
  const raw = ctx.params.id
  if (Array.isArray(raw) || (typeof raw === 'object' && raw !== null)) {
    const out: Record<string, string> = {}
    for (const v of Object.values(raw)) {
      const id = intParam(v) ?? 0
      const site = visibleSite(ctx.env, id, scope)
      if (site) out[String(id)] = sitePublicUrl(ctx.env, site)
    }
    return { result: Object.keys(out).length > 0 ? out : [] }
  }
  const site = visibleSite(ctx.env, intParam(raw) ?? 0, scope)
  return { result: site ? sitePublicUrl(ctx.env, site) : '' }
}

function getFolders(ctx: MethodContext) {
  const { env } = ctx
  requireParams(ctx.params, ['siteId'])
  const site = visibleSite(env, requireScalarInt(ctx.params, 'siteId'), ctxScope(ctx))
  if (!site) return { result: [] }
  const filter = { ...asRecord(ctx.params.filter) }
  for (const key of Object.keys(filter)) {
    const v = filter[key]
    if (/^[=!]?PARENT_ID$/i.test(key) && (v === false || v === 0 || v === '0' || v === '')) filter[key] = null
  }
  const rows = (env.data.foldersBySite.get(site.id) ?? [])
    .filter((f) => !isDenied(env, 'folders', f.id))
    .map((f) => folderRow(env, f))
  return { result: filterSortSlice(rows, landingFilterTerms(filter), {}) }
}

/**
 * `landing.site.publicationFolder` (mark true or false) and `unPublicFolder`: the folder and its
 * whole parent chain change together, both ways (docs/bitrix24.md#landing-methods, #folder-chain; `Site::publicationFolder`).
 * A deleted or denied folder anywhere in the chain gives ACCESS_DENIED and changes nothing.
 */
function setFolderActive(ctx: MethodContext, params: Params, mark: boolean) {
  const { env } = ctx
  requireParams(params, ['folderId'])
  const folderId = requireScalarInt(params, 'folderId')
  const folder = env.data.folderById.get(folderId)
  const site = folder ? visibleSite(env, folder.siteId, ctxScope(ctx)) : undefined
  if (!folder || !site || folder.deleted || isDenied(env, 'folders', folderId)) throw accessDenied()
  const chain = env.data.folderChain(folderId)
  if (chain.some((f) => f.deleted || isDenied(env, 'folders', f.id))) throw accessDenied()
  if (mark) checkPublishingAllowed(env)
  const now = env.now()
  // `if ($folder['ACTIVE'] === $char) continue;` on the states `getBreadCrumbs` cached for this request.
  const states = env.conditions.requestCaches ? cachedFolderStates(env, ctx.request, site.id) : null
  for (const f of chain) {
    if ((states?.get(f.id) ?? f.active) === mark) continue
    f.active = mark
    f.modifiedAt = now
  }
  return { result: true }
}

export const landingSiteMethods: MethodTable = {
  'landing.site.getlist': { scope: 'landing', handle: getList },
  'landing.site.publication': { scope: 'landing', handle: (ctx) => setSiteActive(ctx, true) },
  'landing.site.unpublic': { scope: 'landing', handle: (ctx) => setSiteActive(ctx, false) },
  'landing.site.getpreview': { scope: 'landing', handle: getPreview },
  'landing.site.getpublicurl': { scope: 'landing', handle: getPublicUrl },
  'landing.site.getfolders': { scope: 'landing', handle: getFolders },
  'landing.site.publicationfolder': {
    scope: 'landing',
    handle: (ctx) =>
      setFolderActive(ctx, ctx.params, ctx.params.mark === undefined ? true : truthy(ctx.params.mark))
  },
  'landing.site.unpublicfolder': {
    scope: 'landing',
    handle: (ctx) => setFolderActive(ctx, ctx.params, false)
  }
}
