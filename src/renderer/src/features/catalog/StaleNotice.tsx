import { useTranslation } from 'react-i18next'
import type { Cached } from '../../../../shared/domain/catalog'
import { formatAgo } from '../shell/format'
import { useNow } from '../shell/use-now'
import { usePortalNames } from './use-catalog'

/** Says honestly which portals' rows are old, how old, and why they could not be refreshed. */
export const StaleNotice = ({
  entry,
  portalIds
}: {
  entry: Cached<unknown>
  portalIds: ReadonlySet<string>
}) => {
  const { t, i18n } = useTranslation()
  const now = useNow()
  const names = usePortalNames()
  const stale = Object.entries(entry.stale).filter(([id]) => portalIds.has(id))
  if (stale.length === 0) return null
  return (
    <div className="stale-list">
      {stale.map(([portalId, err]) => {
        const at = entry.syncedAt[portalId]
        const portal = names.get(portalId) ?? portalId
        return (
          <p key={portalId} className="stale" role="status" data-testid="stale-notice">
            {at
              ? t('age.stale', { portal, message: err.message, age: formatAgo(at, now, i18n.language) })
              : t('age.staleNever', { portal, message: err.message })}
          </p>
        )
      })}
    </div>
  )
}
