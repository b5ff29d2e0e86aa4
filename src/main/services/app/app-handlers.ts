import type { Handlers } from '../../../shared/ipc/handlers'
import { AppError } from '../errors'
import type { AppEvents } from '../events'
import { checkDataDir } from './data-dir'
import { isAllowedExternalUrl } from './external-url'

export type AppHandlers = Pick<Handlers, 'app:info' | 'app:ready' | 'app:openExternal' | 'app:setLanguage'>

export interface AppHandlerDeps {
  name: string
  version: string
  platform: string
  dataDir: string
  events: AppEvents
  openExternal: (url: string) => Promise<void>
  setLanguage?: (language: 'en' | 'ru') => void
}

export const createAppHandlers = (deps: AppHandlerDeps): AppHandlers => ({
  'app:info': () => {
    const health = checkDataDir(deps.dataDir)
    return {
      name: deps.name,
      version: deps.version,
      platform: deps.platform,
      dataDir: deps.dataDir,
      dataDirHealthy: health.healthy,
      dataDirError: health.error
    }
  },
  'app:ready': () => {
    deps.events.rendererReady()
  },
  'app:openExternal': async ({ url }) => {
    if (!isAllowedExternalUrl(url)) {
      throw new AppError('URL_NOT_ALLOWED', 'Only https links can be opened in the browser.')
    }
    await deps.openExternal(url)
  },
  'app:setLanguage': ({ language }) => {
    deps.setLanguage?.(language)
  }
})
