import { PortalData } from '../state.ts'
import type { DocgenDocument, Folder, Page, Site, SiteType } from '../state.ts'

/** Seeds are dated relative to a fixed moment so listings are identical run to run. */
export const SEED_EPOCH = Date.UTC(2024, 2, 1, 9, 0, 0)

export class SeedBuilder {
  readonly data = new PortalData()
  private nextSiteId = 1
  private nextFolderId = 1
  private nextPageId = 1
  private nextDocId = 1
  private tick = 0

  private stamp(): number {
    this.tick += 1
    return SEED_EPOCH + this.tick * 97_000
  }

  site(title: string, code: string, type: SiteType, active: boolean, extra: Partial<Site> = {}): Site {
    const t = this.stamp()
    return this.data.addSite({
      id: this.nextSiteId++,
      title,
      code,
      type,
      active,
      deleted: false,
      description: '',
      lang: /[а-яё]/i.test(title) ? 'ru' : 'en',
      domainId: 1,
      tplId: 0,
      indexPageId: null,
      createdById: 1,
      modifiedById: 1,
      createdAt: t,
      modifiedAt: t,
      ...extra
    })
  }

  folder(
    site: Site,
    title: string,
    code: string,
    parent: Folder | null,
    active: boolean,
    extra: Partial<Folder> = {}
  ): Folder {
    const t = this.stamp()
    return this.data.addFolder({
      id: this.nextFolderId++,
      siteId: site.id,
      parentId: parent ? parent.id : null,
      indexPageId: null,
      title,
      code,
      active,
      deleted: false,
      createdById: 1,
      modifiedById: 1,
      createdAt: t,
      modifiedAt: t,
      ...extra
    })
  }

  page(
    site: Site,
    title: string,
    code: string,
    folder: Folder | null,
    active: boolean,
    extra: Partial<Page> = {}
  ): Page {
    const t = this.stamp()
    const p = this.data.addPage({
      id: this.nextPageId++,
      siteId: site.id,
      folderId: folder ? folder.id : null,
      title,
      code,
      description: '',
      active,
      public: active,
      canPublish: true,
      deleted: false,
      hasPreview: true,
      tplId: 0,
      createdById: 1,
      modifiedById: 1,
      createdAt: t,
      modifiedAt: t,
      publishedAt: active ? t : null,
      ...extra
    })
    if (site.indexPageId === null && folder === null) site.indexPageId = p.id
    if (folder && folder.indexPageId === null) folder.indexPageId = p.id
    return p
  }

  document(
    fields: Omit<DocgenDocument, 'id' | 'createdAt' | 'updatedAt' | 'fileId' | 'imageId' | 'pdfId'>
  ): DocgenDocument {
    const t = this.stamp()
    const id = this.nextDocId++
    return this.data.addDocument({
      id,
      createdAt: t,
      updatedAt: t,
      fileId: 1000 + id * 3,
      imageId: 1001 + id * 3,
      pdfId: 1002 + id * 3,
      ...fields
    })
  }
}
