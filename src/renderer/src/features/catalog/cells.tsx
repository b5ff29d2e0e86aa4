import { call } from '../../ipc/client'
import { useStore } from '../../store'

/** Labels come from the column definition: a hook per cell would cost on every scrolled row. */
export const PublishedPill = ({ on, yes, no }: { on: boolean; yes: string; no: string }) => (
  <span className={on ? 'pill pill-on' : 'pill'}>{on ? yes : no}</span>
)

export const openExternal = (url: string) =>
  call('app:openExternal', { url }).catch((err: Error) => useStore.getState().notify(err.message, 'error'))

/** A public URL opens in the system browser; the click must not also toggle the row. */
export const UrlCell = ({ url }: { url: string | null }) => {
  if (!url) return <span className="muted">—</span>
  return (
    <a
      href={url}
      className="url"
      tabIndex={-1}
      onClick={(e) => {
        e.preventDefault()
        e.stopPropagation()
        void openExternal(url)
      }}
    >
      {url.replace(/^https?:\/\//, '')}
    </a>
  )
}
