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
  sitePublication: 'active-pages',
  batchResultTimeOperating: false
})

/** Simulated handler time (ms) when the caller gives none: publication is the slow part. */
export function defaultProcessingMs(method: string): number {
  if (method === 'batch') return 0
  if (/\.(publication|unpublic|publicationfolder|unpublicfolder|enablepublicurl)$/.test(method)) return 25
  if (/\.(getlist|list|getfolders)$/.test(method)) return 12
  return 5
}
