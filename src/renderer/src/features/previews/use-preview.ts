import { useEffect, useRef, useState } from 'react'
import type { PreviewTarget } from '../../store/types'
import { loadPreview, previewKey, type PreviewResult } from './preview-cache'

/**
 * Loads a preview once its element comes near the viewport: a gallery of hundreds of cards asks
 * main only for the images a person actually scrolls to.
 */
export const useLazyPreview = (target: PreviewTarget, eager = false) => {
  const ref = useRef<HTMLElement | null>(null)
  const [visible, setVisible] = useState(eager)
  const [result, setResult] = useState<{ key: string; value: PreviewResult } | null>(null)
  const key = previewKey(target)

  useEffect(() => {
    if (visible) return
    const el = ref.current
    if (!el || typeof IntersectionObserver === 'undefined') {
      setVisible(true)
      return
    }
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setVisible(true)
          io.disconnect()
        }
      },
      { rootMargin: '200px' }
    )
    io.observe(el)
    return () => io.disconnect()
  }, [visible])

  useEffect(() => {
    if (!visible) return
    let live = true
    void loadPreview(target).then((value) => {
      if (live) setResult({ key, value })
    })
    return () => {
      live = false
    }
    // `target` is identified by `key`; a new object for the same target must not reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visible, key])

  return { ref, result: result?.key === key ? result.value : null }
}
