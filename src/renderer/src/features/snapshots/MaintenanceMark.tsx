import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useStore } from '../../store'
import { maintenanceByPortal } from '../../store/snapshots-slice'
import { formatLocalTime, isoToMs } from '../schedule/time'
import './snapshots.css'

/** The sidebar's mark on a portal in an open maintenance window, with its scheduled end if any. */
export const MaintenanceMark = ({ portalId }: { portalId: string }) => {
  const { t, i18n } = useTranslation()
  const snapshots = useStore((s) => s.snapshots)
  const m = useMemo(() => maintenanceByPortal(snapshots).get(portalId), [snapshots, portalId])
  if (!m) return null
  const untilMs = isoToMs(m.until)
  const detail = [
    m.siteIds === null ? t('maintenance.wholePortal') : t('maintenance.sites', { count: m.siteIds.length }),
    untilMs === null
      ? t('maintenance.noEnd')
      : t('maintenance.until', { time: formatLocalTime(untilMs, i18n.language) })
  ].join(', ')
  return (
    <span className="maintenance-mark" title={`${m.name}: ${detail}`} data-testid="maintenance-mark">
      {t('maintenance.mark')}
      <span className="visually-hidden">: {detail}</span>
    </span>
  )
}
