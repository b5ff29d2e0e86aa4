import { localize, type Localized } from './language'

/** Links leave the app only to the system browser, and only over https. */
export const isAllowedExternalUrl = (raw: string): boolean => {
  try {
    const url = new URL(raw)
    return url.protocol === 'https:' && url.username === '' && url.password === ''
  } catch {
    return false
  }
}

/**
 * Bitrix24's own public hosts: its websites and documentation, and the domains public landing sites
 * are served on (`<name>.bitrix24.site` and the like). A link to one of these, or to a portal the
 * user added, opens directly; any other host is shown first.
 */
const BITRIX24_HOSTS = new Set([
  'bitrix24.com',
  'www.bitrix24.com',
  'bitrix24.ru',
  'www.bitrix24.ru',
  'bitrix24.de',
  'www.bitrix24.de',
  'helpdesk.bitrix24.com',
  'helpdesk.bitrix24.ru',
  'apidocs.bitrix24.com',
  'apidocs.bitrix24.ru',
  'training.bitrix24.com',
  'dev.1c-bitrix.ru'
])
const BITRIX24_SITE_SUFFIXES = ['.bitrix24.site', '.bitrix24.shop', '.bitrix24site.by', '.bitrix24shop.by']

/** What to do with a link the window asks to open. */
export type ExternalLinkDecision = { action: 'open' } | { action: 'ask'; host: string } | { action: 'refuse' }

/**
 * `open` for https links to a portal the user added (`portalHosts`, host with any port as stored)
 * or to Bitrix24's public hosts; `ask`, with the host to show, for any other https link; `refuse`
 * for anything that is not https or carries a user name or password.
 */
export const decideExternalLink = (raw: string, portalHosts: Iterable<string>): ExternalLinkDecision => {
  if (!isAllowedExternalUrl(raw)) return { action: 'refuse' }
  const url = new URL(raw)
  const host = url.host.toLowerCase()
  const name = url.hostname.toLowerCase()
  for (const p of portalHosts) if (p.toLowerCase() === host) return { action: 'open' }
  if (url.port === '' && (BITRIX24_HOSTS.has(name) || BITRIX24_SITE_SUFFIXES.some((s) => name.endsWith(s))))
    return { action: 'open' }
  return { action: 'ask', host }
}

/** The question asked before a link to another host opens: the host stands alone, so a person reads it. */
export const externalLinkQuestion = (
  host: string,
  url: string
): { message: Localized; detail: Localized; buttons: [Localized, Localized] } => ({
  message: { en: `Open a link to ${host}?`, ru: `Открыть ссылку на ${host}?` },
  detail: {
    en: `${host} is neither one of your portals nor a Bitrix24 site.\n\n${url}`,
    ru: `${host} — не ваш портал и не сайт Битрикс24.\n\n${url}`
  },
  buttons: [
    { en: 'Open in browser', ru: 'Открыть в браузере' },
    { en: 'Cancel', ru: 'Отмена' }
  ]
})

/** The options of a message box, as Electron's `dialog.showMessageBox` takes them. */
export interface QuestionBox {
  type: 'question'
  message: string
  detail: string
  buttons: string[]
  defaultId: number
  cancelId: number
}

/** Asks, through `show` (Electron's message box in the app), whether to open a link to another host. */
export const confirmExternalWith =
  (show: (box: QuestionBox) => Promise<{ response: number }>) =>
  async (host: string, url: string): Promise<boolean> => {
    const q = externalLinkQuestion(host, url)
    const { response } = await show({
      type: 'question',
      message: localize(q.message),
      detail: localize(q.detail),
      buttons: q.buttons.map((b) => localize(b)),
      defaultId: 1,
      cancelId: 1
    })
    return response === 0
  }

/** Schemes the renderer is ever served from: the app's own scheme, or the dev server. */
const APP_PROTOCOLS = new Set(['app:', 'http:', 'https:'])

/**
 * Whether a URL (or an origin such as `app://b24desk`) belongs to the app's own renderer: same
 * scheme and same host as `appUrl`. Scheme and host are compared directly because the URL standard
 * gives custom schemes an opaque origin ("null"), so comparing `origin` would match any of them.
 * file: URLs are never the app's: the renderer is not loaded from disk.
 */
export const isAppUrl = (raw: string | undefined, appUrl: string): boolean => {
  if (!raw) return false
  try {
    const url = new URL(raw)
    const app = new URL(appUrl)
    if (!APP_PROTOCOLS.has(app.protocol) || app.host === '') return false
    if (url.username !== '' || url.password !== '') return false
    return url.protocol === app.protocol && url.host === app.host
  } catch {
    return false
  }
}
