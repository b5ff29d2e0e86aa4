import { useEffect } from 'react'
import { useStore } from '../../store'

/** The latest short message, announced politely and gone after a few seconds. */
export const Notice = () => {
  const notice = useStore((s) => s.notice)
  const dismiss = useStore((s) => s.dismissNotice)
  useEffect(() => {
    if (!notice) return
    const timer = setTimeout(dismiss, notice.tone === 'error' ? 8000 : 4000)
    return () => clearTimeout(timer)
  }, [notice, dismiss])
  return (
    <div className="notice-region" role="status" aria-live="polite" aria-label="notice">
      {notice && (
        <p key={notice.id} className="notice" data-tone={notice.tone}>
          {notice.text}
        </p>
      )}
    </div>
  )
}
