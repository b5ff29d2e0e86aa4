import { useTranslation } from 'react-i18next'
import i18n from '../../i18n'
import { useStore } from '../../store'
import { linkKey } from '../../store/catalog-slice'
import type { LinkTarget } from '../../store/types'
import { openExternal } from './cells'

/**
 * What to do once the address is known. Outside React so a row cell can call it without a
 * translation hook of its own; messages go to the notice region.
 */
const act = async (target: LinkTarget, what: 'open' | 'copy') => {
  const { resolvePublicUrl, notify } = useStore.getState()
  let url: string | null
  try {
    url = await resolvePublicUrl(target)
  } catch (err) {
    notify(i18n.t('links.failed', { error: (err as Error).message }), 'error')
    return
  }
  if (!url) {
    notify(i18n.t('links.none'), 'error')
    return
  }
  if (what === 'open') {
    await openExternal(url)
    return
  }
  try {
    await navigator.clipboard.writeText(url)
    notify(i18n.t('links.copied'))
  } catch (err) {
    notify(i18n.t('documents.copyFailed', { error: (err as Error).message }), 'error')
  }
}

export const openPublicUrl = (target: LinkTarget) => act(target, 'open')
export const copyPublicUrl = (target: LinkTarget) => act(target, 'copy')

const PENDING = Symbol('pending')

/** The address as known so far (row, or an earlier answer), and whether it is being asked for. */
export const usePublicUrl = (target: LinkTarget) => {
  const key = linkKey(target)
  // One subscription per row cell: a fast scroll mounts dozens of them per frame.
  const answered = useStore((s) => (s.publicUrlPending[key] ? PENDING : s.publicUrls[key]))
  const pending = answered === PENDING
  const url = target.publicUrl ? target.publicUrl : pending ? undefined : answered
  return { url, pending }
}

export interface LinkLabels {
  open: string
  copy: string
  pending: string
}

/**
 * A page row's public address: asked for on demand (Open or Copy), then shown. The buttons stay out
 * of the tab order like every control inside the grid; Enter on the row opens the page's viewer,
 * which has the same two actions as regular buttons.
 */
export const RowLinkCell = ({ target, labels }: { target: LinkTarget; labels: LinkLabels }) => {
  const { url, pending } = usePublicUrl(target)
  const button = (label: string, icon: 'open' | 'copy', run: (t: LinkTarget) => Promise<void>) => (
    <button
      type="button"
      tabIndex={-1}
      className={`row-action icon-${icon}`}
      aria-label={label}
      title={label}
      aria-disabled={pending || undefined}
      onClick={(e) => {
        // Not a row click: neither selects the row nor opens it.
        e.stopPropagation()
        if (!pending) void run(target)
      }}
      onDoubleClick={(e) => e.stopPropagation()}
    />
  )
  return (
    <span className="link-cell" aria-busy={pending || undefined}>
      {button(labels.open, 'open', openPublicUrl)}
      {button(labels.copy, 'copy', copyPublicUrl)}
      {pending ? (
        <span className="muted small">{labels.pending}</span>
      ) : url ? (
        <span className="url ellipsis" title={url}>
          {url.replace(/^https?:\/\//, '')}
        </span>
      ) : url === null ? (
        <span className="muted">—</span>
      ) : null}
    </span>
  )
}

/**
 * Open in browser and Copy link as regular buttons, for a viewer or a detail pane. While the address
 * is asked for they are aria-disabled, not disabled: a disabled button would drop the focus (and
 * with it Escape and Tab) out of the dialog.
 */
export const LinkActions = ({ target }: { target: LinkTarget }) => {
  const { t } = useTranslation()
  const { pending } = usePublicUrl(target)
  return (
    <>
      <button
        type="button"
        onClick={() => {
          if (!pending) void copyPublicUrl(target)
        }}
        aria-disabled={pending || undefined}
      >
        {t('links.copy')}
      </button>
      <button
        type="button"
        className="primary"
        onClick={() => {
          if (!pending) void openPublicUrl(target)
        }}
        aria-disabled={pending || undefined}
        aria-busy={pending || undefined}
      >
        {pending ? t('links.pending') : t('previews.openBrowser')}
      </button>
    </>
  )
}
