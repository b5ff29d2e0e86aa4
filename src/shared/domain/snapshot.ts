import { z } from 'zod'
import { siteRefSchema, type LandingScope } from './catalog'
import type { Intent } from './outbox'
import { portalIdSchema } from './portal'

/**
 * A start time as a person gives it: ISO 8601 with an offset (`2025-03-10T09:00:00+03:00` or `Z`).
 * It is stored as given, so the job still shows the wall-clock time and zone it was planned in.
 */
export const startAtSchema = z.string().datetime({ offset: true })

export const snapshotIdSchema = z.number().int().positive()

export { siteRefSchema, type SiteRef } from './catalog'

export const snapshotTakeSchema = z.object({
  portalIds: z.array(portalIdSchema).min(1).max(500),
  /** Only these sites (and their pages and folders); documents are then left out. Absent: whole portals. */
  siteIds: z.array(siteRefSchema).max(10_000).optional(),
  name: z.string().max(200).optional()
})

/** Narrows a restore to some portals or sites of the snapshot; absent = all of it. */
export const restoreScopeSchema = z.object({
  snapshotId: snapshotIdSchema,
  portalIds: z.array(portalIdSchema).min(1).max(500).optional(),
  siteIds: z.array(siteRefSchema).min(1).max(10_000).optional()
})

export const maintenanceStartSchema = z.object({
  portalIds: z.array(portalIdSchema).min(1).max(500),
  siteIds: z.array(siteRefSchema).max(10_000).optional(),
  /** When to end the window: a restore job scheduled at this time. */
  until: startAtSchema.optional(),
  name: z.string().max(200).optional()
})

export interface SnapshotCounts {
  sites: number
  pages: number
  folders: number
  documents: number
  /** Objects live when the snapshot was taken (published, or a document link switched on). */
  live: number
}

export interface MaintenanceInfo {
  /** The portals are offline for maintenance: the window's end (restore) has not run yet. */
  active: boolean
  /** The scheduled end, as given (ISO 8601 with offset); null when it ends by hand. */
  until: string | null
  /** The unpublish job that took things offline. */
  jobId: number | null
  /** The restore job that ends the window (scheduled, or queued by "end maintenance"). */
  endJobId: number | null
}

export interface SnapshotSummary {
  id: number
  name: string
  takenAt: number
  portalIds: string[]
  /** null = whole portals. */
  siteIds: Array<{ portalId: string; siteId: number }> | null
  counts: SnapshotCounts
  /** Set when the snapshot was taken to start a maintenance window. */
  maintenance: MaintenanceInfo | null
}

export type SnapshotKind = 'site' | 'page' | 'folder' | 'document'

export interface SnapshotEntry {
  portalId: string
  kind: SnapshotKind
  id: number
  title: string
  scope: LandingScope
  /** The site a page or folder belongs to; null for sites and documents. */
  siteId: number | null
  /** Live when the snapshot was taken. */
  then: boolean
  /** Live now; null when the object is gone from the portal. */
  now: boolean | null
}

export interface SnapshotPortalDiff {
  portalId: string
  /** Live then, not live now. */
  wentOffline: SnapshotEntry[]
  /** Not live then, live now. */
  wentLive: SnapshotEntry[]
  /** In the snapshot, no longer on the portal (nothing can bring them back). */
  gone: SnapshotEntry[]
}

export interface SnapshotDiff {
  snapshotId: number
  portals: SnapshotPortalDiff[]
}

export interface RestorePlan {
  snapshotId: number
  /** In the order they will run. */
  intents: Intent[]
  /** What the portal may also change along the way, in the user's language. */
  effects: string[]
}
