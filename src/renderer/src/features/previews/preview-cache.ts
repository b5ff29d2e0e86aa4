import type { PreviewTarget } from '../../store/types'
import { call } from '../../ipc/client'
import { targetKey } from '../../store/keys'

export type PreviewResult = { dataUrl: string | null } | { error: string }

/**
 * Preview images already fetched in this window, by target; main keeps them on disk as well, so a
 * restart costs one IPC round trip per image, not a download.
 */
const cache = new Map<string, Promise<PreviewResult>>()

export const previewKey = (p: Pick<PreviewTarget, 'portalId' | 'kind' | 'id'>) =>
  targetKey(p.kind, p.portalId, p.id)

export const loadPreview = (p: PreviewTarget): Promise<PreviewResult> => {
  const key = previewKey(p)
  let pending = cache.get(key)
  if (!pending) {
    pending = call('previews:get', { portalId: p.portalId, kind: p.kind, id: p.id, scope: p.scope })
      .then((r) => ({ dataUrl: r.dataUrl }))
      .catch((err: Error) => {
        // A failure is not remembered: the next look may find the portal back.
        cache.delete(key)
        return { error: err.message }
      })
    cache.set(key, pending)
  }
  return pending
}

export const clearPreviewCache = () => cache.clear()
