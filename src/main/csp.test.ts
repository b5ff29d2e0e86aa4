import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from './csp'

const directives = (csp: string) =>
  Object.fromEntries(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/)
      return [name, values]
    })
  )

describe('content security policy', () => {
  it('loads scripts only from the app and images only from the app and data: URLs', () => {
    const csp = directives(CONTENT_SECURITY_POLICY)
    expect(csp['script-src']).toEqual(["'self'"])
    // Previews reach the window as data: URLs made in main; no remote image host is allowed.
    expect(csp['img-src']).toEqual(["'self'", 'data:'])
    expect(csp['object-src']).toEqual(["'none'"])
    expect(csp['frame-src']).toEqual(["'none'"])
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https:|http:|\*/)
  })

  it('is the same policy the page itself declares', () => {
    const html = readFileSync(join(__dirname, '../renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(CONTENT_SECURITY_POLICY)
  })
})
