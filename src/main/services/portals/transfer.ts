import { z } from 'zod'
import { limitsPresetSchema, portalMetaSchema } from '../../../shared/domain/portal'
import { AppError } from '../../ipc/errors'
import { localize } from '../app/language'
import type { PortalRecord } from './registry'

export const EXPORT_FORMAT = 'b24desk.portals'

const exportedPortalSchema = portalMetaSchema.extend({
  host: z.string().min(1).max(500),
  authKind: z.enum(['webhook', 'oauth']),
  limits: limitsPresetSchema.default('standard'),
  oauthServer: z.string().max(2000).nullable().optional(),
  caPem: z.string().max(100_000).nullable().optional()
})
export type ExportedPortal = z.infer<typeof exportedPortalSchema>

const exportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  portals: z.array(exportedPortalSchema).max(10_000)
})

/** The portal list without secrets: names, hosts, settings. Credentials must be entered again after import. */
export const exportPortals = (records: PortalRecord[], exportedAt: number): string =>
  JSON.stringify(
    {
      format: EXPORT_FORMAT,
      version: 1,
      exportedAt: new Date(exportedAt).toISOString(),
      portals: records
        .filter((r) => !r.demo)
        .map((r) => ({
          name: r.name,
          host: r.host,
          authKind: r.authKind,
          limits: r.limits,
          tags: r.tags,
          color: r.color,
          notes: r.notes,
          oauthServer: r.oauthServer,
          caPem: r.caPem
        }))
    },
    null,
    2
  )

export const parseExport = (json: string): ExportedPortal[] => {
  let raw: unknown
  try {
    raw = JSON.parse(json)
  } catch {
    raw = undefined
  }
  const parsed = exportSchema.safeParse(raw)
  if (!parsed.success) {
    throw new AppError(
      'IMPORT_INVALID',
      localize({
        en: 'This file is not a B24 Desk portal list (exported with “Export portals”).',
        ru: 'Этот файл не является списком порталов B24 Desk (созданным командой «Экспорт порталов»).'
      }),
      { category: 'permanent' }
    )
  }
  return parsed.data.portals
}
