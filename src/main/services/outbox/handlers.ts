import { AppError } from '../errors'
import { localize } from '../app/language'
import type { Handlers } from '../../../shared/ipc/handlers'
import { exportFilename, operationsCsv, operationsJson } from './export'
import { messages } from './messages'
import type { OutboxStore } from './store'
import type { JobChange, OutboxView } from '../../../shared/domain/outbox'

/** The outbox's channels of the contract. */
export type OutboxHandlers = Pick<
  Handlers,
  | 'outbox:enqueue'
  | 'outbox:view'
  | 'outbox:operations'
  | 'outbox:pauseLane'
  | 'outbox:resumeLane'
  | 'outbox:pauseJob'
  | 'outbox:resumeJob'
  | 'outbox:cancel'
  | 'outbox:retryFailed'
  | 'outbox:export'
  | 'outbox:reschedule'
>

export interface HandlerDeps {
  store: OutboxStore
  /** Each portal's identity now, recorded with the work queued for it (portals/identity.ts). */
  identitiesOf?: (portalIds: readonly string[]) => Promise<ReadonlyMap<string, string>>
  view: () => OutboxView
  /** Something changed that a lane (or all, when no portal is given) should look at now. */
  wake: (portalId?: string) => void
  resumeLane: (portalId: string) => void
  changed: () => void
  /** What the read-back found changed beyond the job (changes-store.ts), for the exports. */
  changes?: (jobId: number) => readonly JobChange[]
}

/** The outbox's IPC handlers; the command line calls the same ones. */
export const createOutboxHandlers = (deps: HandlerDeps): OutboxHandlers => {
  const requireJob = (jobId: number) => {
    const job = deps.store.job(jobId)
    if (!job) throw new AppError('OUTBOX_JOB_NOT_FOUND', localize(messages.jobNotFound, { id: jobId }))
    return job
  }
  return {
    'outbox:enqueue': async ({ title, intents, startAt, maxLateMs }) => {
      const jobId = await deps.store.enqueue(
        title?.trim() || localize(messages.defaultJobTitle, { count: intents.length }),
        intents,
        { startAt, maxLateMs, identities: await deps.identitiesOf?.(intents.map((i) => i.portalId)) }
      )
      for (const portalId of new Set(intents.map((i) => i.portalId))) deps.wake(portalId)
      deps.changed()
      return requireJob(jobId)
    },
    'outbox:reschedule': ({ jobId, startAt }) => {
      requireJob(jobId)
      if (!deps.store.reschedule(jobId, startAt))
        throw new AppError(
          'JOB_NOT_WAITING',
          localize(
            {
              en: 'Job {id} is not waiting for its start time (it has started, finished, or was never scheduled).',
              ru: 'Задание {id} не ждёт времени запуска (оно уже начато, завершено или не было запланировано).'
            },
            { id: jobId }
          ),
          { category: 'permanent' }
        )
      // A lane sleeps until its earliest due time: the new time may be earlier.
      deps.wake()
      deps.changed()
    },
    'outbox:view': () => deps.view(),
    'outbox:operations': ({ jobId, states }) => {
      requireJob(jobId)
      return deps.store.operations(jobId, states)
    },
    'outbox:pauseLane': ({ portalId }) => {
      deps.store.setLanePaused(portalId, true)
      deps.wake(portalId)
      deps.changed()
    },
    'outbox:resumeLane': ({ portalId }) => {
      deps.store.setLanePaused(portalId, false)
      deps.resumeLane(portalId)
      deps.changed()
    },
    'outbox:pauseJob': ({ jobId }) => {
      requireJob(jobId)
      deps.store.setJobPaused(jobId, true)
      deps.changed()
    },
    'outbox:resumeJob': ({ jobId }) => {
      requireJob(jobId)
      deps.store.setJobPaused(jobId, false)
      deps.wake()
      deps.changed()
    },
    'outbox:cancel': ({ jobId, operationIds }) => {
      requireJob(jobId)
      const n = deps.store.cancel(jobId, operationIds)
      deps.changed()
      return n
    },
    'outbox:retryFailed': ({ jobId }) => {
      requireJob(jobId)
      const n = deps.store.retryFailed(jobId)
      deps.wake()
      deps.changed()
      return n
    },
    'outbox:export': ({ jobId, format }) => {
      const job = requireJob(jobId)
      const ops = deps.store.operations(jobId)
      return {
        filename: exportFilename(jobId, format),
        content:
          format === 'csv'
            ? operationsCsv(ops, { jobId, changes: deps.changes?.(jobId) ?? [] })
            : operationsJson(job, ops, deps.changes?.(jobId) ?? [])
      }
    }
  }
}
