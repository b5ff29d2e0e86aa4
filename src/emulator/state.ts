import type { LandingScope, PortalStateSnapshot } from './types.ts'

export type SiteType = 'PAGE' | 'STORE' | 'SMN' | 'KNOWLEDGE' | 'GROUP' | 'MAINPAGE'

export interface Site {
  id: number
  title: string
  /** Bare code; the API shows it as `/code/`. */
  code: string
  type: SiteType
  active: boolean
  deleted: boolean
  description: string
  lang: string
  domainId: number
  tplId: number
  indexPageId: number | null
  createdById: number
  modifiedById: number
  createdAt: number
  modifiedAt: number
}

export interface Folder {
  id: number
  siteId: number
  parentId: number | null
  indexPageId: number | null
  title: string
  code: string
  active: boolean
  deleted: boolean
  createdById: number
  modifiedById: number
  createdAt: number
  modifiedAt: number
}

export interface Page {
  id: number
  siteId: number
  folderId: number | null
  title: string
  code: string
  description: string
  active: boolean
  /**
   * PUBLIC=Y: the published version is the current one (no unpublished edits). Publication sets it,
   * unpublication and edits clear it; it is not the live flag, `active` is (docs/bitrix24.md#smaller-differences). Site
   * (un)publication on the server skips pages that are ACTIVE=Y and PUBLIC=Y (docs/bitrix24.md#site-publication).
   */
  public: boolean
  /**
   * The webhook's user holds the publication right. Without it `Landing::publication()` returns
   * false with no error, so `landing.landing.publication` answers `result: null` (docs/bitrix24.md#publication-without-right).
   */
  canPublish: boolean
  deleted: boolean
  hasPreview: boolean
  tplId: number
  createdById: number
  modifiedById: number
  createdAt: number
  modifiedAt: number
  publishedAt: number | null
}

export interface DocgenDocument {
  id: number
  title: string
  number: string
  templateId: number
  entityTypeId: number
  entityId: number
  createdBy: number
  updatedBy: number | null
  createdAt: number
  updatedAt: number
  fileId: number
  imageId: number | null
  pdfId: number | null
  stampsEnabled: boolean
  /** Short code of the public link (`/~code`) when public links are on. */
  publicCode: string | null
  values: Record<string, string>
  products: { currencyId: string; totalSum: number; totalRows: number }
}

/** The portal's data: plain arrays (ordered by id) plus maps by id. */
export class PortalData {
  sites: Site[] = []
  folders: Folder[] = []
  pages: Page[] = []
  documents: DocgenDocument[] = []
  siteById = new Map<number, Site>()
  folderById = new Map<number, Folder>()
  pageById = new Map<number, Page>()
  documentById = new Map<number, DocgenDocument>()
  pagesBySite = new Map<number, Page[]>()
  foldersBySite = new Map<number, Folder[]>()

  addSite(s: Site): Site {
    this.sites.push(s)
    this.siteById.set(s.id, s)
    return s
  }

  addFolder(f: Folder): Folder {
    this.folders.push(f)
    this.folderById.set(f.id, f)
    const list = this.foldersBySite.get(f.siteId)
    if (list) list.push(f)
    else this.foldersBySite.set(f.siteId, [f])
    return f
  }

  addPage(p: Page): Page {
    this.pages.push(p)
    this.pageById.set(p.id, p)
    const list = this.pagesBySite.get(p.siteId)
    if (list) list.push(p)
    else this.pagesBySite.set(p.siteId, [p])
    return p
  }

  addDocument(d: DocgenDocument): DocgenDocument {
    this.documents.push(d)
    this.documentById.set(d.id, d)
    return d
  }

  /** The folder and its parents, nearest first; stops on a cycle. */
  folderChain(folderId: number | null): Folder[] {
    const chain: Folder[] = []
    const seen = new Set<number>()
    let id = folderId
    while (id !== null && !seen.has(id)) {
      seen.add(id)
      const f = this.folderById.get(id)
      if (!f) break
      chain.push(f)
      id = f.parentId
    }
    return chain
  }

  countActiveSites(): number {
    let n = 0
    for (const s of this.sites) if (s.active && !s.deleted) n++
    return n
  }

  countActivePages(): number {
    let n = 0
    for (const p of this.pages) if (p.active && !p.deleted) n++
    return n
  }

  /** The landing scope a site's objects are reached with; '' when the site is unknown. */
  scopeOfSite(siteId: number): LandingScope {
    const type = this.siteById.get(siteId)?.type
    return type === 'KNOWLEDGE' || type === 'GROUP' || type === 'MAINPAGE' ? type : ''
  }

  /** Plain copies of the true state, for tests to compare with what a client believes. */
  snapshot(publicDocUrl: (code: string) => string): PortalStateSnapshot {
    return {
      sites: this.sites.map((s) => ({
        id: s.id,
        title: s.title,
        code: s.code,
        type: s.type,
        scope: this.scopeOfSite(s.id),
        active: s.active,
        deleted: s.deleted
      })),
      folders: this.folders.map((f) => ({
        id: f.id,
        siteId: f.siteId,
        scope: this.scopeOfSite(f.siteId),
        parentId: f.parentId,
        title: f.title,
        code: f.code,
        active: f.active,
        deleted: f.deleted
      })),
      pages: this.pages.map((p) => ({
        id: p.id,
        siteId: p.siteId,
        scope: this.scopeOfSite(p.siteId),
        folderId: p.folderId,
        title: p.title,
        code: p.code,
        active: p.active,
        public: p.public,
        published: p.public,
        canPublish: p.canPublish,
        deleted: p.deleted
      })),
      documents: this.documents.map((d) => ({
        id: d.id,
        title: d.title,
        number: d.number,
        entityTypeId: d.entityTypeId,
        entityId: d.entityId,
        publicUrl: d.publicCode ? publicDocUrl(d.publicCode) : null
      }))
    }
  }
}
