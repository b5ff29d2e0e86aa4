import type { Database } from '../db/database'
import type { EventHub } from '../../ipc/event-hub'
import type { Handlers } from '../../ipc/router'
import type { PortalsService } from '../portals'
import { AppError } from '../../ipc/errors'

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
>

export interface OutboxDeps {
  db: Database
  dataDir: string
  events: EventHub
  log: (line: string) => void
  now: () => number
  portals: PortalsService
}

export interface OutboxService {
  handlers: OutboxHandlers
  /** Take the runner lock and drain; a process that cannot get the lock only enqueues. */
  start(): void
  stop(): Promise<void>
  hasPendingWork(): boolean
}

const notYet = (): never => {
  throw new AppError('NOT_IMPLEMENTED', 'The outbox is not available in this build yet.')
}

export const createOutboxService = (deps: OutboxDeps): OutboxService => {
  void deps
  return {
    handlers: {
      'outbox:enqueue': notYet,
      'outbox:snapshot': () => ({ lanes: [], jobs: [] }),
      'outbox:operations': notYet,
      'outbox:pauseLane': notYet,
      'outbox:resumeLane': notYet,
      'outbox:pauseJob': notYet,
      'outbox:resumeJob': notYet,
      'outbox:cancel': notYet,
      'outbox:retryFailed': notYet,
      'outbox:export': notYet
    },
    start: () => {},
    stop: async () => {},
    hasPendingWork: () => false
  }
}
