import { RestError, isoWithOffset } from '../envelope.ts'
import { compileFilter, parseFilterKey, parseOrder, sortRows } from '../filter.ts'
import type { FilterTerm, Row } from '../filter.ts'
import { asRecord, intParam } from '../params.ts'
import type { DocgenDocument } from '../state.ts'
import type { MethodContext, MethodTable, PortalEnv } from './context.ts'
import { isDenied } from './landing-common.ts'

const PAGE_SIZE = 50

/** D7 controller errors: HTTP 400 and codes like "0", "100" or "" (docs/bitrix24.md#documents). */
const docgenError = (code: string, description: string) => new RestError(400, code, description)
const missingId = () =>
  docgenError('100', 'Bitrix\\DocumentGenerator\\Document constructor must be is public')
const notFound = () => docgenError('0', 'Document not found')

const FIELDS = [
  'id',
  'title',
  'number',
  'templateId',
  'fileId',
  'imageId',
  'pdfId',
  'createTime',
  'updateTime',
  'values',
  'createdBy',
  'updatedBy',
  'stampsEnabled',
  'entityId',
  'entityTypeId'
]
const FIELD_BY_KEY = new Map(FIELDS.map((f) => [f.toLowerCase(), f]))

/** camelCase and SNAKE_UPPER names both reach the same field, as the controller converts them. */
function canonicalField(name: string): string | undefined {
  return FIELD_BY_KEY.get(name.replace(/_/g, '').toLowerCase())
}

function checkModule(env: PortalEnv): void {
  if (env.conditions.docgenNotInstalled) throw docgenError('', 'Module documentgenerator is not installed')
}

function urls(env: PortalEnv, d: DocgenDocument): Record<string, string> {
  const action = (a: string) =>
    `${env.baseUrl}/bitrix/services/main/ajax.php?action=crm.documentgenerator.document.${a}&SITE_ID=s1&id=${d.id}`
  const machine = (a: string) =>
    `${env.baseUrl}/rest/crm.documentgenerator.document.${a}.json?auth=&token=crm%7C${d.id}&id=${d.id}`
  return {
    downloadUrl: action('download'),
    pdfUrl: action('showpdf'),
    imageUrl: action('showimage'),
    downloadUrlMachine: machine('download'),
    pdfUrlMachine: machine('showpdf'),
    imageUrlMachine: machine('showimage')
  }
}

function listRow(env: PortalEnv, d: DocgenDocument): Record<string, unknown> {
  const off = env.utcOffsetMinutes
  return {
    id: String(d.id),
    title: d.title,
    number: d.number,
    templateId: String(d.templateId),
    fileId: String(d.fileId),
    imageId: d.imageId === null ? null : String(d.imageId),
    pdfId: d.pdfId === null ? null : String(d.pdfId),
    createTime: isoWithOffset(d.createdAt, off),
    updateTime: isoWithOffset(d.updatedAt, off),
    values: d.values,
    createdBy: String(d.createdBy),
    updatedBy: d.updatedBy === null ? null : String(d.updatedBy),
    stampsEnabled: d.stampsEnabled,
    entityId: String(d.entityId),
    entityTypeId: String(d.entityTypeId),
    ...urls(env, d)
  }
}

export function documentPublicUrl(env: PortalEnv, code: string): string {
  return `${env.baseUrl}/~${code}`
}

function fullDocument(env: PortalEnv, d: DocgenDocument): Record<string, unknown> {
  return {
    ...listRow(env, d),
    changeStampsEnabled: true,
    changeStampsDisabledReason: null,
    changeQrCodeEnabled: true,
    qrCodeEnabled: false,
    changeQrCodeDisabledReason: null,
    products: d.products,
    publicUrl: d.publicCode ? documentPublicUrl(env, d.publicCode) : null,
    isTransformationError: false,
    transformationErrorMessage: null,
    transformationErrorCode: null,
    pullTag: `TRANSFORMDOCUMENT${d.id}`,
    emailDiskFile: null
  }
}

/** Filters and sorts read the stored document, so only the returned page is serialised. */
function rawField(env: PortalEnv) {
  return (row: Row, field: string): unknown => {
    const d = row as unknown as DocgenDocument
    if (field === 'createTime') return isoWithOffset(d.createdAt, env.utcOffsetMinutes)
    if (field === 'updateTime') return isoWithOffset(d.updatedAt, env.utcOffsetMinutes)
    return (d as unknown as Record<string, unknown>)[field]
  }
}

function list(ctx: MethodContext) {
  const { env, params } = ctx
  checkModule(env)
  const select = Array.isArray(params.select) && params.select.length > 0 ? params.select.map(String) : ['*']
  for (const s of select) {
    if (s !== '*' && canonicalField(s) === 'entityTypeId') {
      throw docgenError(
        '100',
        'Unknown field definition ENTITY_TYPE_ID for Bitrix\\DocumentGenerator\\Model\\Document Entity.'
      )
    }
  }
  const terms: FilterTerm[] = []
  for (const [key, value] of Object.entries(asRecord(params.filter))) {
    const { field, op } = parseFilterKey(key)
    const canonical = canonicalField(field)
    if (!canonical) throw docgenError('100', `Unknown field definition ${field.toUpperCase()}`)
    terms.push({ field: canonical, op, value })
  }
  const getField = rawField(env)
  const pred = compileFilter(terms, getField)
  const matching = env.data.documents.filter(
    (d) => !isDenied(env, 'documents', d.id) && pred(d as unknown as Row)
  )
  const sorted = sortRows(
    matching as unknown as Row[],
    parseOrder(params.order, (f) => canonicalField(f) ?? f),
    getField
  )
  const rows = {
    length: sorted.length,
    slice: (from: number, to: number) =>
      sorted.slice(from, to).map((d) => listRow(env, d as unknown as DocgenDocument))
  }
  const startRaw = intParam(params.start) ?? 0
  // start < 0 skips counting: the top page only, total 0, no next (the "huge data" trick).
  if (startRaw < 0) {
    return { result: { documents: rows.slice(0, PAGE_SIZE).map((r) => projectDoc(r, select)) }, total: 0 }
  }
  const offset = Math.floor(startRaw / PAGE_SIZE) * PAGE_SIZE
  const page = rows.slice(offset, offset + PAGE_SIZE)
  const next = offset + page.length < rows.length ? offset + page.length : undefined
  return { result: { documents: page.map((r) => projectDoc(r, select)) }, next, total: rows.length }
}

function projectDoc(row: Record<string, unknown>, select: string[]): Record<string, unknown> {
  if (select.includes('*')) return row
  const out: Record<string, unknown> = { id: row.id }
  for (const s of select) {
    const f = canonicalField(s)
    if (f) out[f] = row[f]
  }
  return out
}

function findDocument(ctx: MethodContext): DocgenDocument {
  checkModule(ctx.env)
  const id = intParam(ctx.params.id)
  if (id === null || id <= 0) throw missingId()
  const doc = ctx.env.data.documentById.get(id)
  if (!doc) throw notFound()
  if (isDenied(ctx.env, 'documents', id)) throw docgenError('DOCGEN_ACCESS_ERROR', 'Access denied')
  return doc
}

function enablePublicUrl(ctx: MethodContext) {
  const doc = findDocument(ctx)
  const status = ctx.params.status === undefined ? 1 : intParam(ctx.params.status)
  if (status === 1) {
    if (!doc.publicCode)
      doc.publicCode = `${doc.id.toString(36)}${Math.floor(ctx.env.now() % 1e6).toString(36)}`
  } else {
    doc.publicCode = null
  }
  doc.updatedAt = ctx.env.now()
  return { result: { publicUrl: doc.publicCode ? documentPublicUrl(ctx.env, doc.publicCode) : null } }
}

export const docgenMethods: MethodTable = {
  'crm.documentgenerator.document.list': { scope: 'crm', handle: list },
  'crm.documentgenerator.document.get': {
    scope: 'crm',
    handle: (ctx) => ({ result: { document: fullDocument(ctx.env, findDocument(ctx)) } })
  },
  'crm.documentgenerator.document.enablepublicurl': { scope: 'crm', handle: enablePublicUrl }
}
