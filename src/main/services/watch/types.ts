// The watch's domain: what it saw change on a portal, and what it needs from the catalog and the outbox.
import type { Cached, LandingScope, PageRow, SiteRow } from '../../../shared/domain/catalog'
import type { Intent } from '../../../shared/domain/outbox'
import type { Database } from '../db/database'

/** What a change seen is about: a site or page's published state, its title, or its being there. */
export type ChangeField = 'published' | 'title' | 'present'
export type ChangeState = 'new' | 'accepted' | 'put-back'
export type WatchedKind = 'site' | 'page'

/** One difference another hand made on a portal (not a job of this app), as a watch pass saw it. */
export interface ChangeSeen {
  id: number
  portalId: string
  kind: WatchedKind
  targetId: number
  title: string
  scope: LandingScope
  field: ChangeField
  before: boolean | string | null
  after: boolean | string | null
  seenAt: number
  state: ChangeState
  decidedAt: number | null
  /** The outbox job that puts it back, once put back. */
  jobId: number | null
}

export interface ChangesQuery {
  portalId?: string
  /** Seen at or after (epoch ms). */
  since?: number
  states?: readonly ChangeState[]
}

/** What one pass over a portal found. */
export interface WatchPass {
  portalId: string
  at: number
  /** The first pass of a portal only reads what is there: nothing to compare with yet. */
  baseline: boolean
  changes: ChangeSeen[]
  /** Differences left out because a job of this app made them. */
  ownChanges: number
}

/** What the watch reads through the catalog's door. */
export interface WatchCatalog {
  sites(query: { portalIds: string[]; refresh: boolean }): Promise<Cached<SiteRow>>
  pages(query: { portalIds: string[]; refresh: boolean }): Promise<Cached<PageRow>>
}

export interface WatchDeps {
  db: Database
  now: () => number
  catalog: WatchCatalog
  portals: { has(portalId: string): boolean; ids(): string[] }
  /** The outbox's `touchedTargets`: what this app's jobs change or changed since a time. */
  touched(portalId: string, since: number): Set<string>
  /** The outbox's `enqueueJob`: a job that puts changes back; without it, nothing can be put back. */
  enqueue?(spec: { title: string; intents: Intent[] }): Promise<{ id: number }>
}
