/** Links leave the app only to the system browser, and only over https. */
export const isAllowedExternalUrl = (raw: string): boolean => {
  try {
    const url = new URL(raw)
    return url.protocol === 'https:' && url.username === '' && url.password === ''
  } catch {
    return false
  }
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
