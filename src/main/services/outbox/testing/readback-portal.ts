// A fake portal's landing objects for the read-back tests: answers the read commands the verifier sends.
import type { LandingScope } from '../../../../shared/domain/catalog'
import type { BatchCommand, BatchItemResult, RestError } from '../../bitrix/types'
import type { ReadbackPort } from '../verify-types'

/**
 * A portal's landing objects in memory, answering the read commands the verifier sends with the
 * server's rules that matter here: a batch's scope sticks (docs/bitrix24.md#sticky-scope), objects of another scope are
 * invisible, lists filter by ID / SITE_ID / FOLDER_ID and page by limit/offset.
 */
interface FakeSite {
  id: number
  scope: LandingScope
  title: string
  active: boolean
  modified?: string
}
interface FakePage {
  id: number
  siteId: number
  folderId: number | null
  title: string
  active: boolean
  modified?: string
}
interface FakeFolder {
  id: number
  siteId: number
  parentId: number | null
  title: string
  active: boolean
}

export const fakePortal = () => {
  const sites: FakeSite[] = []
  const pages: FakePage[] = []
  const folders: FakeFolder[] = []
  const documents = new Map<number, string | null>()
  const sent: BatchCommand[][] = []
  let failNext: RestError | null = null
  const scopeOf = (siteId: number) => sites.find((s) => s.id === siteId)?.scope
  const asList = (v: unknown): number[] => (Array.isArray(v) ? v.map(Number) : [Number(v)])

  const answer = (c: BatchCommand, scope: LandingScope): BatchItemResult => {
    const p = (c.params.params ?? {}) as { filter?: Record<string, unknown>; limit?: number; offset?: number }
    const f = p.filter ?? {}
    const slice = <T>(rows: T[]) =>
      p.limit ? rows.slice(p.offset ?? 0, (p.offset ?? 0) + p.limit) : rows.slice(p.offset ?? 0)
    const ok = (result: unknown): BatchItemResult => ({ ok: true, result, timing: null })
    switch (c.method) {
      case 'landing.site.getList':
        return ok(
          sites
            .filter((s) => s.scope === scope && (!f.ID || asList(f.ID).includes(s.id)))
            .map((s) => ({
              ID: String(s.id),
              TITLE: s.title,
              CODE: `/${s.id}/`,
              TYPE: s.scope || 'PAGE',
              ACTIVE: s.active ? 'Y' : 'N',
              DATE_MODIFY: s.modified ?? '2024-01-01 10:00:00'
            }))
        )
      case 'landing.landing.getList':
        return ok(
          slice(
            pages
              .filter((pg) => scopeOf(pg.siteId) === scope)
              .filter((pg) => !f.ID || asList(f.ID).includes(pg.id))
              .filter((pg) => !f.SITE_ID || asList(f.SITE_ID).includes(pg.siteId))
              .filter((pg) => !f.FOLDER_ID || asList(f.FOLDER_ID).includes(pg.folderId ?? 0))
              .map((pg) => ({
                ID: String(pg.id),
                TITLE: pg.title,
                CODE: `p${pg.id}`,
                SITE_ID: String(pg.siteId),
                FOLDER_ID: pg.folderId === null ? null : String(pg.folderId),
                ACTIVE: pg.active ? 'Y' : 'N',
                DATE_MODIFY: pg.modified ?? '2024-01-01 10:00:00'
              }))
          )
        )
      case 'landing.site.getFolders': {
        const siteId = Number(c.params.siteId)
        if (scopeOf(siteId) !== scope) return ok([])
        return ok(
          folders
            .filter((fo) => fo.siteId === siteId)
            .map((fo) => ({
              ID: String(fo.id),
              SITE_ID: String(fo.siteId),
              PARENT_ID: fo.parentId === null ? null : String(fo.parentId),
              TITLE: fo.title,
              ACTIVE: fo.active ? 'Y' : 'N'
            }))
        )
      }
      case 'crm.documentgenerator.document.get': {
        const id = Number(c.params.id)
        if (!documents.has(id)) throw new Error(`no document ${id}`)
        return ok({
          document: { id: String(id), title: `Doc ${id}`, number: `N-${id}`, publicUrl: documents.get(id) }
        })
      }
      default:
        throw new Error(`unexpected read ${c.method}`)
    }
  }

  const port: ReadbackPort = {
    async send(commands) {
      sent.push(commands)
      if (failNext) {
        const e = failNext
        failNext = null
        throw e
      }
      let scope: LandingScope = ''
      return commands.map((c) => {
        // The server's sticky scope: a command with a scope sets it for the rest of the batch.
        if (typeof c.params.scope === 'string' && c.params.scope) scope = c.params.scope as LandingScope
        return answer(c, scope)
      })
    }
  }
  return {
    sites,
    pages,
    folders,
    documents,
    sent,
    port,
    failWith(e: RestError) {
      failNext = e
    }
  }
}
