/** A path separator as text may carry it: plain, escaped in JSON (`\/`) or percent-encoded (`%2F`). */
const SEP = String.raw`(?:/|\\/|%2[fF])`

/** The code of a webhook path (`/rest/<user>/<code>/`), in any of the separator forms above. */
const WEBHOOK_CODE = new RegExp(String.raw`(${SEP}rest${SEP}\d+${SEP})[^/\\%\s?#&"'<>]+`, 'g')

/**
 * A credential-like key followed by its value, in a query (`token=…`), JSON (`"clientSecret":"…"`,
 * also escaped inside another JSON string) or a log line (`password: …`). snake_case, camelCase and
 * kebab-case spellings alike.
 */
const KEYED = new RegExp(
  String.raw`((?<![A-Za-z0-9_])(?:auth|access[_-]?token|refresh[_-]?token|client[_-]?secret|application[_-]?token|app[_-]?secret|secret|token|password)(?:\\?["'])?\s*[=:]\s*(?:\\?["'])?)[^&\s"',}\\]+`,
  'gi'
)

/** An OAuth authorization code in a query string (`?code=…`, `&code=…`). */
const QUERY_CODE = /([?&#]code=)[^&\s"'#]+/gi

/** A bearer token in a header or a quoted request. */
const BEARER = /(\bBearer\s+)[A-Za-z0-9._~+/=-]+/gi

/**
 * Masks credentials that may hide in text meant for a person or a log: the code of a webhook path
 * and token-like query or JSON parameters. Portal descriptions and transport errors can quote URLs.
 */
export const redactSecrets = (text: string): string =>
  text
    .replace(WEBHOOK_CODE, '$1***')
    .replace(KEYED, '$1***')
    .replace(QUERY_CODE, '$1***')
    .replace(BEARER, '$1***')
