import { z } from 'zod'
import { landingScopeSchema, type LandingScope } from './catalog'

export const targetKindSchema = z.enum(['site', 'page', 'folder', 'document'])
export type TargetKind = z.infer<typeof targetKindSchema>

export const actionSchema = z.enum(['publish', 'unpublish', 'link-on', 'link-off'])
export type Action = z.infer<typeof actionSchema>

/** An intent on one target; every action sets an absolute state, so replaying it is safe. */
export const intentSchema = z
  .object({
    portalId: z.string().min(1).max(100),
    kind: targetKindSchema,
    targetId: z.number().int().positive(),
    scope: landingScopeSchema.default(''),
    action: actionSchema,
    /** Shown in progress and reports; not sent to the portal. */
    label: z.string().max(500).optional()
  })
  .refine((o) => (o.kind === 'document') === (o.action === 'link-on' || o.action === 'link-off'), {
    message: 'documents take link-on/link-off; sites, pages and folders take publish/unpublish'
  })
export type Intent = z.infer<typeof intentSchema>

/** 'mismatch': the portal reports otherwise (the read-back disagrees with the intent); terminal, retried like 'failed'. */
export const operationStateSchema = z.enum([
  'queued',
  'sending',
  'done',
  'failed',
  'mismatch',
  'superseded',
  'cancelled'
])
export type OperationState = z.infer<typeof operationStateSchema>

export type StateCounts = Record<OperationState, number>

export interface OperationView extends Intent {
  id: number
  jobId: number
  state: OperationState
  attempts: number
  error: { code: string; message: string; category: string } | null
  updatedAt: number
}

/** An object not in the job whose published state the read-back found changed. */
export interface JobChange {
  portalId: string
  kind: 'site' | 'page' | 'folder' | 'document'
  id: number
  title: string
  scope: LandingScope
  before: boolean | null
  after: boolean
  at: number
}

export type JobState = 'active' | 'paused' | 'finished'

export interface JobSummary {
  id: number
  title: string
  createdAt: number
  finishedAt: number | null
  state: JobState
  total: number
  counts: StateCounts
  portalIds: string[]
  /** Objects not in the job whose published state the read-back found changed (see JobChange). */
  changes: number
  /** When the job is to start, as given (ISO 8601 with offset); null = as soon as possible. */
  startAt: string | null
  /** When the runner started a scheduled job (epoch ms); null until then, and for unscheduled jobs. */
  startedAt: number | null
  /** How late a scheduled job started (app closed, machine asleep); null when it started on time. */
  lateByMs: number | null
  /**
   * When a scheduled job was found further past its time than it may start (24 hours unless set per
   * job): it waits, "missed its time", until rescheduled or started by hand. null otherwise.
   */
  missedAt?: number | null
  /** Set on a snapshot restore: whether the portal matched the snapshot after the read-back (null: not read yet). */
  restore: { snapshotId: number; matches: boolean | null; differences: number } | null
}

export type LaneState = 'idle' | 'running' | 'paused' | 'waiting' | 'unreachable' | 'auth'

export interface LaneView {
  portalId: string
  state: LaneState
  counts: StateCounts
  /** Why the lane is not running, in plain language. */
  reason: string | null
  nextAttemptAt: number | null
  /** Batch requests on the wire now. */
  inFlight: number
  /** How many requests the lane may keep in flight now: adapts to the portal, never above `ceiling`. */
  window: number
  /** The portal's setting (PortalSummary.maxInFlight); 1 sends one request at a time. */
  ceiling: number
  /** The last time the lane lowered its window, and why (in plain language); null when it never had to. */
  lowered: { to: number; reason: string; at: number } | null
}

export interface OutboxView {
  lanes: LaneView[]
  jobs: JobSummary[]
}
