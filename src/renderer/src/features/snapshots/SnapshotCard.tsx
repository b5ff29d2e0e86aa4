import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SnapshotDiff, SnapshotSummary } from '../../../../shared/domain/snapshot'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { usePortalNames } from '../catalog/use-catalog'
import { formatLocalTime, isoToMs } from '../schedule/time'
import { downloadText } from '../shell/download'
import { formatAgo } from '../shell/format'
import { useNow } from '../shell/use-now'
import { EntryList } from './EntryList'

export type CardAction = 'restore' | 'end-maintenance' | 'delete'

interface Props {
  snapshot: SnapshotSummary
  onAction(action: CardAction): void
}

/** One snapshot: when and what it recorded, its maintenance window, and what can be done with it. */
export const SnapshotCard = ({ snapshot, onAction }: Props) => {
  const { t, i18n } = useTranslation()
  const now = useNow()
  const names = usePortalNames()
  const notify = useStore((s) => s.notify)
  const [diff, setDiff] = useState<SnapshotDiff | null>(null)
  const [comparing, setComparing] = useState(false)
  const [compareError, setCompareError] = useState<string | null>(null)
  const [open, setOpen] = useState(false)
  const m = snapshot.maintenance
  const untilMs = isoToMs(m?.until)
  const headingId = `snapshot-${snapshot.id}-name`

  const compare = async () => {
    setOpen(true)
    setComparing(true)
    setCompareError(null)
    try {
      setDiff(await call('snapshots:diff', { snapshotId: snapshot.id }))
    } catch (err) {
      setCompareError((err as Error).message)
    } finally {
      setComparing(false)
    }
  }

  const exportAs = async (format: 'csv' | 'json') => {
    try {
      const { filename, content } = await call('snapshots:export', { snapshotId: snapshot.id, format })
      downloadText(filename, content, format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json')
    } catch (err) {
      notify((err as Error).message, 'error')
    }
  }

  const c = snapshot.counts
  const portalNames = snapshot.portalIds.map((id) => names.get(id) ?? id).join(', ')

  return (
    <li className="snapshot" aria-labelledby={headingId} data-maintenance={m?.active || undefined}>
      <div className="snapshot-head">
        <h3 id={headingId}>{snapshot.name}</h3>
        {m && (
          <span className="maintenance-badge" data-active={m.active || undefined}>
            {m.active
              ? untilMs !== null
                ? t('maintenance.activeUntil', { time: formatLocalTime(untilMs, i18n.language) })
                : t('maintenance.active')
              : t('maintenance.ended')}
          </span>
        )}
      </div>
      <div className="snapshot-meta">
        <span title={new Date(snapshot.takenAt).toISOString()}>
          {t('snapshots.takenAt', {
            time: formatLocalTime(snapshot.takenAt, i18n.language),
            age: formatAgo(snapshot.takenAt, now, i18n.language)
          })}
        </span>
        <span>
          {snapshot.siteIds === null
            ? t('snapshots.coversPortals', { names: portalNames })
            : t('snapshots.coversSites', { count: snapshot.siteIds.length, names: portalNames })}
        </span>
        <span data-testid="snapshot-counts">
          {t('snapshots.counts', {
            sites: t('snapshots.n.sites', { count: c.sites }),
            pages: t('snapshots.n.pages', { count: c.pages }),
            folders: t('snapshots.n.folders', { count: c.folders }),
            documents: t('snapshots.n.documents', { count: c.documents }),
            live: t('snapshots.n.live', { count: c.live })
          })}
        </span>
      </div>
      <div className="job-actions">
        <button type="button" className="small" onClick={() => void compare()} disabled={comparing}>
          {comparing ? t('snapshots.comparing') : t('snapshots.compare')}
        </button>
        {m?.active ? (
          <button type="button" className="small primary" onClick={() => onAction('end-maintenance')}>
            {t('maintenance.endEllipsis')}
          </button>
        ) : (
          <button type="button" className="small" onClick={() => onAction('restore')}>
            {t('snapshots.restore')}
          </button>
        )}
        <button type="button" className="small" onClick={() => void exportAs('csv')}>
          {t('outbox.exportCsv')}
        </button>
        <button type="button" className="small" onClick={() => void exportAs('json')}>
          {t('outbox.exportJson')}
        </button>
        <button type="button" className="small danger" onClick={() => onAction('delete')}>
          {t('snapshots.delete')}
        </button>
        {open && (diff || compareError) && (
          <button
            type="button"
            className="small link-button"
            aria-expanded={open}
            onClick={() => setOpen(false)}
          >
            {t('snapshots.hideComparison')}
          </button>
        )}
      </div>
      {open && (
        <section
          className="snapshot-diff"
          aria-label={t('snapshots.comparison', { name: snapshot.name })}
          aria-busy={comparing}
        >
          {compareError ? (
            <p role="alert" className="error-text">
              {t('snapshots.compareFailed', { error: compareError })}
            </p>
          ) : comparing && !diff ? (
            <p className="muted">{t('snapshots.comparingText')}</p>
          ) : diff ? (
            <DiffView diff={diff} />
          ) : null}
        </section>
      )}
    </li>
  )
}

const DiffView = ({ diff }: { diff: SnapshotDiff }) => {
  const { t } = useTranslation()
  const names = usePortalNames()
  const changed = diff.portals.filter((p) => p.wentOffline.length + p.wentLive.length + p.gone.length > 0)
  if (changed.length === 0)
    return (
      <p className="report-ok" data-testid="diff-summary">
        {t('snapshots.same')}
      </p>
    )
  return (
    <>
      {changed.map((p) => {
        const name = names.get(p.portalId) ?? p.portalId
        return (
          <div key={p.portalId} className="diff-portal">
            <h4 data-testid="diff-summary">
              {t('snapshots.diffSummary', {
                portal: name,
                list: [
                  p.wentOffline.length > 0 && t('snapshots.wentOffline', { count: p.wentOffline.length }),
                  p.wentLive.length > 0 && t('snapshots.wentLive', { count: p.wentLive.length }),
                  p.gone.length > 0 && t('snapshots.gone', { count: p.gone.length })
                ]
                  .filter(Boolean)
                  .join(', ')
              })}
            </h4>
            {p.wentOffline.length > 0 && (
              <EntryList
                entries={p.wentOffline}
                label={t('snapshots.wentOfflineList', { portal: name })}
                heading={t('snapshots.wentOfflineHead')}
              />
            )}
            {p.wentLive.length > 0 && (
              <EntryList
                entries={p.wentLive}
                label={t('snapshots.wentLiveList', { portal: name })}
                heading={t('snapshots.wentLiveHead')}
              />
            )}
            {p.gone.length > 0 && (
              <EntryList
                entries={p.gone}
                label={t('snapshots.goneList', { portal: name })}
                heading={t('snapshots.goneHead')}
              />
            )}
          </div>
        )
      })}
    </>
  )
}
