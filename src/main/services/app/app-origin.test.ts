import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  rendererUrl,
  resolveAppAsset,
  serveAppAsset
} from './app-origin'
import { CONTENT_SECURITY_POLICY } from '../../csp'

const makeRenderer = () => {
  const base = mkdtempSync(join(tmpdir(), 'b24-origin-'))
  const root = join(base, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>B24 Desk</title>')
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}')
  // A file next to the renderer folder that no app:// URL may reach.
  writeFileSync(join(base, 'secret.txt'), 'webhook code')
  return { base, root }
}

const text = (body: Uint8Array | null) => (body ? Buffer.from(body).toString('utf8') : null)

describe('the app:// origin', () => {
  it('is a standard, secure scheme with fetch, that does not bypass the CSP', () => {
    expect(APP_ENTRY_URL).toBe('app://b24desk/index.html')
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, supportFetchAPI: true })
    expect(APP_SCHEME_PRIVILEGES.bypassCSP).toBe(false)
  })

  it('loads the dev server only in an unpackaged app', () => {
    expect(rendererUrl({ packaged: false, devUrl: 'http://localhost:5173' })).toBe('http://localhost:5173/')
    expect(rendererUrl({ packaged: true, devUrl: 'http://localhost:5173' })).toBe(APP_ENTRY_URL)
    expect(rendererUrl({ packaged: false, devUrl: undefined })).toBe(APP_ENTRY_URL)
    expect(rendererUrl({ packaged: false, devUrl: 'file:///etc/passwd' })).toBe(APP_ENTRY_URL)
    expect(rendererUrl({ packaged: false, devUrl: 'not a url' })).toBe(APP_ENTRY_URL)
  })

  it('maps app:// paths to files inside the renderer folder only', () => {
    const { root } = makeRenderer()
    expect(resolveAppAsset(root, 'app://b24desk/index.html')).toBe(join(root, 'index.html'))
    expect(resolveAppAsset(root, 'app://b24desk/')).toBe(join(root, 'index.html'))
    expect(resolveAppAsset(root, 'app://b24desk/assets/index-abc.js?v=1#x')).toBe(
      join(root, 'assets', 'index-abc.js')
    )
    // Whatever the URL, the file is inside the renderer folder or there is none.
    const inside = (file: string | null) => file === null || file.startsWith(join(root, sep))
    for (const url of [
      'app://b24desk/../secret.txt',
      'app://b24desk/%2e%2e/secret.txt',
      'app://b24desk/assets/../../secret.txt',
      'app://b24desk/..%5csecret.txt',
      'app://b24desk/%2fetc%2fpasswd',
      'app://b24desk//etc/passwd'
    ]) {
      expect(inside(resolveAppAsset(root, url)), url).toBe(true)
    }
    for (const url of [
      'app://b24desk/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://b24desk/index.html%00.js',
      'app://b24desk/%E0%A4%A',
      'app://other/index.html',
      'https://b24desk/index.html',
      'file:///etc/passwd',
      'nonsense'
    ]) {
      expect(resolveAppAsset(root, url), url).toBeNull()
    }
  })

  it('serves files with their type, the CSP and nosniff; 404 outside the folder; GET and HEAD only', async () => {
    const { root } = makeRenderer()
    const page = await serveAppAsset(root, { url: 'app://b24desk/index.html', method: 'GET' })
    expect(page.status).toBe(200)
    expect(text(page.body)).toContain('<title>B24 Desk</title>')
    expect(page.headers).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff'
    })
    const script = await serveAppAsset(root, { url: 'app://b24desk/assets/index-abc.js', method: 'GET' })
    expect(script.headers['Content-Type']).toBe('text/javascript; charset=utf-8')
    const style = await serveAppAsset(root, { url: 'app://b24desk/assets/index-abc.css', method: 'GET' })
    expect(style.headers['Content-Type']).toBe('text/css; charset=utf-8')

    for (const url of [
      'app://b24desk/%2e%2e/secret.txt',
      'app://b24desk/missing.js',
      'app://b24desk/assets/'
    ]) {
      const miss = await serveAppAsset(root, { url, method: 'GET' })
      expect(miss.status).toBe(404)
      expect(miss.body).toBeNull()
      expect(miss.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY)
    }

    const head = await serveAppAsset(root, { url: 'app://b24desk/index.html', method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.body).toBeNull()
    const post = await serveAppAsset(root, { url: 'app://b24desk/index.html', method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.Allow).toBe('GET, HEAD')
  })
})
