import { join } from 'node:path'
import type { PreviewTarget } from '../../../shared/domain/catalog'
import type { RequestOutput } from '../../../shared/ipc/contract'
import type { Handlers } from '../../../shared/ipc/handlers'
import type { PortalClientHandle } from '../bitrix/client'
import { RestError } from '../bitrix/types'
import { createPreviewDiskCache } from './disk-cache'
import { previewSourceUrl } from './source'

export type PreviewHandlers = Pick<Handlers, 'previews:get'>

/** A preview image as a data: URL (null: the portal has none to show), and whether it came from disk. */
export type Preview = RequestOutput<'previews:get'>

export interface PreviewsDeps {
  dataDir: string
  now: () => number
  portals: {
    has(portalId: string): boolean
    clientFor(portalId: string): Promise<PortalClientHandle>
  }
  /** A cached image younger than this is served without asking the portal. */
  maxAgeMs?: number
}

export interface PreviewsService {
  /** `previews:get`, adapted from `get`. */
  handlers: PreviewHandlers
  get(target: PreviewTarget): Promise<Preview>
  /** Drops the portal's images from disk (it was removed). */
  forget(portalId: string): void
}

const MAX_BYTES = 5_000_000

const dataUrl = (bytes: Buffer, contentType: string) =>
  `data:${contentType};base64,${bytes.toString('base64')}`

/** Image types the renderer may show; anything else (an HTML login page, say) is not a preview. */
const imageType = (contentType: string | null, bytes: Buffer): string | null => {
  const declared = contentType?.split(';')[0].trim().toLowerCase()
  if (declared && /^image\/(png|jpeg|gif|webp)$/.test(declared)) return declared
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png'
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg'
  return null
}

/**
 * Site and page previews: asks the portal for the preview URL, downloads the image under the rules
 * for addresses a server hands us (the portal's host or a Bitrix24 site host, https, no redirect
 * elsewhere, no internal address; see bitrix/resource-fetch.ts), keeps it on disk and answers with
 * a data: URL (the renderer's CSP allows only data: images). When the portal cannot be reached, the
 * last image seen is served instead.
 */
export const createPreviewsService = (deps: PreviewsDeps): PreviewsService => {
  const cache = createPreviewDiskCache(join(deps.dataDir, 'previews'))
  const maxAge = deps.maxAgeMs ?? 60 * 60_000

  const get = async ({ portalId, kind, id, scope }: PreviewTarget): Promise<Preview> => {
    const key = `${kind}-${scope || 'default'}-${id}`
    const cached = cache.read(portalId, key)
    if (cached && deps.now() - cached.fetchedAt < maxAge) {
      return { dataUrl: dataUrl(cached.bytes, cached.contentType), cached: true }
    }
    if (!deps.portals.has(portalId)) return { dataUrl: null, cached: false }
    try {
      const client = await deps.portals.clientFor(portalId)
      const scoped = scope ? { scope } : {}
      const { result } =
        kind === 'site'
          ? await client.call<unknown>('landing.site.getPreview', { id, ...scoped })
          : await client.call<unknown>('landing.landing.getpreview', { lid: id, ...scoped })
      const source = typeof result === 'string' ? previewSourceUrl(result, client.host) : null
      if (!source) return { dataUrl: null, cached: false }
      // The image may live on a Bitrix24 site host rather than the portal: how that download
      // fares says nothing about the portal's health, so it is not reported (only REST calls are).
      const image = await client.fetchBytes(source.toString(), { maxBytes: MAX_BYTES })
      const type = imageType(image.contentType, image.bytes)
      if (!type) return { dataUrl: null, cached: false }
      cache.write(portalId, key, { bytes: image.bytes, contentType: type })
      return { dataUrl: dataUrl(image.bytes, type), cached: false }
    } catch (err) {
      if (cached) return { dataUrl: dataUrl(cached.bytes, cached.contentType), cached: true }
      // A refused source is said, so the person knows why there is no picture; no image at
      // the address (404) is simply no preview.
      if (err instanceof RestError && err.category === 'permanent' && err.code !== 'PREVIEW_REFUSED')
        return { dataUrl: null, cached: false }
      throw err
    }
  }
  return {
    get,
    forget: (portalId) => cache.forget(portalId),
    handlers: { 'previews:get': (target) => get(target) }
  }
}
