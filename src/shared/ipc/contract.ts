import { z } from 'zod'
import { event, request, type IpcResult } from './define'
import type { AddedPortal, ConnectionReport, PortalHealth, PortalSummary } from '../domain/portal'
import {
  credentialsInputSchema,
  portalIdSchema,
  portalMetaPatchSchema,
  portalMetaSchema
} from '../domain/portal'
import type { CatalogArea, Cached, DocumentRow, FolderRow, PageRow, SiteRow } from '../domain/catalog'
import { catalogQuerySchema, landingScopeSchema, previewTargetSchema } from '../domain/catalog'
import type { JobChange, JobSummary, OperationView, OutboxSnapshot } from '../domain/outbox'
import { intentSchema, operationStateSchema } from '../domain/outbox'
import type { RestorePlan, SnapshotDiff, SnapshotEntry, SnapshotSummary } from '../domain/snapshot'
import type { AppTarget, DesktopSettings, UpdateState } from '../domain/desktop'
import { desktopSettingsPatchSchema } from '../domain/desktop'
import {
  maintenanceStartSchema,
  restoreScopeSchema,
  snapshotIdSchema,
  snapshotTakeSchema,
  startAtSchema
} from '../domain/snapshot'

export interface AppInfo {
  name: string
  version: string
  platform: string
  dataDir: string
  dataDirHealthy: boolean
  dataDirError: string | null
}

const none = z.undefined()
const jobId = z.object({ jobId: z.number().int().positive() })
const portalRef = z.object({ portalId: portalIdSchema })

/**
 * Every request the renderer may make. Main registers a handler for each key and validates the
 * input with its schema; the preload exposes exactly these channels and nothing else.
 */
export const requests = {
  'app:info': request<AppInfo>()(none),
  /** The renderer is listening: main may now deliver the events it held back. */
  'app:ready': request<void>()(none),
  'app:openExternal': request<void>()(z.object({ url: z.string().url().max(4000) })),
  'app:setLanguage': request<void>()(z.object({ language: z.enum(['en', 'ru']) })),

  'portals:list': request<PortalSummary[]>()(none),
  /** With `portalId` (new credentials for a saved portal), its trusted certificate is kept unless another is given. */
  'portals:check': request<ConnectionReport>()(
    z.object({ credentials: credentialsInputSchema, portalId: portalIdSchema.optional() })
  ),
  /** The answer carries the connection report of the check made before saving (no second check needed). */
  'portals:add': request<AddedPortal>()(
    z.object({ meta: portalMetaSchema, credentials: credentialsInputSchema })
  ),
  'portals:update': request<PortalSummary>()(
    z.object({ portalId: portalIdSchema, meta: portalMetaPatchSchema })
  ),
  'portals:setCredentials': request<PortalSummary>()(
    z.object({ portalId: portalIdSchema, credentials: credentialsInputSchema })
  ),
  /** Another CA to trust with the stored secret (null: the system's trust store); checked with the portal first. */
  'portals:setCa': request<PortalSummary>()(
    z.object({ portalId: portalIdSchema, caPem: z.string().min(1).max(100_000).nullable() })
  ),
  'portals:remove': request<void>()(portalRef),
  'portals:probe': request<PortalHealth>()(portalRef),
  'portals:export': request<string>()(none),
  'portals:import': request<PortalSummary[]>()(z.object({ json: z.string().max(5_000_000) })),
  'demo:open': request<PortalSummary>()(none),

  'catalog:sites': request<Cached<SiteRow>>()(
    catalogQuerySchema.extend({ scopes: z.array(landingScopeSchema).max(4).optional() })
  ),
  'catalog:pages': request<Cached<PageRow>>()(
    catalogQuerySchema.extend({ siteId: z.number().int().positive().optional() })
  ),
  'catalog:folders': request<Cached<FolderRow>>()(
    catalogQuerySchema.extend({ siteId: z.number().int().positive().optional() })
  ),
  'catalog:documents': request<Cached<DocumentRow>>()(catalogQuerySchema),
  'catalog:document': request<DocumentRow>()(
    z.object({ portalId: portalIdSchema, id: z.number().int().positive() })
  ),
  'previews:get': request<{ dataUrl: string | null; cached: boolean }>()(previewTargetSchema),
  /** Asked on demand: listing public URLs of thousands of pages is slow on a real portal. */
  'catalog:publicUrl': request<string | null>()(previewTargetSchema),

  'outbox:enqueue': request<JobSummary>()(
    z.object({
      title: z.string().max(300).optional(),
      intents: z.array(intentSchema).min(1).max(100_000),
      /** Run at this time (ISO 8601 with offset) instead of now. */
      startAt: startAtSchema.optional(),
      /** How late past startAt the job may still start by itself (ms, 1 minute to 30 days); default 24 hours. */
      maxLateMs: z
        .number()
        .int()
        .min(60_000)
        .max(30 * 86_400_000)
        .optional()
    })
  ),
  /** A new start time for a job that has not started; null = start now. */
  'outbox:reschedule': request<void>()(jobId.extend({ startAt: startAtSchema.nullable() })),
  'outbox:snapshot': request<OutboxSnapshot>()(none),
  'outbox:operations': request<OperationView[]>()(
    jobId.extend({
      states: z.array(operationStateSchema).max(operationStateSchema.options.length).optional()
    })
  ),
  'outbox:pauseLane': request<void>()(portalRef),
  'outbox:resumeLane': request<void>()(portalRef),
  'outbox:pauseJob': request<void>()(jobId),
  'outbox:resumeJob': request<void>()(jobId),
  'outbox:cancel': request<number>()(
    jobId.extend({ operationIds: z.array(z.number().int().positive()).max(100_000).optional() })
  ),
  'outbox:retryFailed': request<number>()(jobId),
  /** Objects not in the job whose published state the read-back found changed. */
  'outbox:changes': request<JobChange[]>()(jobId),
  'outbox:export': request<{ filename: string; content: string }>()(
    jobId.extend({ format: z.enum(['csv', 'json']) })
  ),

  'snapshots:list': request<SnapshotSummary[]>()(none),
  'snapshots:take': request<SnapshotSummary>()(snapshotTakeSchema),
  'snapshots:diff': request<SnapshotDiff>()(z.object({ snapshotId: snapshotIdSchema })),
  'snapshots:export': request<{ filename: string; content: string }>()(
    z.object({ snapshotId: snapshotIdSchema, format: z.enum(['csv', 'json']) })
  ),
  'snapshots:delete': request<void>()(z.object({ snapshotId: snapshotIdSchema })),
  /** The restore job's intents, in the order they will run, with what the portal may also change. */
  'snapshots:planRestore': request<RestorePlan>()(restoreScopeSchema),
  'snapshots:restore': request<JobSummary>()(
    restoreScopeSchema.extend({ startAt: startAtSchema.optional() })
  ),
  /** What does not match the snapshot after the restore job's read-back. */
  'snapshots:restoreReport': request<SnapshotEntry[]>()(jobId),
  'maintenance:start': request<{ snapshot: SnapshotSummary; job: JobSummary }>()(maintenanceStartSchema),
  /** Restores the window's snapshot now (a scheduled end job is cancelled). */
  'maintenance:end': request<JobSummary>()(z.object({ snapshotId: snapshotIdSchema })),

  // Desktop behaviour (issue 18): settings, updates.
  'settings:get': request<DesktopSettings>()(none),
  'settings:set': request<DesktopSettings>()(desktopSettingsPatchSchema),
  'updates:state': request<UpdateState>()(none),
  'updates:check': request<void>()(none),
  'updates:download': request<void>()(none),
  /** Installs the downloaded update once the batches in flight are answered. */
  'updates:restart': request<void>()(none)
} as const

/** Every event main pushes to the renderer. */
export const events = {
  'app:status': event<{ online: boolean; at: number }>(),
  'portals:changed': event<PortalSummary[]>(),
  'portal:health': event<{ portalId: string; health: PortalHealth }>(),
  'catalog:updated': event<{ portalId: string; area: CatalogArea }>(),
  'outbox:progress': event<OutboxSnapshot>(),
  'snapshots:changed': event<SnapshotSummary[]>(),
  'settings:changed': event<DesktopSettings>(),
  'updates:state': event<UpdateState>(),
  /** A b24desk:// link or a notification asks the window to show a job, portal or snapshot. */
  'app:open': event<AppTarget>()
} as const

export type Requests = typeof requests
export type Events = typeof events
export type RequestChannel = keyof Requests
export type EventChannel = keyof Events
export type RequestInput<C extends RequestChannel> = z.input<Requests[C]['input']>
export type ParsedInput<C extends RequestChannel> = z.output<Requests[C]['input']>
export type RequestOutput<C extends RequestChannel> = Exclude<Requests[C]['output'], undefined>
export type EventPayload<E extends EventChannel> = Exclude<Events[E]['payload'], undefined>

export const requestChannels = Object.keys(requests) as RequestChannel[]
export const eventChannels = Object.keys(events) as EventChannel[]

/**
 * The shape of `window.api`, built by the preload from the lists above. Results come as data
 * (IpcResult) because an Error crossing the context bridge keeps only its message.
 */
export interface RendererApi {
  invoke<C extends RequestChannel>(
    channel: C,
    ...input: RequestInput<C> extends undefined ? [] : [RequestInput<C>]
  ): Promise<IpcResult<RequestOutput<C>>>
  on<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void): () => void
}
