// What a test does to an emulated portal's data behind the app's back (rights, edits, trashed folders), and the true state it reads.
import { BadInput } from './conditions.ts'
import type { PortalEnv } from './methods/context.ts'
import { documentPublicUrl } from './methods/docgen.ts'
import type { PortalData } from './state.ts'
import type { PortalStateSnapshot } from './types.ts'

const requirePages = (data: PortalData, portalName: string, pageIds: number[]): void => {
  const unknown = pageIds.filter((id) => !data.pageById.has(id))
  if (unknown.length > 0) throw new BadInput(`No page with id ${unknown.join(', ')} on portal ${portalName}`)
}

export function setPublicationRight(
  data: PortalData,
  portalName: string,
  pageIds: number[],
  allowed: boolean
): void {
  requirePages(data, portalName, pageIds)
  for (const id of pageIds) {
    const page = data.pageById.get(id)
    if (page) page.canPublish = allowed
  }
}

/** Pages edited in Bitrix24: unpublished changes, modified now. */
export function markEdited(data: PortalData, portalName: string, now: () => number, pageIds: number[]): void {
  requirePages(data, portalName, pageIds)
  for (const id of pageIds) {
    const page = data.pageById.get(id)
    if (!page) continue
    page.public = false
    page.modifiedAt = now()
  }
}

export function trashFolders(
  data: PortalData,
  portalName: string,
  now: () => number,
  folderIds: number[]
): void {
  const unknown = folderIds.filter((id) => !data.folderById.has(id))
  if (unknown.length > 0)
    throw new BadInput(`No folder with id ${unknown.join(', ')} on portal ${portalName}`)
  for (const id of folderIds) {
    const folder = data.folderById.get(id)
    if (!folder) continue
    folder.deleted = true
    folder.modifiedAt = now()
  }
}

/** The true state; main-page sites only while the portal has them (`mainPageSites`). */
export function trueState(env: PortalEnv): PortalStateSnapshot {
  const all = env.data.snapshot((code) => documentPublicUrl(env, code))
  if (env.conditions.mainPageSites) return all
  const main = (x: { scope: string }) => x.scope === 'MAINPAGE'
  return {
    ...all,
    sites: all.sites.filter((x) => !main(x)),
    folders: all.folders.filter((x) => !main(x)),
    pages: all.pages.filter((x) => !main(x))
  }
}
