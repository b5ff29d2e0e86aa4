import { isAppUrl } from './external-url'

/**
 * The one web permission the window needs: writing to the clipboard, for the copy buttons. Camera,
 * notifications, geolocation and everything else stay refused.
 */
const GRANTED = new Set(['clipboard-sanitized-write'])

/** Whether a permission request or check from `requestingUrl` (a URL or an origin) is granted. */
export const isPermissionGranted = (
  permission: string,
  requestingUrl: string | undefined,
  appUrl: string
): boolean => GRANTED.has(permission) && isAppUrl(requestingUrl, appUrl)
