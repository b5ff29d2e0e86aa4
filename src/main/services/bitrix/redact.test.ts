import { describe, expect, it } from 'vitest'
import { redactSecrets } from './redact'

describe('redactSecrets', () => {
  it.each([
    [
      'a plain webhook path',
      'https://acme.bitrix24.com/rest/1/SECRET1code/profile',
      'acme.bitrix24.com/rest/1/***'
    ],
    [
      'a percent-encoded webhook path',
      'next=https%3A%2F%2Facme.bitrix24.com%2Frest%2F1%2FSECRET1code%2Fprofile',
      '%2Frest%2F1%2F***'
    ],
    ['a lower-case percent-encoded path', 'u=%2frest%2f12%2fSECRET1code', '%2frest%2f12%2f***'],
    [
      'a JSON-escaped webhook path',
      '{"url":"https:\\/\\/acme.bitrix24.com\\/rest\\/1\\/SECRET1code\\/"}',
      '\\/rest\\/1\\/***'
    ],
    [
      'a camelCase client secret in JSON',
      '{"clientId":"app.1","clientSecret":"SECRET1code"}',
      '"clientSecret":"***'
    ],
    ['an escaped JSON secret inside a string', '"{\\"client_secret\\":\\"SECRET1code\\"}"', 'client_secret'],
    ['a bearer token', 'Authorization: Bearer SECRET1code.x-y', 'Bearer ***'],
    [
      'an OAuth authorization code',
      'https://b24desk.local/callback?state=s1&code=SECRET1code&domain=x',
      '&code=***&domain=x'
    ],
    ['an access token in a query', '/rest/profile?auth=SECRET1code', 'auth=***'],
    ['a refreshToken in camelCase', "refreshToken: 'SECRET1code'", 'refreshToken'],
    ['an application token', 'application_token=SECRET1code', 'application_token=***']
  ])('masks %s', (_name, text, kept) => {
    const out = redactSecrets(text)
    expect(out).not.toContain('SECRET1code')
    expect(out).toContain(kept)
  })

  it('leaves ordinary text and error codes alone', () => {
    expect(redactSecrets('ERROR_CODE: QUERY_LIMIT_EXCEEDED, barcode=123')).toBe(
      'ERROR_CODE: QUERY_LIMIT_EXCEEDED, barcode=123'
    )
    expect(redactSecrets('landing.site.getList on acme.bitrix24.com')).toBe(
      'landing.site.getList on acme.bitrix24.com'
    )
  })
})
