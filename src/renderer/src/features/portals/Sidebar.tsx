import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import type { PortalSummary } from '../../../../shared/domain/portal'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { allTags, visiblePortalIds } from '../../store/portals-slice'
import { formatAgo } from '../shell/format'
import { useNow } from '../shell/use-now'
import { MaintenanceMark } from '../snapshots/MaintenanceMark'
import { PortalListTransfer } from './PortalListTransfer'
import { effectiveHealth, healthTone } from './status'

export const Sidebar = () => {
  const { t } = useTranslation()
  const portals = useStore((s) => s.portals)
  const tagFilter = useStore((s) => s.tagFilter)
  const toggleTag = useStore((s) => s.toggleTag)
  const setDialog = useStore((s) => s.setDialog)
  const visible = useStore(useShallow(visiblePortalIds))
  const tags = allTags(portals)

  return (
    <nav className="sidebar" aria-label={t('portals.heading')}>
      <div className="sidebar-head">
        <h2>{t('portals.heading')}</h2>
        <button type="button" className="small" onClick={() => setDialog({ kind: 'add-portal' })}>
          + {t('portals.add')}
        </button>
      </div>
      {tags.length > 0 && (
        <div className="tags" role="group" aria-label={t('portals.tags')}>
          {tags.map((tag) => (
            <button
              key={tag}
              type="button"
              className="tag"
              aria-pressed={tagFilter.includes(tag)}
              onClick={() => toggleTag(tag)}
            >
              #{tag}
            </button>
          ))}
        </div>
      )}
      <ul className="portal-list">
        {portals.map((p) => (
          <PortalItem key={p.id} portal={p} shown={visible.includes(p.id)} />
        ))}
      </ul>
      <PortalListTransfer canExport={portals.some((p) => !p.demo)} />
    </nav>
  )
}

const PortalItem = ({ portal, shown }: { portal: PortalSummary; shown: boolean }) => {
  const { t, i18n } = useTranslation()
  const now = useNow()
  const lane = useStore((s) => s.outbox.lanes.find((l) => l.portalId === portal.id))
  const togglePortalFilter = useStore((s) => s.togglePortalFilter)
  const setDialog = useStore((s) => s.setDialog)
  const setPortalHealth = useStore((s) => s.setPortalHealth)
  const [menu, setMenu] = useState(false)
  const health = effectiveHealth(portal, lane)
  const statusText = t(`portals.status.${health}`)

  const probe = async () => {
    setMenu(false)
    try {
      setPortalHealth(portal.id, await call('portals:probe', { portalId: portal.id }))
    } catch {
      // The health event that follows a failed probe carries the reason.
    }
  }

  return (
    <li className="portal-item" data-tone={healthTone[health]} aria-label={portal.name}>
      <input
        type="checkbox"
        checked={shown}
        onChange={() => togglePortalFilter(portal.id)}
        aria-label={t('portals.show', { name: portal.name })}
      />
      <span
        className="status-dot"
        aria-hidden="true"
        style={portal.color ? { outlineColor: portal.color } : undefined}
      />
      <div className="portal-text">
        <div className="portal-name">
          <span>{portal.name}</span>
          {portal.demo && <span className="demo-badge">{t('portals.demo')}</span>}
          <MaintenanceMark portalId={portal.id} />
        </div>
        <div className="portal-meta">
          <span data-testid="portal-status">{statusText}</span>
          {' · '}
          <span>
            {portal.lastSyncAt
              ? t('portals.lastSync', { age: formatAgo(portal.lastSyncAt, now, i18n.language) })
              : t('portals.neverSynced')}
          </span>
        </div>
        {portal.tags.length > 0 && (
          <div className="portal-tags">{portal.tags.map((tag) => `#${tag}`).join(' ')}</div>
        )}
      </div>
      <div className="menu-wrap">
        <button
          type="button"
          className="icon-button"
          aria-label={t('portals.actions', { name: portal.name })}
          aria-expanded={menu}
          onClick={() => setMenu((m) => !m)}
        >
          ⋯
        </button>
        {menu && (
          <div className="menu" onKeyDown={(e) => e.key === 'Escape' && setMenu(false)}>
            <button type="button" onClick={() => void probe()}>
              {t('portals.probe')}
            </button>
            <button
              type="button"
              onClick={() => {
                setMenu(false)
                setDialog({ kind: 'edit-portal', portalId: portal.id })
              }}
            >
              {t('portals.edit')}
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                setMenu(false)
                setDialog({ kind: 'remove-portal', portalId: portal.id })
              }}
            >
              {t('portals.remove')}
            </button>
          </div>
        )}
      </div>
    </li>
  )
}
