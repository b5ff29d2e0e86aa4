/** Links leave the app only to the system browser, and only over https. */
export const isAllowedExternalUrl = (raw: string): boolean => {
  try {
    const url = new URL(raw)
    return url.protocol === 'https:' && url.username === '' && url.password === ''
  } catch {
    return false
  }
}

/** Whether a URL belongs to the app's own renderer (the built files or the dev server). */
export const isAppUrl = (raw: string | undefined, appUrl: string): boolean => {
  if (!raw) return false
  try {
    const url = new URL(raw)
    const app = new URL(appUrl)
    if (app.protocol === 'file:') return url.protocol === 'file:' && url.pathname === app.pathname
    return url.origin === app.origin
  } catch {
    return false
  }
}
