import { describe, expect, it } from 'vitest'
import { csvCell, operationsCsv, operationsJson } from './export'
import type { JobChange, JobSummary, OperationView } from '../../../shared/domain/outbox'
import { setLanguage } from '../app/language'

describe('export', () => {
  it('quotes CSV cells and defuses formulas in portal-provided text', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell(null)).toBe('')
  })

  it('writes one line per operation with its outcome', () => {
    const op: OperationView = {
      id: 7,
      jobId: 2,
      portalId: 'p',
      kind: 'page',
      targetId: 12,
      scope: '',
      action: 'publish',
      label: 'Home, new',
      state: 'failed',
      attempts: 1,
      error: { code: 'LANDING_NOT_EXIST', message: 'Page not found', category: 'permanent' },
      updatedAt: 0
    }
    const lines = operationsCsv([op]).trim().split('\r\n')
    expect(lines[0].split(',')).toContain('error_code')
    expect(lines[1]).toBe(
      '7,2,p,page,12,,publish,"Home, new",failed,1,LANDING_NOT_EXIST,permanent,Page not found,1970-01-01T00:00:00.000Z'
    )
  })

  const mismatch: OperationView = {
    id: 8,
    jobId: 3,
    portalId: 'p',
    kind: 'page',
    targetId: 14,
    scope: 'KNOWLEDGE',
    action: 'publish',
    state: 'mismatch',
    attempts: 1,
    error: {
      code: 'PORTAL_REPORTS_OTHERWISE',
      message: 'The portal reports the page as not published.',
      category: 'permanent'
    },
    updatedAt: 0
  }
  const change: JobChange = {
    portalId: 'p',
    kind: 'page',
    id: 15,
    title: 'Inactive page',
    scope: '',
    before: false,
    after: true,
    at: Date.UTC(2026, 0, 2)
  }

  it('lists an operation the portal reports otherwise with what it reports, and what else changed on the portal', () => {
    setLanguage('en')
    const lines = operationsCsv([mismatch], { jobId: 3, changes: [change] })
      .trim()
      .split('\r\n')
    expect(lines[1]).toBe(
      '8,3,p,page,14,KNOWLEDGE,publish,,mismatch,1,PORTAL_REPORTS_OTHERWISE,permanent,The portal reports the page as not published.,1970-01-01T00:00:00.000Z'
    )
    expect(lines[2]).toBe(
      ',3,p,page,15,,,Inactive page,changed_on_portal,,,,Also changed on the portal: now published (was not).,2026-01-02T00:00:00.000Z'
    )
    setLanguage('ru')
    try {
      expect(
        operationsCsv([], { jobId: 3, changes: [{ ...change, kind: 'document', after: false }] })
      ).toContain('публичная ссылка теперь выключена')
    } finally {
      setLanguage('en')
    }
  })

  it('puts what else changed into the JSON export', () => {
    const job = { id: 3, title: 't', changes: 1 } as unknown as JobSummary
    const parsed = JSON.parse(operationsJson(job, [mismatch], [change]))
    expect(parsed.operations[0]).toMatchObject({
      state: 'mismatch',
      error: { code: 'PORTAL_REPORTS_OTHERWISE' }
    })
    expect(parsed.changes).toEqual([change])
  })
})
