import { z } from 'zod'
import { limitsPresetSchema, portalMetaSchema } from '../../../shared/domain/portal'
import { AppError } from '../errors'
import { localize } from '../app/language'
import { isLoopbackHost, parseOAuthServerUrl } from '../bitrix/webhook-url'
import type { PortalRecord } from './registry'
import { messages } from './messages'

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
    throw new AppError('IMPORT_INVALID', localize(messages.importInvalid), { category: 'permanent' })
  }
  return parsed.data.portals
}

const hostnameOf = (host: string): string | null => {
  try {
    return new URL(`https://${host}`).hostname
  } catch {
    return null
  }
}

/**
 * What of an imported entry may be trusted. A portal list is a file people pass around: a CA it
 * carries would make B24 Desk accept that CA's certificates for the host, so one is kept only for
 * a loopback host (the emulated portal on this computer). An OAuth server that breaks the rules
 * for one entered by hand is dropped too. `notes` say what was left out, in plain language.
 */
export const trustedImport = (p: ExportedPortal): { portal: ExportedPortal; notes: string[] } => {
  const notes: string[] = []
  const hostname = hostnameOf(p.host)
  let caPem = p.caPem?.trim() ? p.caPem : null
  if (caPem && !(hostname && isLoopbackHost(hostname))) {
    caPem = null
    notes.push(localize(messages.importCaDropped))
  }
  let oauthServer = p.oauthServer?.trim() ? p.oauthServer : null
  if (oauthServer) {
    try {
      oauthServer = parseOAuthServerUrl(oauthServer, { trustsCustomCa: Boolean(caPem) })
    } catch {
      oauthServer = null
      notes.push(localize(messages.importOAuthServerDropped))
    }
  }
  return { portal: { ...p, caPem, oauthServer }, notes }
}
