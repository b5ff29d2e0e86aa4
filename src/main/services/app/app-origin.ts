import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../../csp'

/**
 * The renderer's own origin. A privileged custom scheme instead of file:// gives the page a real,
 * fixed origin: navigation, the IPC sender check and permissions can compare against it, and the
 * page cannot read any other file on disk the way a file:// page could.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'b24desk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * Standard (relative URLs and storage work as on https), secure (no mixed-content warnings),
 * fetch allowed; it does not bypass the CSP and registers no service workers.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  bypassCSP: false,
  allowServiceWorkers: false,
  corsEnabled: false,
  stream: false,
  codeCache: false
} as const

/**
 * The page the window loads. The dev server's URL (electron-vite sets ELECTRON_RENDERER_URL) is
 * honoured only in an unpackaged app, so nobody can point an installed app at another page through
 * its environment.
 */
export const rendererUrl = (opts: { packaged: boolean; devUrl: string | undefined }): string => {
  if (opts.packaged || !opts.devUrl) return APP_ENTRY_URL
  try {
    const url = new URL(opts.devUrl)
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString()
  } catch {
    // A malformed dev URL falls back to the built files rather than loading nothing.
  }
  return APP_ENTRY_URL
}

/**
 * The file inside `root` an app:// URL names, or null when the URL is not ours or its path would
 * leave `root` (`..`, encoded separators, absolute paths, NUL bytes).
 */
export const resolveAppAsset = (root: string, rawUrl: string): string | null => {
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (path.includes('\0')) return null
  if (path === '' || path === '/') path = '/index.html'
  const base = resolve(root)
  const file = resolve(base, `.${path}`)
  const rel = relative(base, file)
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null
  return file
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8'
}

/** Headers every app:// response carries, errors included: the CSP and no content sniffing. */
export const appResponseHeaders = (file: string | null): Record<string, string> => ({
  'Content-Type': (file && CONTENT_TYPES[extname(file).toLowerCase()]) || 'text/plain; charset=utf-8',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache'
})

export interface AppAssetResponse {
  status: number
  headers: Record<string, string>
  body: Uint8Array | null
}

/**
 * Answers one app:// request from the built renderer folder: 200 with the file, 404 for anything
 * outside it or missing, 405 for anything but GET and HEAD. Electron-free so it is tested under Node;
 * the shell turns the result into a Response.
 */
export const serveAppAsset = async (
  root: string,
  request: { url: string; method: string },
  read: (file: string) => Promise<Uint8Array> = readFile
): Promise<AppAssetResponse> => {
  const method = request.method.toUpperCase()
  if (method !== 'GET' && method !== 'HEAD') {
    return { status: 405, headers: { ...appResponseHeaders(null), Allow: 'GET, HEAD' }, body: null }
  }
  const file = resolveAppAsset(root, request.url)
  if (!file) return { status: 404, headers: appResponseHeaders(null), body: null }
  let bytes: Uint8Array
  try {
    bytes = await read(file)
  } catch {
    // Missing file, a folder, or unreadable: the page sees the same 404 either way.
    return { status: 404, headers: appResponseHeaders(null), body: null }
  }
  return { status: 200, headers: appResponseHeaders(file), body: method === 'HEAD' ? null : bytes }
}
