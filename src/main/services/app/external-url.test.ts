import { describe, expect, it } from 'vitest'
import { isAllowedExternalUrl, isAppUrl } from './external-url'

describe('external links', () => {
  it('lets only https links out to the system browser', () => {
    expect(isAllowedExternalUrl('https://portal.bitrix24.com/sites/')).toBe(true)
    for (const url of [
      'http://portal.example',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'nonsense',
      'https://user:pw@host/'
    ]) {
      expect(isAllowedExternalUrl(url)).toBe(false)
    }
  })

  it('recognises the app own pages and nothing else', () => {
    const app = 'app://b24desk/index.html'
    expect(isAppUrl('app://b24desk/index.html#/sites', app)).toBe(true)
    expect(isAppUrl('app://b24desk/assets/index.js', app)).toBe(true)
    expect(isAppUrl('app://b24desk', app)).toBe(true)
    // Custom schemes have an opaque origin ("null"): another app:// host or scheme must not match.
    expect(isAppUrl('app://evil/index.html', app)).toBe(false)
    expect(isAppUrl('evil://b24desk/index.html', app)).toBe(false)
    expect(isAppUrl('https://b24desk/index.html', app)).toBe(false)
    expect(isAppUrl('file:///opt/b24/resources/app.asar/out/renderer/index.html', app)).toBe(false)
    expect(isAppUrl('app://user@b24desk/index.html', app)).toBe(false)
    expect(isAppUrl('http://localhost:5173/#/sites', 'http://localhost:5173')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(isAppUrl('https://localhost:5173/', 'http://localhost:5173')).toBe(false)
    expect(isAppUrl(undefined, app)).toBe(false)
    expect(isAppUrl('about:blank', app)).toBe(false)
  })

  it('never takes a file:// or opaque page for the app', () => {
    const built = 'file:///opt/b24/resources/app/out/renderer/index.html'
    expect(isAppUrl(built, built)).toBe(false)
    expect(isAppUrl('data:text/html,hi', 'data:text/html,hi')).toBe(false)
  })
})
