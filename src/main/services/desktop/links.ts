import type { AppTarget } from '../../../shared/domain/desktop'

export const LINK_SCHEME = 'b24desk'

const PORTAL_ID = /^[A-Za-z0-9._-]{1,100}$/

/**
 * What a b24desk:// link opens: `b24desk://job/42`, `b24desk://portal/<id>`, `b24desk://snapshot/7`.
 * Anything else (another scheme, an unknown kind, a bad id, extra path parts) opens nothing.
 */
export const parseAppLink = (link: string): AppTarget | null => {
  if (typeof link !== 'string' || link.length > 300) return null
  let url: URL
  try {
    url = new URL(link)
  } catch {
    return null
  }
  if (url.protocol !== `${LINK_SCHEME}:`) return null
  // b24desk://job/42 → host "job", path "/42"; b24desk:job/42 → path "job/42"
  const parts = `${url.host}/${url.pathname}`.split('/').filter(Boolean).map(decodeURIComponent)
  if (parts.length !== 2) return null
  const [kind, id] = parts
  const n = /^[1-9]\d{0,12}$/.test(id) ? Number(id) : null
  if (kind === 'job' && n !== null) return { kind: 'job', jobId: n }
  if (kind === 'snapshot' && n !== null) return { kind: 'snapshot', snapshotId: n }
  if (kind === 'portal' && PORTAL_ID.test(id)) return { kind: 'portal', portalId: id }
  return null
}

export const appLink = (target: AppTarget): string =>
  target.kind === 'job'
    ? `${LINK_SCHEME}://job/${target.jobId}`
    : target.kind === 'snapshot'
      ? `${LINK_SCHEME}://snapshot/${target.snapshotId}`
      : `${LINK_SCHEME}://portal/${encodeURIComponent(target.portalId)}`

/**
 * The link among a launch's arguments (Windows and Linux pass it on the command line; a second
 * launch hands its arguments to the first). Only the first b24desk:// argument counts.
 */
export const linkFromArgv = (argv: readonly string[]): AppTarget | null => {
  const arg = argv.find((a) => typeof a === 'string' && a.toLowerCase().startsWith(`${LINK_SCHEME}:`))
  return arg ? parseAppLink(arg) : null
}

/** Whether a launch asks to start hidden (at login): the window stays in the tray. */
export const HIDDEN_ARG = '--hidden'
export const startsHidden = (argv: readonly string[]): boolean => argv.includes(HIDDEN_ARG)
