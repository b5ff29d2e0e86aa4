import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { formatDate } from '../shell/format'
import './row-state.css'

// Labels come from the column definitions: a translation hook per cell would cost on every scrolled row.

/** Words for StateCell, built once per language by the column definition. */
export interface StateLabels {
  yes: string
  no: string
  siteOff: string
  siteOffHint: string
  siteUnknownHint: string
  publishing: string
  unpublishing: string
  queuedPublish: string
  queuedUnpublish: string
}

export const stateLabels = (t: (key: string) => string): StateLabels => ({
  yes: t('table.yes'),
  no: t('table.no'),
  siteOff: t('rowState.liveSiteOff'),
  siteOffHint: t('rowState.liveSiteOffHint'),
  siteUnknownHint: t('rowState.siteUnknownHint'),
  publishing: t('rowState.publishing'),
  unpublishing: t('rowState.unpublishing'),
  queuedPublish: t('rowState.queuedPublish'),
  queuedUnpublish: t('rowState.queuedUnpublish')
})

/**
 * The published state the portal last reported, and, beside it, an operation on the row that is
 * not over yet. A page is "Yes" only when it and its site are active; active under an unpublished
 * site it says so. The intended state is never shown before the portal confirms it.
 */
export const StateCell = ({
  on,
  siteActive,
  target,
  labels
}: {
  on: boolean
  /** Pages only: whether their site is active (null: not known). */
  siteActive?: boolean | null
  /** The row's `targetKey`, to find its unsettled operation. */
  target: string
  labels: StateLabels
}) => {
  // One small subscription per visible cell: rows scroll in and out, the map changes rarely.
  const flight = useStore((s) => s.unsettled[target])
  const pill =
    on && siteActive === false ? (
      <span className="pill pill-warn" title={labels.siteOffHint}>
        {labels.siteOff}
      </span>
    ) : (
      <span
        className={on ? 'pill pill-on' : 'pill'}
        title={on && siteActive === null ? labels.siteUnknownHint : undefined}
      >
        {on ? labels.yes : labels.no}
      </span>
    )
  if (!flight) return pill
  const publish = flight.action === 'publish'
  const note = flight.sending
    ? publish
      ? labels.publishing
      : labels.unpublishing
    : publish
      ? labels.queuedPublish
      : labels.queuedUnpublish
  return (
    <span className="state-cell">
      {pill}
      <span className="unsettled" data-testid="unsettled">
        {note}
      </span>
    </span>
  )
}

/**
 * A date from the portal. When the portal's day/month order could not be told from its dates, the
 * date is marked and says why: 04/05/2024 may be the 4th of May or the 5th of April.
 */
export const DateCell = ({
  iso,
  ambiguous,
  language,
  labels
}: {
  iso: string | null
  ambiguous?: boolean
  language: string
  labels: { short: string; hint: string }
}) => {
  const text = formatDate(iso, language)
  if (!ambiguous || !text) return <>{text}</>
  return (
    <span className="date-ambiguous" title={labels.hint} data-testid="date-ambiguous">
      {text}
      <span className="date-flag" aria-hidden="true">
        ?
      </span>
      <span className="visually-hidden"> ({labels.short})</span>
    </span>
  )
}

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
