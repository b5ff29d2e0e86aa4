import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Chromium's switches for a browser that talks to nothing but this app: no background requests,
 * updates, sync or first-run pages. `--no-sandbox` only where Chromium refuses to start without it
 * (as root, as in CI); a person's own account keeps Chromium's sandbox.
 */
export const chromiumArgs = (opts: { root: boolean }): string[] => [
  ...(opts.root ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic'
]

/** The system's Chromium or Chrome: B24DESK_CHROMIUM, else the usual places per OS. */
export const findChromium = (
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync
): string | null => {
  if (env.B24DESK_CHROMIUM) return exists(env.B24DESK_CHROMIUM) ? env.B24DESK_CHROMIUM : null
  const candidates =
    platform === 'darwin'
      ? [
          '/Applications/Chromium.app/Contents/MacOS/Chromium',
          '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
        ]
      : platform === 'win32'
        ? [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA]
            .filter((d): d is string => Boolean(d))
            .map((d) => join(d, 'Google', 'Chrome', 'Application', 'chrome.exe'))
        : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium']
  return candidates.find((c) => exists(c)) ?? null
}
