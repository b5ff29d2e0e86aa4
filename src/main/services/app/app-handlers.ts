import type { Handlers } from '../../../shared/ipc/handlers'
import { AppError } from '../errors'
import type { AppEvents } from '../events'
import { checkDataDir } from './data-dir'
import { decideExternalLink } from './external-url'
import { localize } from './language'

export type AppHandlers = Pick<Handlers, 'app:info' | 'app:ready' | 'app:openExternal' | 'app:setLanguage'>

export interface AppHandlerDeps {
  name: string
  version: string
  platform: string
  dataDir: string
  events: AppEvents
  openExternal: (url: string) => Promise<void>
  /** The hosts of the portals added, whose links open without asking. */
  portalHosts?: () => Iterable<string>
  /** Asks the person whether to open a link to another host; without it such links are not opened. */
  confirmExternal?: (host: string, url: string) => Promise<boolean>
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
    const decision = decideExternalLink(url, deps.portalHosts?.() ?? [])
    if (decision.action === 'refuse') {
      throw new AppError(
        'URL_NOT_ALLOWED',
        localize({
          en: 'Only https links can be opened in the browser.',
          ru: 'В браузере открываются только ссылки https.'
        })
      )
    }
    if (decision.action === 'ask' && !(await deps.confirmExternal?.(decision.host, url))) return
    await deps.openExternal(url)
  },
  'app:setLanguage': ({ language }) => {
    deps.setLanguage?.(language)
  }
})
