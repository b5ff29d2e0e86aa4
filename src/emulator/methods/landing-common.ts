import { RestError, landingDate } from '../envelope.ts'
import type { ParamValue, Params } from '../params.ts'
import { intParam } from '../params.ts'
import type { Folder, Page, Site, SiteType } from '../state.ts'
import type { MethodContext, PortalEnv, RequestCaches } from './context.ts'
import { NOPREVIEW_PATH } from './context.ts'

export const landingError = (code: string, description: string) => new RestError(400, code, description)

export const accessDenied = () => landingError('ACCESS_DENIED', 'Access denied')
export const landingNotExist = () => landingError('LANDING_NOT_EXIST', 'Landing not found')

/** Landing matches top-level parameters to PHP arguments by name; the missing ones are listed together. */
export function requireParams(params: Params, names: string[]): void {
  const missing = names.filter((n) => params[n] === undefined || params[n] === null || params[n] === '')
  if (missing.length > 0) {
    throw landingError('MISSING_PARAMS', `Not enough parameters for the call, missing: ${missing.join(', ')}`)
  }
}

export function requireScalarInt(params: Params, name: string): number {
  const v = params[name]
  if (typeof v === 'object' && v !== null) {
    throw landingError('TYPE_ERROR', `Invalid type of the argument "${name}"`)
  }
  return intParam(v) ?? 0
}

/** The internal landing scope (not the REST scope); empty means the standard scope. */
export function landingScope(params: Params): string {
  const s = params.scope
  return typeof s === 'string' ? s.trim().toUpperCase() : ''
}

export function typesForScope(scope: string): SiteType[] {
  if (scope === 'KNOWLEDGE') return ['KNOWLEDGE']
  if (scope === 'GROUP') return ['GROUP']
  if (scope === 'MAINPAGE') return ['MAINPAGE']
  return ['PAGE', 'STORE', 'SMN']
}

export function siteInScope(site: Site, scope: string, env: PortalEnv): boolean {
  if (site.type === 'MAINPAGE' && !env.conditions.mainPageSites) return false
  return typesForScope(scope).includes(site.type)
}

export function isDenied(
  env: PortalEnv,
  kind: 'sites' | 'pages' | 'folders' | 'documents',
  id: number
): boolean {
  const list = env.conditions.deniedObjects[kind]
  return list !== undefined && list.includes(id)
}

/** Publication gates that do not depend on the object: confirmations and the paid-only switch. */
export function checkPublishingAllowed(env: PortalEnv): void {
  if (env.conditions.phoneNotConfirmed)
    throw landingError('PHONE_NOT_CONFIRMED', 'To publish, confirm your phone number.')
  if (env.conditions.emailNotConfirmed)
    throw landingError('EMAIL_NOT_CONFIRMED', 'To publish, confirm your email address.')
  if (env.conditions.publishingOnlyPaid) {
    throw landingError(
      'PUBLIC_SITE_REACHED_FREE',
      'Publishing sites is currently available on commercial plans only.'
    )
  }
}

export function checkSiteLimit(env: PortalEnv, site: Site): void {
  const limit = env.conditions.publicSiteLimit
  if (limit !== undefined && !site.active && env.data.countActiveSites() + 1 > limit) {
    throw landingError('PUBLIC_SITE_REACHED', `Your plan allows no more than ${limit} published sites.`)
  }
}

export function checkPageLimit(env: PortalEnv, page: Page, adding = 1): void {
  const limit = env.conditions.publicPageLimit
  if (limit !== undefined && !page.active && env.data.countActivePages() + adding > limit) {
    throw landingError('PUBLIC_PAGE_REACHED', `Your plan allows no more than ${limit} published pages.`)
  }
}

const yn = (b: boolean) => (b ? 'Y' : 'N')
const idStr = (n: number | null) => (n === null ? null : String(n))

export function siteHost(site: Site): string {
  return `${site.code}.bitrix24site.emu`
}

export function sitePublicUrl(env: PortalEnv, site: Site): string {
  if (site.type === 'KNOWLEDGE') return `${env.baseUrl}/knowledge/${site.code}`
  if (site.type === 'GROUP') return `${env.baseUrl}/knowledge/group/${site.code}`
  return `https://${siteHost(site)}`
}

export function pagePublicUrl(env: PortalEnv, page: Page): string {
  const site = env.data.siteById.get(page.siteId)
  if (!site) return ''
  const folders = env.data.folderChain(page.folderId).reverse()
  let path = folders.map((f) => `${f.code}/`).join('')
  const isIndex =
    site.indexPageId === page.id ||
    (page.folderId !== null && env.data.folderById.get(page.folderId)?.indexPageId === page.id)
  if (!isIndex) path += `${page.code}/`
  return `${sitePublicUrl(env, site)}/${path}`
}

export function pagePreviewUrl(env: PortalEnv, page: Page | undefined): string {
  return page && page.hasPreview && !page.deleted ? env.previewUrl(page.id) : NOPREVIEW_PATH
}

/** A landing date in the portal's zone and regional format (docs/bitrix24.md#dates). */
function dateOf(env: PortalEnv, ms: number): string {
  return landingDate(ms, env.utcOffsetMinutes, env.conditions.dateFormat)
}

export function siteRow(env: PortalEnv, s: Site): Record<string, string | null> {
  return {
    ID: String(s.id),
    CODE: `/${s.code}/`,
    ACTIVE: yn(s.active),
    DELETED: yn(s.deleted),
    TITLE: s.title,
    XML_ID: null,
    DESCRIPTION: s.description,
    TYPE: s.type,
    TPL_ID: String(s.tplId),
    DOMAIN_ID: String(s.domainId),
    LANG: s.lang,
    LANDING_ID_INDEX: idStr(s.indexPageId),
    LANDING_ID_404: null,
    LANDING_ID_503: null,
    CREATED_BY_ID: String(s.createdById),
    MODIFIED_BY_ID: String(s.modifiedById),
    DATE_CREATE: dateOf(env, s.createdAt),
    DATE_MODIFY: dateOf(env, s.modifiedAt)
  }
}

export function folderRow(env: PortalEnv, f: Folder): Record<string, string | null> {
  return {
    ID: String(f.id),
    PARENT_ID: idStr(f.parentId),
    SITE_ID: String(f.siteId),
    INDEX_ID: idStr(f.indexPageId),
    ACTIVE: yn(f.active),
    DELETED: yn(f.deleted),
    TITLE: f.title,
    CODE: f.code,
    CREATED_BY_ID: String(f.createdById),
    MODIFIED_BY_ID: String(f.modifiedById),
    DATE_CREATE: dateOf(env, f.createdAt),
    DATE_MODIFY: dateOf(env, f.modifiedAt)
  }
}

export function pageRow(env: PortalEnv, p: Page): Record<string, string | null> {
  const site = env.data.siteById.get(p.siteId)
  return {
    ID: String(p.id),
    CODE: p.code,
    RULE: null,
    ACTIVE: yn(p.active),
    DELETED: yn(p.deleted),
    PUBLIC: yn(p.public),
    TITLE: p.title,
    XML_ID: null,
    DESCRIPTION: p.description,
    TPL_ID: String(p.tplId),
    SITE_ID: String(p.siteId),
    SITEMAP: 'N',
    FOLDER: 'N',
    FOLDER_ID: idStr(p.folderId),
    CREATED_BY_ID: String(p.createdById),
    MODIFIED_BY_ID: String(p.modifiedById),
    DATE_CREATE: dateOf(env, p.createdAt),
    DATE_MODIFY: dateOf(env, p.modifiedAt),
    DATE_PUBLIC: p.publishedAt === null ? null : dateOf(env, p.publishedAt),
    DOMAIN_ID: site ? String(site.domainId) : '0'
  }
}

/** `select` as landing reads it: default ['*'], names with a dot ignored. */
export function readSelect(v: ParamValue | undefined): string[] {
  if (!Array.isArray(v) || v.length === 0) return ['*']
  return v.map((x) => String(x).toUpperCase()).filter((x) => !x.includes('.'))
}

export function project(
  row: Record<string, unknown>,
  select: string[],
  always: string[]
): Record<string, unknown> {
  if (select.includes('*')) return row
  const out: Record<string, unknown> = {}
  for (const f of [...always, ...select]) if (f in row) out[f] = row[f]
  return out
}

/** The landing scope the command runs in: its own `scope`, or one left by an earlier batch command (docs/bitrix24.md#sticky-scope). */
export function ctxScope(ctx: MethodContext): string {
  return ctx.landingScope
}

/** The page lies in a deleted folder, or under one: a site's publication walk skips it. */
export function inDeletedFolder(env: PortalEnv, page: Page): boolean {
  return page.folderId !== null && env.data.folderChain(page.folderId).some((f) => f.deleted)
}

/**
 * The page's own folder is in the trash: what `landing.landing.getList` checks when filtered by
 * `SITE_ID` (`'!FOLDER_ID' => Folder::getFolderIdsForSite($siteId, ['=DELETED' => 'Y'])`), not the
 * folders above it.
 */
export function inTrashedFolder(env: PortalEnv, page: Page): boolean {
  return page.folderId !== null && env.data.folderById.get(page.folderId)?.deleted === true
}

/** `Folder::getBreadCrumbs`' cache: the site's folder states as first read in this request. */
export function cachedFolderStates(
  env: PortalEnv,
  request: RequestCaches,
  siteId: number
): Map<number, boolean> {
  let states = request.folders.get(siteId)
  if (!states) {
    states = new Map((env.data.foldersBySite.get(siteId) ?? []).map((f) => [f.id, f.active]))
    request.folders.set(siteId, states)
  }
  return states
}

/**
 * `Landing::publication()` of one page once it was found (`Mutator::landingPublication`). Without
 * the publication right: false with no error and nothing changed (docs/bitrix24.md#publication-without-right), or, under
 * `publicationWithoutRight: 'access-denied'`, the edits are published and `ACCESS_DENIED` follows
 * (`LandingTable::prepareChange` refuses ACTIVE). Otherwise the page goes live with its edits
 * (ACTIVE=Y, PUBLIC=Y), its folder chain is activated and its site becomes active, once per request
 * when the request caches are on (the Mutator's static list). Plan limits are checked here, so a
 * site's page walk can stop on them.
 */
export function publishPage(env: PortalEnv, page: Page, request: RequestCaches): boolean {
  const now = env.now()
  if (!page.canPublish) {
    if (env.conditions.publicationWithoutRight === 'empty') return false
    page.public = true
    page.modifiedAt = now
    throw accessDenied()
  }
  checkPageLimit(env, page)
  const caching = env.conditions.requestCaches
  if (caching) cachedFolderStates(env, request, page.siteId)
  page.active = true
  page.public = true
  page.publishedAt = now
  page.modifiedAt = now
  for (const f of env.data.folderChain(page.folderId)) {
    if (!f.active) {
      f.active = true
      f.modifiedAt = now
    }
  }
  const site = env.data.siteById.get(page.siteId)
  if (!site) return true
  if (caching && request.activatedSites.has(site.id)) return true
  if (caching) request.activatedSites.add(site.id)
  if (!site.active) {
    site.active = true
    site.modifiedAt = now
  }
  return true
}
/** `Landing::unpublic()`: the page goes offline and its published version is no longer current. */
export function unpublishPage(env: PortalEnv, page: Page): void {
  page.active = false
  page.public = false
  page.modifiedAt = env.now()
}
