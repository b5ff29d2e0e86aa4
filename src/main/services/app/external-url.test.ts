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
    const built = 'file:///opt/b24/resources/app/out/renderer/index.html'
    expect(isAppUrl(built, built)).toBe(true)
    expect(isAppUrl('file:///etc/passwd', built)).toBe(false)
    expect(isAppUrl('http://localhost:5173/#/sites', 'http://localhost:5173')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(isAppUrl(undefined, built)).toBe(false)
  })
})
