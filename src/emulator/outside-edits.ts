// Changes made on a portal in Bitrix24's own editor, behind the app's back (issue 23's watch): publish, unpublish, retitle.
import { z } from 'zod'
import { BadInput } from './conditions.ts'
import type { PortalData } from './state.ts'
import type { OutsideEdit } from './types.ts'

/** The portal's administrator, whose edits in the editor these are (the webhook's user is 1 too). */
export const EDITOR_USER_ID = 1

export const outsideEditSchema = z.discriminatedUnion('action', [
  z
    .object({
      kind: z.enum(['site', 'page']),
      id: z.number().int().positive(),
      action: z.enum(['publish', 'unpublish'])
    })
    .strict(),
  z
    .object({
      kind: z.enum(['site', 'page']),
      id: z.number().int().positive(),
      action: z.literal('retitle'),
      title: z.string().min(1).max(255)
    })
    .strict()
])

/** The body of the control call `POST /portals/NAME/outside-edit`, checked; BadInput when it is wrong. */
export function parseOutsideEdit(body: unknown): OutsideEdit {
  const parsed = outsideEditSchema.safeParse(body)
  if (!parsed.success) {
    throw new BadInput(
      'outside-edit takes {"kind": "site"|"page", "id": N, "action": "publish"|"unpublish"} or {..., "action": "retitle", "title": "..."}'
    )
  }
  return parsed.data
}

/**
 * One change as the editor makes it. Every row the landing module updates gets DATE_MODIFY now
 * and MODIFIED_BY_ID of the editor (`LandingTable`/`SiteTable` set them on every update), which
 * is what a watch reading "modified since" finds:
 * - a page published: ACTIVE=Y, PUBLIC=Y (its edits go live), its folder chain and site active,
 *   as `Landing::publication()` does;
 * - a page unpublished: ACTIVE=N, PUBLIC=N (`Landing::unpublic()`);
 * - a site published or unpublished: the site, its folders and its pages, as `Site::publication()`
 *   and `Site::unpublic()` do; publication skips pages already live with nothing waiting, as the
 *   server's site publication does (docs/bitrix24.md#site-publication);
 * - a retitle: TITLE only (a page's title is a field of its row, not of its blocks, so it is live at
 *   once and leaves PUBLIC as it was: an assumption, not checked on a real portal).
 * Deleted objects and unknown ids are an error, as the editor does not open them.
 */
export function applyOutsideEdit(data: PortalData, portalName: string, now: number, edit: OutsideEdit): void {
  if (edit.kind === 'page') {
    const page = data.pageById.get(edit.id)
    if (!page || page.deleted) throw new BadInput(`No page with id ${edit.id} on portal ${portalName}`)
    if (edit.action === 'retitle') page.title = edit.title
    else if (edit.action === 'publish') publishPage(data, page.id, now)
    else {
      page.active = false
      page.public = false
    }
    page.modifiedAt = now
    page.modifiedById = EDITOR_USER_ID
    return
  }
  const site = data.siteById.get(edit.id)
  if (!site || site.deleted) throw new BadInput(`No site with id ${edit.id} on portal ${portalName}`)
  if (edit.action === 'retitle') {
    site.title = edit.title
  } else {
    const mark = edit.action === 'publish'
    for (const p of data.pagesBySite.get(site.id) ?? []) {
      if (p.deleted) continue
      if (mark && p.active && p.public) continue
      if (mark) publishPage(data, p.id, now)
      else {
        p.active = false
        p.public = false
        p.modifiedAt = now
        p.modifiedById = EDITOR_USER_ID
      }
    }
    for (const f of data.foldersBySite.get(site.id) ?? []) {
      if (f.deleted || f.active === mark) continue
      f.active = mark
      f.modifiedAt = now
      f.modifiedById = EDITOR_USER_ID
    }
    site.active = mark
  }
  site.modifiedAt = now
  site.modifiedById = EDITOR_USER_ID
}

function publishPage(data: PortalData, pageId: number, now: number): void {
  const page = data.pageById.get(pageId)
  if (!page) return
  page.active = true
  page.public = true
  page.publishedAt = now
  page.modifiedAt = now
  page.modifiedById = EDITOR_USER_ID
  for (const f of data.folderChain(page.folderId)) {
    if (f.active) continue
    f.active = true
    f.modifiedAt = now
    f.modifiedById = EDITOR_USER_ID
  }
  const site = data.siteById.get(page.siteId)
  if (site && !site.active) {
    site.active = true
    site.modifiedAt = now
    site.modifiedById = EDITOR_USER_ID
  }
}
