import { AppError } from '../errors'
import { localize } from '../app/language'
import type { Handlers } from '../../../shared/ipc/handlers'
import { exportFilename, operationsCsv, operationsJson } from './export'
import { messages } from './messages'
import type { OutboxStore } from './store'
import type { JobChange, OutboxSnapshot } from '../../../shared/domain/outbox'

/** The outbox's channels of the contract. */
export type OutboxHandlers = Pick<
  Handlers,
  | 'outbox:enqueue'
  | 'outbox:snapshot'
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
  snapshot: () => OutboxSnapshot
  /** Something changed that a lane (or all, when no portal is given) should look at now. */
  wake: (portalId?: string) => void
  resumeLane: (portalId: string) => void
  changed: () => void
  /** What the read-back found changed beyond the job (changes-store.ts), for the exports. */
  changes?: (jobId: number) => readonly JobChange[]
}

/** The outbox's IPC handlers; the command line calls the same ones. */
export const createOutboxHandlers = (d: HandlerDeps): OutboxHandlers => {
  const requireJob = (jobId: number) => {
    const job = d.store.job(jobId)
    if (!job) throw new AppError('OUTBOX_JOB_NOT_FOUND', localize(messages.jobNotFound, { id: jobId }))
    return job
  }
  return {
    'outbox:enqueue': async ({ title, intents, startAt }) => {
      const jobId = await d.store.enqueue(
        title?.trim() || localize(messages.defaultJobTitle, { count: intents.length }),
        intents,
        { startAt }
      )
      for (const portalId of new Set(intents.map((i) => i.portalId))) d.wake(portalId)
      d.changed()
      return requireJob(jobId)
    },
    'outbox:reschedule': ({ jobId, startAt }) => {
      requireJob(jobId)
      if (!d.store.reschedule(jobId, startAt))
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
      d.wake()
      d.changed()
    },
    'outbox:snapshot': () => d.snapshot(),
    'outbox:operations': ({ jobId, states }) => {
      requireJob(jobId)
      return d.store.operations(jobId, states)
    },
    'outbox:pauseLane': ({ portalId }) => {
      d.store.setLanePaused(portalId, true)
      d.wake(portalId)
      d.changed()
    },
    'outbox:resumeLane': ({ portalId }) => {
      d.store.setLanePaused(portalId, false)
      d.resumeLane(portalId)
      d.changed()
    },
    'outbox:pauseJob': ({ jobId }) => {
      requireJob(jobId)
      d.store.setJobPaused(jobId, true)
      d.changed()
    },
    'outbox:resumeJob': ({ jobId }) => {
      requireJob(jobId)
      d.store.setJobPaused(jobId, false)
      d.wake()
      d.changed()
    },
    'outbox:cancel': ({ jobId, operationIds }) => {
      requireJob(jobId)
      const n = d.store.cancel(jobId, operationIds)
      d.changed()
      return n
    },
    'outbox:retryFailed': ({ jobId }) => {
      requireJob(jobId)
      const n = d.store.retryFailed(jobId)
      d.wake()
      d.changed()
      return n
    },
    'outbox:export': ({ jobId, format }) => {
      const job = requireJob(jobId)
      const ops = d.store.operations(jobId)
      return {
        filename: exportFilename(jobId, format),
        content:
          format === 'csv'
            ? operationsCsv(ops, { jobId, changes: d.changes?.(jobId) ?? [] })
            : operationsJson(job, ops, d.changes?.(jobId) ?? [])
      }
    }
  }
}
