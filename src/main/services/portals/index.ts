import type { Database } from '../db/database'
import type { EventHub } from '../../ipc/event-hub'
import type { Handlers } from '../../ipc/router'
import type { PortalHealth, PortalSummary } from '../../../shared/domain/portal'
import type { PortalClient, RestError } from '../bitrix/types'
import { AppError } from '../../ipc/errors'

export type PortalHandlers = Pick<
  Handlers,
  | 'portals:list'
  | 'portals:check'
  | 'portals:add'
  | 'portals:update'
  | 'portals:setCredentials'
  | 'portals:remove'
  | 'portals:probe'
  | 'portals:export'
  | 'portals:import'
  | 'demo:open'
  | 'catalog:sites'
  | 'catalog:pages'
  | 'catalog:folders'
  | 'catalog:documents'
  | 'catalog:document'
  | 'previews:get'
>

/** The OS keychain, one entry per portal. */
export interface SecretStore {
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  delete(account: string): Promise<boolean>
}

export interface PortalsDeps {
  db: Database
  dataDir: string
  events: EventHub
  log: (line: string) => void
  now: () => number
  secretStore?: SecretStore
}

export interface PortalsService {
  handlers: PortalHandlers
  list(): PortalSummary[]
  get(portalId: string): PortalSummary | undefined
  clientFor(portalId: string): Promise<PortalClient>
  /** The outbox reports what it saw, so health reflects real traffic, not only probes. */
  reportOutcome(portalId: string, error: RestError | null): void
  probe(portalId: string): Promise<PortalHealth>
  onCredentialsChanged(listener: (portalId: string) => void): () => void
  close(): Promise<void>
}

const notYet = (): never => {
  throw new AppError('NOT_IMPLEMENTED', 'Portals are not available in this build yet.')
}

export const createPortalsService = async (deps: PortalsDeps): Promise<PortalsService> => {
  void deps
  return {
    handlers: {
      'portals:list': () => [],
      'portals:check': notYet,
      'portals:add': notYet,
      'portals:update': notYet,
      'portals:setCredentials': notYet,
      'portals:remove': notYet,
      'portals:probe': notYet,
      'portals:export': notYet,
      'portals:import': notYet,
      'demo:open': notYet,
      'catalog:sites': notYet,
      'catalog:pages': notYet,
      'catalog:folders': notYet,
      'catalog:documents': notYet,
      'catalog:document': notYet,
      'previews:get': notYet
    },
    list: () => [],
    get: () => undefined,
    clientFor: async () => notYet(),
    reportOutcome: () => {},
    probe: async () => notYet(),
    onCredentialsChanged: () => () => {},
    close: async () => {}
  }
}
