import { z } from 'zod'
import { portalIdSchema } from './portal'

/** Landing `scope` values; '' is the default scope (PAGE, STORE, SMN sites). */
export const landingScopeSchema = z.enum(['', 'KNOWLEDGE', 'GROUP', 'MAINPAGE'])
export type LandingScope = z.infer<typeof landingScopeSchema>

export type SiteType = 'PAGE' | 'STORE' | 'SMN' | 'KNOWLEDGE' | 'GROUP' | 'MAINPAGE'

/** One listing of the catalog: what a view shows, what a sync refreshes, what `catalog:updated` names. */
export type CatalogArea = 'sites' | 'pages' | 'folders' | 'documents'

export interface SiteRow {
  portalId: string
  id: number
  title: string
  type: SiteType
  scope: LandingScope
  code: string
  published: boolean
  publicUrl: string | null
  modifiedAt: string | null
  /** The portal's day/month order is not known, so `modifiedAt` may have them swapped. */
  modifiedAtAmbiguous?: boolean
}

export interface FolderRow {
  portalId: string
  siteId: number
  id: number
  parentId: number | null
  title: string
  published: boolean
  scope: LandingScope
}

export interface PageRow {
  portalId: string
  siteId: number
  folderId: number | null
  id: number
  title: string
  code: string
  published: boolean
  publicUrl: string | null
  modifiedAt: string | null
  /** The portal's day/month order is not known, so `modifiedAt` may have them swapped. */
  modifiedAtAmbiguous?: boolean
  scope: LandingScope
  /** Whether the page's site is active (a page is live only when both are); null when unknown. */
  siteActive: boolean | null
  /**
   * PUBLIC=N: edited since its publication; the live version stays and the edits wait until the page
   * is published again (a site publication publishes them too). Absent when not read.
   */
  edited?: boolean
}

export interface DocumentRow {
  portalId: string
  id: number
  title: string
  number: string
  entityTypeId: number | null
  entityId: number | null
  createdAt: string | null
  /** null when the link is off; undefined when not known yet (list rows carry no publicUrl). */
  publicUrl?: string | null
}

/** Every catalog answer says how old it is, so the dashboard can browse offline honestly. */
export interface Cached<T> {
  rows: T[]
  syncedAt: Record<string, number | null>
  /** Portals whose fresh fetch failed; their rows come from the last successful sync. */
  stale: Record<string, { code: string; message: string }>
}

export const catalogQuerySchema = z.object({
  portalIds: z.array(z.string().min(1).max(100)).max(500).optional(),
  /** Fetch from the portals first; otherwise answer from the local cache only. */
  refresh: z.boolean().default(false)
})

export const previewTargetSchema = z.object({
  portalId: z.string().min(1).max(100),
  kind: z.enum(['site', 'page']),
  id: z.number().int().positive(),
  scope: landingScopeSchema.default('')
})
/** A site or page whose preview or public URL is asked for, as the contract parsed it. */
export type PreviewTarget = z.infer<typeof previewTargetSchema>

/** A site of a portal (chosen for a snapshot, restore or maintenance window; opened in the window). */
export const siteRefSchema = z.object({ portalId: portalIdSchema, siteId: z.number().int().positive() })
export type SiteRef = z.infer<typeof siteRefSchema>
