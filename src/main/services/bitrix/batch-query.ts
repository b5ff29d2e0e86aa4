/**
 * Encodes params the way PHP's `parse_str` reads them back (`a[b][0]=x`), which is how the portal
 * parses each `method?query` command of a batch. Booleans become 1/0 like http_build_query does.
 */
export const encodeBatchParams = (params: Record<string, unknown>): string => {
  const pairs: string[] = []
  const walk = (key: string, value: unknown): void => {
    if (value === undefined) return
    if (value === null) {
      pairs.push(`${encodeURIComponent(key)}=`)
    } else if (Array.isArray(value)) {
      // An empty array would vanish; send an empty value so the parameter still exists.
      if (value.length === 0) pairs.push(`${encodeURIComponent(key)}=`)
      value.forEach((v, i) => walk(`${key}[${i}]`, v))
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(`${key}[${k}]`, v)
    } else if (typeof value === 'boolean') {
      pairs.push(`${encodeURIComponent(key)}=${value ? 1 : 0}`)
    } else {
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    }
  }
  for (const [k, v] of Object.entries(params)) walk(k, v)
  return pairs.join('&')
}

export const batchCommand = (method: string, params: Record<string, unknown>): string => {
  const query = encodeBatchParams(params)
  return query ? `${method}?${query}` : method
}
