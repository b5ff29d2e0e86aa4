import { gunzipSync, gzipSync } from 'node:zlib'
import type { LandingScope } from '../../../shared/domain/catalog'
import type { PortalState } from './model'

/**
 * A portal's state stored as one gzip'd JSON blob of columns (one array per field) rather than one
 * row per object: 20,000 pages become a few arrays of small numbers and one of titles, which gzip
 * packs tightly, and a snapshot is one insert per portal instead of 20,000.
 */
const VERSION = 1
const SCOPES: readonly LandingScope[] = ['', 'KNOWLEDGE', 'GROUP', 'MAINPAGE']

interface Columns {
  v: number
  sites: { id: number[]; title: string[]; scope: number[]; live: number[] }
  folders: {
    id: number[]
    siteId: number[]
    parentId: number[]
    title: string[]
    scope: number[]
    live: number[]
  }
  pages: {
    id: number[]
    siteId: number[]
    folderId: number[]
    title: string[]
    scope: number[]
    live: number[]
    /** 1: edited since its publication; absent when no page was (and in snapshots written before it was recorded). */
    edited?: number[]
  }
  documents: { id: number[]; title: string[]; live: number[] } | null
}

const scopeIndex = (s: LandingScope): number => Math.max(0, SCOPES.indexOf(s))
const scopeAt = (i: number | undefined): LandingScope => SCOPES[i ?? 0] ?? ''
/** Ids ascend in listings, so storing the step from the previous id keeps the numbers small. */
const deltas = (ids: number[]): number[] => ids.map((id, i) => (i === 0 ? id : id - ids[i - 1]))
const undelta = (d: number[]): number[] => {
  const out: number[] = []
  let prev = 0
  for (const x of d) out.push((prev += x))
  return out
}

export const encodeState = (s: PortalState): Buffer => {
  const sites = [...s.sites].sort((a, b) => a.id - b.id)
  const folders = [...s.folders].sort((a, b) => a.id - b.id)
  const pages = [...s.pages].sort((a, b) => a.id - b.id)
  const docs = s.documents ? [...s.documents].sort((a, b) => a.id - b.id) : null
  const cols: Columns = {
    v: VERSION,
    sites: {
      id: deltas(sites.map((x) => x.id)),
      title: sites.map((x) => x.title),
      scope: sites.map((x) => scopeIndex(x.scope)),
      live: sites.map((x) => (x.live ? 1 : 0))
    },
    folders: {
      id: deltas(folders.map((x) => x.id)),
      siteId: folders.map((x) => x.siteId),
      parentId: folders.map((x) => x.parentId ?? 0),
      title: folders.map((x) => x.title),
      scope: folders.map((x) => scopeIndex(x.scope)),
      live: folders.map((x) => (x.live ? 1 : 0))
    },
    pages: {
      id: deltas(pages.map((x) => x.id)),
      siteId: pages.map((x) => x.siteId),
      folderId: pages.map((x) => x.folderId ?? 0),
      title: pages.map((x) => x.title),
      scope: pages.map((x) => scopeIndex(x.scope)),
      live: pages.map((x) => (x.live ? 1 : 0)),
      ...(pages.some((x) => x.edited) ? { edited: pages.map((x) => (x.edited ? 1 : 0)) } : {})
    },
    documents: docs
      ? {
          id: deltas(docs.map((x) => x.id)),
          title: docs.map((x) => x.title),
          live: docs.map((x) => (x.live ? 1 : 0))
        }
      : null
  }
  return gzipSync(JSON.stringify(cols), { level: 9 })
}

export const decodeState = (portalId: string, blob: Uint8Array): PortalState => {
  const cols = JSON.parse(gunzipSync(blob).toString('utf8')) as Columns
  if (cols.v !== VERSION) throw new Error(`snapshot data of version ${String(cols.v)} cannot be read`)
  const siteIds = undelta(cols.sites.id)
  const folderIds = undelta(cols.folders.id)
  const pageIds = undelta(cols.pages.id)
  return {
    portalId,
    sites: siteIds.map((id, i) => ({
      id,
      title: cols.sites.title[i] ?? '',
      scope: scopeAt(cols.sites.scope[i]),
      live: cols.sites.live[i] === 1
    })),
    folders: folderIds.map((id, i) => ({
      id,
      siteId: cols.folders.siteId[i],
      parentId: cols.folders.parentId[i] || null,
      title: cols.folders.title[i] ?? '',
      scope: scopeAt(cols.folders.scope[i]),
      live: cols.folders.live[i] === 1
    })),
    pages: pageIds.map((id, i) => ({
      id,
      siteId: cols.pages.siteId[i],
      folderId: cols.pages.folderId[i] || null,
      title: cols.pages.title[i] ?? '',
      scope: scopeAt(cols.pages.scope[i]),
      live: cols.pages.live[i] === 1,
      ...(cols.pages.edited?.[i] === 1 ? { edited: true } : {})
    })),
    documents: cols.documents
      ? undelta(cols.documents.id).map((id, i) => ({
          id,
          title: cols.documents?.title[i] ?? '',
          live: cols.documents?.live[i] === 1
        }))
      : null
  }
}
