import { describe, expect, it } from 'vitest'
import { csvCell, operationsCsv } from './export'
import type { OperationView } from '../../../shared/domain/outbox'

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
})
