import { z } from 'zod'
import type { Conditions } from './types.ts'

export const DEFAULT_SCOPES = ['landing', 'crm', 'user']

export const defaultConditions = (): Conditions => ({
  publishingOnlyPaid: false,
  phoneNotConfirmed: false,
  emailNotConfirmed: false,
  deniedObjects: {},
  webhookScopes: [...DEFAULT_SCOPES],
  appScopes: [...DEFAULT_SCOPES],
  overloaded: false,
  deleted: false,
  revokedWebhook: false,
  docgenNotInstalled: false,
  batchOver50: 'per-command',
  stickyScope: true,
  sitePublication: 'server',
  siteUnpublication: 'server',
  dateFormat: 'us',
  overloadMs: 1000,
  batchResultTimeOperating: false,
  sitePublicationFailure: 'partial',
  requestCaches: true,
  trashInUnfilteredList: true,
  publicationWithoutRight: 'empty',
  mainPageSites: false,
  siteViewRight: true
})

const ids = z.array(z.number().int().positive())
const positive = z.number().int().positive()

/**
 * What a caller may change, checked before anything is applied, so a typo in a test or on the
 * control API is an error that names the field instead of a silently ignored key. `null` clears
 * an optional limit (JSON has no `undefined`).
 */
export const conditionsPatchSchema = z
  .object({
    publicSiteLimit: z.number().int().nonnegative().nullish(),
    publicPageLimit: z.number().int().nonnegative().nullish(),
    publishingOnlyPaid: z.boolean(),
    phoneNotConfirmed: z.boolean(),
    emailNotConfirmed: z.boolean(),
    deniedObjects: z.object({ sites: ids, pages: ids, folders: ids, documents: ids }).partial().strict(),
    webhookScopes: z.array(z.string()),
    appScopes: z.array(z.string()),
    overloaded: z.boolean(),
    deleted: z.boolean(),
    revokedWebhook: z.boolean(),
    docgenNotInstalled: z.boolean(),
    rate: z
      .object({ burst: z.number().positive(), drainPerSecond: z.number().positive() })
      .strict()
      .nullish(),
    operatingLimitSec: z.number().positive().nullish(),
    batchOver50: z.enum(['per-command', 'reject-400']),
    stickyScope: z.boolean(),
    sitePublication: z.enum(['server', 'docs']),
    siteUnpublication: z.enum(['server', 'docs']),
    dateFormat: z.enum(['us', 'ru', 'eu-slash']),
    concurrency: positive.nullish(),
    overloadAbove: positive.nullish(),
    overloadMs: z.number().int().nonnegative(),
    batchResultTimeOperating: z.boolean(),
    operatingResetAt: z.number().positive().nullish(),
    memberId: z.string().min(1).max(64).nullish(),
    listTotal: z.number().nonnegative().nullish(),
    listRepeats: z.boolean().nullish(),
    sitePublicationFailure: z.enum(['partial', 'atomic']),
    requestCaches: z.boolean(),
    trashInUnfilteredList: z.boolean(),
    publicationWithoutRight: z.enum(['empty', 'access-denied']),
    mainPageSites: z.boolean(),
    siteViewRight: z.boolean()
  })
  .partial()
  .strict()

/** Input a caller got wrong (the control API answers it with 400). */
export class BadInput extends Error {}

/** A checked patch with `null` turned into "unset"; throws a readable error naming each bad field. */
export function parseConditionsPatch(input: unknown): Partial<Conditions> {
  const parsed = conditionsPatchSchema.safeParse(input)
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')
    throw new BadInput(`Bad conditions: ${why}`)
  }
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(parsed.data)) out[k] = v === null ? undefined : v
  return out as Partial<Conditions>
}

/** Simulated handler time (ms) when the caller gives none: publication is the slow part. */
export function defaultProcessingMs(method: string): number {
  if (method === 'batch') return 0
  if (/\.(publication|unpublic|publicationfolder|unpublicfolder|enablepublicurl)$/.test(method)) return 25
  if (/\.(getlist|list|getfolders)$/.test(method)) return 12
  return 5
}
