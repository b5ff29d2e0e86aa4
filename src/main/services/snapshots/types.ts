/** What the snapshot service offers (its handlers) and what it needs: the outbox, the portals, the catalog. */
import type { Intent, JobSummary } from '../../../shared/domain/outbox'
import type { Handlers } from '../../../shared/ipc/handlers'
import type { Database } from '../db/database'
import type { AppEvents } from '../events'
import type { PortalClient } from '../bitrix/types'
import type { CatalogReader } from './read-state'

export type SnapshotHandlers = Pick<
  Handlers,
  | 'snapshots:list'
  | 'snapshots:take'
  | 'snapshots:diff'
  | 'snapshots:export'
  | 'snapshots:delete'
  | 'snapshots:planRestore'
  | 'snapshots:restore'
  | 'snapshots:restoreReport'
  | 'maintenance:start'
  | 'maintenance:end'
>

/** A job as the snapshot service queues it: intents in phases, maybe at a time, maybe a restore. */
export interface JobSpec {
  title: string
  intents: Intent[]
  /** One per intent; an operation is not sent while one of a lower phase (same job and portal) is pending. */
  phases?: number[]
  /** ISO 8601 with offset. */
  startAt?: string
  restoreSnapshotId?: number
}

/** What the snapshot service needs from the outbox. */
export interface SnapshotOutbox {
  enqueueJob(spec: JobSpec): Promise<JobSummary>
  job(jobId: number): JobSummary | undefined
  /** Cancels what of the job has not been sent. */
  cancelJob(jobId: number): Promise<void>
  setRestoreResult(jobId: number, matches: boolean, differences: number): void
  /** Whether this process drains the outbox (and so makes the read-backs of finished restores). */
  isRunner(): boolean
  /** The outbox's picture changed outside its own handlers: tell the window. */
  changed(): void
}

export interface SnapshotPortals {
  has(portalId: string): boolean
  name(portalId: string): string
  clientFor(portalId: string): Promise<PortalClient>
  /** Who the portal is now (portals/identity.ts); without it, snapshots record no identity. */
  identityOf?(portalId: string): Promise<string>
}

export interface SnapshotsDeps {
  db: Database
  events: AppEvents
  now: () => number
  log: (line: string) => void
  catalog: CatalogReader
  portals: SnapshotPortals
  outbox: SnapshotOutbox
  /** First wait before a failed read-back is tried again (ms); doubles up to 10 minutes. */
  recheckMs?: number
}

export interface SnapshotsService {
  handlers: SnapshotHandlers
  /** A restore read-back is running or due: a `run` that waits for the outbox waits for it too. */
  busy(): boolean
  /** Looks for finished restores to read back (the outbox calls this when its jobs change). */
  check(): void
  close(): Promise<void>
}
