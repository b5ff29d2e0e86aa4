import { AjaxError } from '@bitrix24/b24jssdk'
import { afterEach, describe, expect, it } from 'vitest'
import { setLanguage } from '../app/language'
import { ERROR_TABLE } from './error-table'
import { errorFromPayload, errorFromTransport, restError, toRestError } from './errors'
import { encodeBatchParams } from './batch-query'
import { redactSecrets } from './redact'

const ctx = { portalId: 'p', method: 'landing.landing.publication' }

/** Every code named in docs/bitrix24.md#error-codes (system table, source extras, OAuth, landing, docgen). */
const DOCUMENTED = [
  'INTERNAL_SERVER_ERROR',
  'ERROR_UNEXPECTED_ANSWER',
  'QUERY_LIMIT_EXCEEDED',
  'OPERATION_TIME_LIMIT',
  'ERROR_BATCH_METHOD_NOT_ALLOWED',
  'ERROR_BATCH_LENGTH_EXCEEDED',
  'NO_AUTH_FOUND',
  'INVALID_REQUEST',
  'OVERLOAD_LIMIT',
  'ACCESS_DENIED',
  'INVALID_CREDENTIALS',
  'ERROR_MANIFEST_IS_NOT_AVAILABLE',
  'insufficient_scope',
  'expired_token',
  'user_access_error',
  'PORTAL_DELETED',
  'APPLICATION_NOT_FOUND',
  'CONNECTION_ERROR',
  'authorization_error',
  'WRONG_AUTH_TYPE',
  'WRONG_LICENSE',
  'METHOD_CONFIRM_WAITING',
  'METHOD_CONFIRM_DENIED',
  'invalid_token',
  'ERROR_METHOD_NOT_FOUND',
  'ERROR_CORE',
  'WRONG_ENCODING',
  'ERROR_ARGUMENT',
  'invalid_request',
  'invalid_client',
  'invalid_scope',
  'invalid_grant',
  'PAYMENT_REQUIRED',
  'MISSING_PARAMS',
  'TYPE_ERROR',
  'SYSTEM_ERROR',
  'LANDING_NOT_EXIST',
  'PUBLIC_PAGE_REACHED',
  'LANDING_PAYMENT_FAILED',
  'LANDING_PAYMENT_FAILED_BLOCK',
  'PUBLIC_SITE_REACHED',
  'PUBLIC_SITE_REACHED_FREE',
  'PHONE_NOT_CONFIRMED',
  'EMAIL_NOT_CONFIRMED',
  'URLCHECKER_FAIL',
  'LICENSE_EXPIRED',
  'DOCGEN_ACCESS_ERROR',
  '0',
  '100',
  ''
]

afterEach(() => setLanguage('en'))

describe('error mapping', () => {
  it.each(DOCUMENTED)('maps %j to a typed error with English and Russian text', (code) => {
    expect(Object.hasOwn(ERROR_TABLE, code)).toBe(true)
    const e = restError(ctx, code, { httpStatus: 400, description: 'portal words' })
    expect(e.portalId).toBe('p')
    expect(e.method).toBe(ctx.method)
    expect(['transient', 'unreachable', 'auth', 'limited', 'permanent']).toContain(e.category)
    expect(e.messages?.en).toMatch(/[a-z]/)
    expect(e.messages?.ru).toMatch(/[а-я]/)
    expect(e.message).toBe(e.messages?.en)
  })

  it('sorts codes by what can be done about them', () => {
    expect(restError(ctx, 'QUERY_LIMIT_EXCEEDED').category).toBe('limited')
    expect(restError(ctx, 'OPERATION_TIME_LIMIT').category).toBe('limited')
    expect(restError(ctx, 'INTERNAL_SERVER_ERROR').category).toBe('transient')
    expect(restError(ctx, 'NO_AUTH_FOUND').category).toBe('auth')
    expect(restError(ctx, 'expired_token').category).toBe('auth')
    expect(restError(ctx, 'LANDING_NOT_EXIST').category).toBe('permanent')
    expect(restError(ctx, 'PUBLIC_HTML_DISALLOWED[L123]').category).toBe('permanent')
    expect(restError(ctx, 'PUBLIC_HTML_DISALLOWED[L123]').message).toMatch(/HTML/)
  })

  it('keeps the HTTP status the portal used, and falls back to the documented one', () => {
    expect(restError(ctx, 'QUERY_LIMIT_EXCEEDED', { httpStatus: 503 }).httpStatus).toBe(503)
    expect(restError(ctx, 'OPERATION_TIME_LIMIT').httpStatus).toBe(429)
  })

  it('writes the message in the current language', () => {
    setLanguage('ru')
    expect(restError(ctx, 'NO_AUTH_FOUND').message).toMatch(/вебхук/)
  })

  it('reads docgen errors with empty, "0" and "100" codes from the body', () => {
    const empty = errorFromPayload(
      ctx,
      { error: '', error_description: 'Module documentgenerator is not installed' },
      400
    )
    expect(empty?.code).toBe('EMPTY_CODE')
    expect(empty?.message).toMatch(/not installed/)
    expect(
      errorFromPayload(ctx, { error: '0', error_description: 'Document not found' }, 400)?.message
    ).toMatch(/not found/)
    expect(errorFromPayload(ctx, { error: '100', error_description: 'Unknown field' }, 400)?.category).toBe(
      'permanent'
    )
  })

  it('unknown codes use the status and keep the portal’s words', () => {
    const e = restError(ctx, 'SOMETHING_NEW', { httpStatus: 502, description: 'Bad gateway thing' })
    expect(e.category).toBe('transient')
    expect(e.message).toContain('Bad gateway thing')
    expect(restError(ctx, 'ALSO_NEW', { httpStatus: 401 }).category).toBe('auth')
  })

  it('maps network and certificate failures', () => {
    expect(errorFromTransport(ctx, 'ECONNREFUSED')?.category).toBe('unreachable')
    expect(errorFromTransport(ctx, 'ENOTFOUND')?.category).toBe('unreachable')
    expect(errorFromTransport(ctx, 'ECONNRESET')?.category).toBe('transient')
    expect(errorFromTransport(ctx, 'ETIMEDOUT')?.code).toBe('TIMEOUT')
    const tls = errorFromTransport(ctx, 'SELF_SIGNED_CERT_IN_CHAIN')
    expect(tls?.code).toBe('TLS_CERTIFICATE')
    expect(tls?.message).toMatch(/certificate/)
  })

  it('reads the raw body behind an SDK error, which the SDK itself loses for empty codes', () => {
    const sdk = new AjaxError({
      code: 'ERR_BAD_REQUEST',
      description: 'Request failed with status code 400',
      status: 400,
      originalError: {
        code: 'ERR_BAD_REQUEST',
        response: {
          status: 400,
          data: { error: '', error_description: 'You do not have permissions to view documents' }
        }
      }
    })
    const e = toRestError(ctx, sdk)
    expect(e.code).toBe('EMPTY_CODE')
    expect(e.message).toMatch(/permissions to view documents/)
  })

  it('never repeats a webhook code or token found in a description', () => {
    const e = restError(ctx, 'X', {
      description: 'failed https://h/rest/1/supersecret123/profile?auth=tok999'
    })
    expect(e.message).not.toContain('supersecret123')
    expect(e.message).not.toContain('tok999')
    expect(redactSecrets('"refresh_token":"abc"')).not.toContain('abc')
  })
})

describe('batch command encoding', () => {
  it('encodes nested params the way PHP parse_str reads them', () => {
    const q = encodeBatchParams({
      params: { filter: { '>ID': 5 }, select: ['ID', 'TITLE'] },
      scope: 'KNOWLEDGE',
      flag: true
    })
    const decoded = decodeURIComponent(q)
    expect(decoded).toBe(
      'params[filter][>ID]=5&params[select][0]=ID&params[select][1]=TITLE&scope=KNOWLEDGE&flag=1'
    )
  })
})
