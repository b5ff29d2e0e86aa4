import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SnapshotEntry } from '../../../../shared/domain/snapshot'
import { usePortalNames } from '../catalog/use-catalog'
import { targetKey } from '../../store/keys'

const SHOWN = 50

/** Live / offline / gone, for one side of a comparison. */
const stateKey = (live: boolean | null) => (live === null ? 'gone' : live ? 'live' : 'offline')

interface Props {
  entries: SnapshotEntry[]
  label: string
  /** A visible caption above the list. */
  heading?: string
  /** Name the portal on each line (lists that mix portals). */
  withPortal?: boolean
}

/**
 * Objects of a snapshot with their state then and now. Long lists show the first fifty until asked:
 * a comparison after a mistaken bulk unpublish can hold thousands of pages, and the export has them all.
 */
export const EntryList = ({ entries, label, heading, withPortal }: Props) => {
  const { t } = useTranslation()
  const names = usePortalNames()
  const [all, setAll] = useState(false)
  const shown = all ? entries : entries.slice(0, SHOWN)
  return (
    <>
      {heading && <p className="entry-list-head">{heading}</p>}
      <ul className="entry-list" aria-label={label}>
        {shown.map((e) => (
          <li key={targetKey(e.kind, e.portalId, e.id)} className="entry">
            <span className="entry-kind">{t(`bulk.kinds.${e.kind}`, { count: 1 })}</span>{' '}
            <strong>{e.title || `#${e.id}`}</strong>{' '}
            <span className="muted">
              #{e.id}
              {e.scope ? ` · ${t(`scopes.${e.scope}`)}` : ''}
              {withPortal ? ` · ${names.get(e.portalId) ?? e.portalId}` : ''}
            </span>{' '}
            <span className="entry-states">
              {t('snapshots.entryStates', {
                then: t(`snapshots.state.${stateKey(e.then)}`),
                now: t(`snapshots.state.${stateKey(e.now)}`)
              })}
            </span>
          </li>
        ))}
      </ul>
      {entries.length > SHOWN && (
        <button type="button" className="small link-button" onClick={() => setAll((v) => !v)}>
          {all ? t('snapshots.showFewer') : t('snapshots.showAll', { count: entries.length })}
        </button>
      )}
    </>
  )
}
