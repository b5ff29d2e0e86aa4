/**
 * The image address a portal's getPreview answer names, as an absolute URL (null when it names
 * nothing). Whether it may be fetched is the fetcher's decision (bitrix/resource-fetch.ts), made
 * before any request. The landing module answers in three forms:
 * - a path on the portal ("/bitrix/images/landing/nopreview.jpg");
 * - a protocol-relative URL ("//portal.example.com/upload/…"; Manager::getUrlFromFile, which
 *   drops the port, so a portal on a non-standard port gets its own port back here);
 * - an absolute URL ("https://acme.bitrix24.site/preview.jpg": a page's public URL + preview.jpg).
 */
export const previewSourceUrl = (answer: string, portalHost: string): URL | null => {
  const value = answer.trim()
  if (value === '') return null
  const portal = new URL(`https://${portalHost}`)
  let url: URL
  try {
    if (value.startsWith('//')) {
      url = new URL(`https:${value}`)
      if (url.port === '' && url.hostname.toLowerCase() === portal.hostname.toLowerCase())
        url.port = portal.port
    } else if (value.startsWith('/')) {
      url = new URL(value, portal)
    } else {
      url = new URL(value)
    }
  } catch {
    return null
  }
  return url
}
