import { useTranslation } from 'react-i18next'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { effectiveHealth } from './status'

/** One banner per portal that cannot do its work, saying why and offering the fix. */
export const Banners = () => {
  const { t } = useTranslation()
  const portals = useStore((s) => s.portals)
  const lanes = useStore((s) => s.outbox.lanes)
  const setDialog = useStore((s) => s.setDialog)
  const setPortalHealth = useStore((s) => s.setPortalHealth)

  const troubled = portals
    .map((p) => {
      const lane = lanes.find((l) => l.portalId === p.id)
      return { portal: p, lane, health: effectiveHealth(p, lane) }
    })
    .filter((x) => x.health === 'unreachable' || x.health === 'auth_failed' || x.health === 'limited')
  if (troubled.length === 0) return null

  const probe = async (portalId: string) => {
    try {
      setPortalHealth(portalId, await call('portals:probe', { portalId }))
    } catch {
      // The portal:health event carries the outcome either way.
    }
  }

  return (
    <div className="banners">
      {troubled.map(({ portal, lane, health }) => {
        const message = lane?.reason ?? portal.health.lastError?.message ?? ''
        return (
          <div
            key={portal.id}
            role="alert"
            className="banner"
            data-tone={health === 'limited' ? 'warn' : 'bad'}
          >
            <span>
              {health === 'unreachable' && t('banners.unreachable', { name: portal.name })}
              {health === 'auth_failed' && t('banners.auth', { name: portal.name })}
              {health === 'limited' && t('banners.limited', { name: portal.name, message })}
              {health !== 'limited' && message && <span className="banner-reason"> {message}</span>}
            </span>
            {health === 'auth_failed' ? (
              <button type="button" onClick={() => setDialog({ kind: 'edit-portal', portalId: portal.id })}>
                {t('banners.fix')}
              </button>
            ) : (
              <button type="button" onClick={() => void probe(portal.id)}>
                {t('banners.retryNow')}
              </button>
            )}
          </div>
        )
      })}
    </div>
  )
}
