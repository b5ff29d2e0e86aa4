import { header } from './i18n'

/** Plain aligned columns for people, headed in their language; scripts use --json. */
export const formatTable = (
  englishHeaders: string[],
  rows: Array<Array<string | number | boolean | null | undefined>>
): string => {
  const headers = englishHeaders.map(header)
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))))
  const widths = headers.map((h, i) =>
    Math.min(60, Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)))
  )
  const line = (r: string[]) =>
    r
      .map((c, i) => (c.length > widths[i] ? `${c.slice(0, widths[i] - 1)}…` : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd()
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n'
}
