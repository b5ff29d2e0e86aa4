import { useRef, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useStore } from '../../store'
import type { View } from '../../store/types'

const VIEWS: View[] = ['sites', 'pages', 'documents', 'previews', 'snapshots']

/** The views as a tab list: arrow keys move between tabs, as in a native tab control. */
export const ViewTabs = () => {
  const { t } = useTranslation()
  const view = useStore((s) => s.view)
  const setView = useStore((s) => s.setView)
  const refs = useRef<Array<HTMLButtonElement | null>>([])
  const onKeyDown = (e: KeyboardEvent) => {
    const i = VIEWS.indexOf(view)
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % VIEWS.length
        : e.key === 'ArrowLeft'
          ? (i + VIEWS.length - 1) % VIEWS.length
          : -1
    if (next < 0) return
    e.preventDefault()
    setView(VIEWS[next])
    refs.current[next]?.focus()
  }
  return (
    <div role="tablist" aria-label={t('app.mainViews')} className="tabs" onKeyDown={onKeyDown}>
      {VIEWS.map((v, i) => (
        <button
          key={v}
          ref={(el) => {
            refs.current[i] = el
          }}
          type="button"
          role="tab"
          id={`tab-${v}`}
          aria-selected={view === v}
          aria-controls="view-panel"
          tabIndex={view === v ? 0 : -1}
          onClick={() => setView(v)}
        >
          {t(`views.${v}`)}
        </button>
      ))}
    </div>
  )
}
