/**
 * Masks credentials that may hide in text meant for a person or a log: the code of a webhook path
 * and token-like query or JSON parameters. Portal descriptions and transport errors can quote URLs.
 */
export const redactSecrets = (text: string): string =>
  text
    .replace(/(\/rest\/\d+\/)[^/\s?#"']+/g, '$1***')
    .replace(
      /((?:auth|access_token|refresh_token|client_secret|token|password)["']?\s*[=:]\s*["']?)[^&\s"',}]+/gi,
      '$1***'
    )
