import { z } from 'zod'

export const limitsPresetSchema = z.enum(['standard', 'enterprise', 'self-hosted'])
export type LimitsPreset = z.infer<typeof limitsPresetSchema>

export type AuthKind = 'webhook' | 'oauth'

/** What a person or the app can do about an error; drives retries and banners. */
export type ErrorCategory = 'transient' | 'unreachable' | 'auth' | 'limited' | 'permanent'

export type HealthState = 'unknown' | 'online' | 'unreachable' | 'auth_failed' | 'limited'

export interface PortalHealth {
  state: HealthState
  /** Last error seen on this portal, already in plain language. */
  lastError?: { code: string; message: string; category: ErrorCategory; at: number }
  checkedAt?: number
  nextProbeAt?: number
}

/** A portal as the renderer sees it: never a secret. */
export interface PortalSummary {
  id: string
  name: string
  host: string
  authKind: AuthKind
  limits: LimitsPreset
  tags: string[]
  color: string | null
  notes: string
  demo: boolean
  health: PortalHealth
  lastSyncAt: number | null
  /** At most this many outbox requests in flight on this portal at once (1: one at a time); default 4. */
  maxInFlight: number
}

/** A certificate given to trust for one portal's host, as checked before it is saved. */
export interface TrustedCaInfo {
  /** The subject's distinguished name, e.g. "CN=Acme Root CA, O=Acme". */
  subject: string
  /** SHA-256 of the DER certificate, as colon-separated hex: what a person compares with their CA's. */
  fingerprint256: string
  /** ISO date-time after which the certificate is no longer valid. */
  validTo: string
}

/** Result of calling a portal with candidate credentials before they are saved. */
export interface ConnectionReport {
  host: string
  user: { id: string; name: string; admin: boolean }
  scopes: string[]
  landing: boolean
  crm: boolean
  /** The certificates trusted for this host only (empty or absent: the system's roots only). */
  ca?: TrustedCaInfo[]
}

/** What adding a portal answers: the portal, and what the check before saving it found. */
export interface AddedPortal extends PortalSummary {
  /** Always set by the app; optional so that callers which only need the portal can ignore it. */
  connection?: ConnectionReport
}

const webhookCredentials = z.object({
  kind: z.literal('webhook'),
  webhookUrl: z.string().min(1).max(2000),
  /** PEM of a certificate to trust for this portal (the emulated portal); otherwise system trust. */
  caPem: z.string().max(100_000).optional()
})

const oauthCredentials = z.object({
  kind: z.literal('oauth'),
  portalUrl: z.string().min(1).max(2000),
  clientId: z.string().min(1).max(500),
  clientSecret: z.string().min(1).max(500),
  accessToken: z.string().min(1).max(2000),
  refreshToken: z.string().min(1).max(2000),
  oauthServer: z.string().max(2000).optional(),
  caPem: z.string().max(100_000).optional()
})

export const credentialsInputSchema = z.discriminatedUnion('kind', [webhookCredentials, oauthCredentials])
export type CredentialsInput = z.infer<typeof credentialsInputSchema>

export const portalMetaSchema = z.object({
  name: z.string().trim().min(1).max(200),
  limits: limitsPresetSchema.default('standard'),
  tags: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .nullable()
    .default(null),
  notes: z.string().max(5000).default('')
})
export type PortalMeta = z.infer<typeof portalMetaSchema>

/** The per-portal ceiling of outbox requests in flight; more than a few only adds overload risk. */
export const MAX_IN_FLIGHT_LIMIT = 16
export const DEFAULT_MAX_IN_FLIGHT = 4
export const maxInFlightSchema = z.number().int().min(1).max(MAX_IN_FLIGHT_LIMIT)

/**
 * A change to some of a portal's settings. Not `portalMetaSchema.partial()`: zod still applies the
 * defaults of a partial schema, so renaming a portal would also reset its limits, tags and colour.
 */
export const portalMetaPatchSchema = z.object({
  name: portalMetaSchema.shape.name.optional(),
  limits: limitsPresetSchema.optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .nullable()
    .optional(),
  notes: z.string().max(5000).optional(),
  maxInFlight: maxInFlightSchema.optional()
})

export const portalIdSchema = z.string().min(1).max(100)
