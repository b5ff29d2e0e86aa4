import type { Params } from '../params.ts'
import type { PortalData } from '../state.ts'
import type { Conditions, Transport } from '../types.ts'

/** What method handlers may see of the portal. */
export interface PortalEnv {
  readonly data: PortalData
  readonly conditions: Conditions
  readonly baseUrl: string
  readonly host: string
  readonly utcOffsetMinutes: number
  readonly memberId: string
  now(): number
  previewUrl(pageId: number): string
}

export interface MethodContext {
  env: PortalEnv
  transport: Transport
  params: Params
  userId: number
  /** REST scopes granted to the caller's webhook or token. */
  scopes: string[]
  /**
   * The internal landing scope this command runs in ('' = standard sites), decided by the router:
   * the command's own `scope`, or in a batch with sticky scope the last non-empty one (docs/bitrix24.md#sticky-scope).
   */
  landingScope: string
  /** The landing module's static caches for this HTTP request (a whole batch shares them). */
  request: RequestCaches
}

/**
 * What the landing module keeps in PHP statics for one request: `Folder::getBreadCrumbs`' folder
 * states per site (as first read), and the sites `Mutator` already activated (landing `lib/folder.php`,
 * `lib/mutator.php`). Used only while the `requestCaches` condition is on.
 */
export interface RequestCaches {
  folders: Map<number, Map<number, boolean>>
  activatedSites: Set<number>
}

export const newRequestCaches = (): RequestCaches => ({ folders: new Map(), activatedSites: new Set() })

export interface MethodOutput {
  result: unknown
  next?: number
  total?: number
}

export interface MethodDef {
  /** REST scope the caller must hold; null for methods every caller may use. */
  scope: string | null
  handle(ctx: MethodContext): MethodOutput
}

export type MethodTable = Record<string, MethodDef>

export const NOPREVIEW_PATH = '/bitrix/images/landing/nopreview.jpg'
