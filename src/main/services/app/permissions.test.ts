import { describe, expect, it } from 'vitest'
import { isPermissionGranted } from './permissions'

describe('web permissions', () => {
  const appUrl = 'app://b24desk/index.html'

  it('grants clipboard writing to the app own page, so the copy buttons work', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://b24desk/index.html#/sites', appUrl)).toBe(
      true
    )
    // Permission checks pass an origin, not a URL.
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://b24desk', appUrl)).toBe(true)
  })

  it('refuses clipboard writing to any other origin', () => {
    for (const other of ['https://evil.example', 'app://evil', 'file:///tmp/x.html', 'null', '', undefined]) {
      expect(isPermissionGranted('clipboard-sanitized-write', other, appUrl)).toBe(false)
    }
  })

  it('refuses every other permission, even to the app', () => {
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal']) {
      expect(isPermissionGranted(permission, 'app://b24desk/index.html', appUrl)).toBe(false)
    }
  })
})
