import { AppError } from '../errors'
import { localize } from '../app/language'

export interface ParsedWebhook {
  /** Always https: the SDK talks https only, and so does every portal we accept. */
  origin: string
  host: string
  userId: number
  code: string
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])
export const isLoopbackHost = (hostname: string): boolean => LOOPBACK.has(hostname.toLowerCase())

const EXAMPLE = 'https://your-portal.bitrix24.com/rest/1/abc123def456gh78/'

const refuse = (reason: string, en: string, ru: string): never => {
  throw new AppError('WEBHOOK_URL_INVALID', localize({ en, ru }, { example: EXAMPLE }), {
    category: 'permanent',
    details: { reason }
  })
}

/**
 * Checks an inbound webhook address. Every refusal names what is wrong but never repeats the
 * address or its code: the code is the password, and these messages reach the screen and logs.
 * Plain http is accepted only for a loopback portal whose certificate the user trusts explicitly
 * (the emulated portal); the connection itself still goes over https.
 */
export const parseWebhookUrl = (input: string, opts: { trustsCustomCa?: boolean } = {}): ParsedWebhook => {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    return refuse(
      'not-a-url',
      'This is not a web address. A webhook address looks like {example}',
      'Это не веб-адрес. Адрес вебхука выглядит так: {example}'
    )
  }
  if (url.protocol === 'http:') {
    if (!(isLoopbackHost(url.hostname) && opts.trustsCustomCa)) {
      refuse(
        'plain-http',
        'The webhook address must start with https://. Plain http would send the secret code unencrypted.',
        'Адрес вебхука должен начинаться с https://. По http секретный код ушёл бы в открытом виде.'
      )
    }
  } else if (url.protocol !== 'https:') {
    refuse(
      'protocol',
      'The webhook address must start with https://, for example {example}',
      'Адрес вебхука должен начинаться с https://, например {example}'
    )
  }
  if (url.username || url.password) {
    refuse(
      'userinfo',
      'The webhook address must not contain a user name or password before the host.',
      'Адрес вебхука не должен содержать имя пользователя или пароль перед именем хоста.'
    )
  }
  const parts = url.pathname.split('/').filter(Boolean)
  if (parts[0] !== 'rest' || parts.length < 3) {
    refuse(
      'path',
      'The webhook address must have the form https://<portal>/rest/<user id>/<secret code>/, for example {example}',
      'Адрес вебхука должен иметь вид https://<портал>/rest/<id пользователя>/<секретный код>/, например {example}'
    )
  }
  if (parts.length > 3) {
    refuse(
      'extra-path',
      'The webhook address must end after the secret code (…/rest/<user id>/<secret code>/); remove the method name or anything after it.',
      'Адрес вебхука должен заканчиваться секретным кодом (…/rest/<id пользователя>/<секретный код>/); уберите имя метода и всё, что после него.'
    )
  }
  const [, uid, code] = parts
  if (!/^\d+$/.test(uid) || Number(uid) <= 0) {
    refuse(
      'user-id',
      'The part after /rest/ must be the numeric id of the user the webhook belongs to, for example /rest/1/….',
      'Часть после /rest/ должна быть числовым id пользователя, которому принадлежит вебхук, например /rest/1/….'
    )
  }
  if (!/^[A-Za-z0-9_-]{4,128}$/.test(code)) {
    refuse(
      'code',
      'The secret code of the webhook has characters or a length a webhook code cannot have. Copy the address again from Bitrix24.',
      'Секретный код вебхука содержит символы или имеет длину, недопустимые для кода вебхука. Скопируйте адрес из Битрикс24 заново.'
    )
  }
  return { origin: `https://${url.host}`, host: url.host, userId: Number(uid), code }
}

/** The portal address of an OAuth portal: https (or trusted loopback), host only. */
export const parsePortalUrl = (
  input: string,
  opts: { trustsCustomCa?: boolean } = {}
): { origin: string; host: string } => {
  let url: URL
  try {
    url = new URL(/^[a-z]+:\/\//i.test(input.trim()) ? input.trim() : `https://${input.trim()}`)
  } catch {
    return refuse(
      'portal-not-a-url',
      'The portal address is not a web address. It looks like https://your-portal.bitrix24.com',
      'Адрес портала не является веб-адресом. Он выглядит так: https://your-portal.bitrix24.com'
    )
  }
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && isLoopbackHost(url.hostname) && opts.trustsCustomCa)
  ) {
    refuse(
      'portal-plain-http',
      'The portal address must start with https://.',
      'Адрес портала должен начинаться с https://.'
    )
  }
  if (url.username || url.password) {
    refuse(
      'portal-userinfo',
      'The portal address must not contain a user name or password.',
      'Адрес портала не должен содержать имя пользователя или пароль.'
    )
  }
  return { origin: `https://${url.host}`, host: url.host }
}

const refuseOAuthServer = (reason: string, en: string, ru: string): never => {
  throw new AppError('OAUTH_SERVER_INVALID', localize({ en, ru }), {
    category: 'permanent',
    details: { reason }
  })
}

/**
 * The OAuth server of an application portal, as a base URL without a trailing slash. The client
 * secret and refresh token go there on every refresh, so it gets the portal address's rule: https,
 * or plain http only on loopback with an explicitly trusted certificate (then spoken to over https).
 */
export const parseOAuthServerUrl = (input: string, opts: { trustsCustomCa?: boolean } = {}): string => {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    return refuseOAuthServer(
      'oauth-not-a-url',
      'The OAuth server address is not a web address. Leave it empty for https://oauth.bitrix24.tech, or give your region’s server, for example https://oauth.bitrix.info',
      'Адрес сервера OAuth не является веб-адресом. Оставьте его пустым для https://oauth.bitrix24.tech или укажите сервер своего региона, например https://oauth.bitrix.info'
    )
  }
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && isLoopbackHost(url.hostname) && opts.trustsCustomCa)
  ) {
    refuseOAuthServer(
      'oauth-plain-http',
      'The OAuth server address must start with https://. The application’s secret and refresh token are sent there and must not travel unencrypted.',
      'Адрес сервера OAuth должен начинаться с https://. Туда отправляются секрет приложения и токен обновления, их нельзя передавать без шифрования.'
    )
  }
  if (url.username || url.password) {
    refuseOAuthServer(
      'oauth-userinfo',
      'The OAuth server address must not contain a user name or password.',
      'Адрес сервера OAuth не должен содержать имя пользователя или пароль.'
    )
  }
  if (url.search || url.hash) {
    refuseOAuthServer(
      'oauth-query',
      'The OAuth server address must not contain a query (?…) or a fragment (#…).',
      'Адрес сервера OAuth не должен содержать параметры запроса (?…) или фрагмент (#…).'
    )
  }
  return `https://${url.host}${url.pathname}`
    .replace(/\/+$/, '')
    .replace(/\/oauth\/token$/, '')
    .replace(/\/rest$/, '')
}
