import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Action, TargetKind } from '../../../../shared/domain/outbox'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { usePortalNames } from '../catalog/use-catalog'
import { effectiveHealth } from '../portals/status'
import { START_NOW, StartTimePicker, type Schedule } from '../schedule/StartTimePicker'
import { Dialog } from '../shell/Dialog'
import { isDestructive, planBulk, type Target } from './plan'
import { useSideEffects, type SideEffects } from './side-effects'

interface Props {
  action: Action
  kind: TargetKind
  targets: Target[]
  onClose(): void
  onQueued?(): void
}

/**
 * The step between choosing and doing: says exactly what will happen, what is skipped and where,
 * asks for a deliberate confirmation before taking things offline, then hands the job to the outbox.
 */
export const ReviewDialog = ({ action, kind, targets, onClose, onQueued }: Props) => {
  const { t } = useTranslation()
  const names = usePortalNames()
  const portals = useStore((s) => s.portals)
  const lanes = useStore((s) => s.outbox.lanes)
  const notify = useStore((s) => s.notify)
  const setOutboxOpen = useStore((s) => s.setOutboxOpen)
  const plan = useMemo(() => planBulk(action, kind, targets), [action, kind, targets])
  const { effects, pending } = useSideEffects(plan)
  const [confirmed, setConfirmed] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [schedule, setSchedule] = useState<Schedule>(START_NOW)
  const destructive = isDestructive(action)
  const count = plan.intents.length
  const what = t(`bulk.kinds.${kind}`, { count })
  const actionLabel = t(`bulk.actions.${action}`)

  const unreachable = plan.perPortal
    .map(({ portalId }) => portals.find((p) => p.id === portalId))
    .filter(
      (p) =>
        p &&
        effectiveHealth(
          p,
          lanes.find((l) => l.portalId === p.id)
        ) === 'unreachable'
    )

  const enqueue = async () => {
    setBusy(true)
    setError(null)
    const title = t('bulk.jobTitle', { action: actionLabel, count, what })
    try {
      const job = await call('outbox:enqueue', {
        title,
        intents: plan.intents,
        ...(schedule.startAt ? { startAt: schedule.startAt } : {})
      })
      notify(t('bulk.enqueued', { title: job.title }))
      onQueued?.()
      setOutboxOpen(true)
      onClose()
    } catch (err) {
      setError(t('bulk.failed', { error: (err as Error).message }))
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={t('bulk.reviewTitle')}
      onClose={onClose}
      role={destructive ? 'alertdialog' : 'dialog'}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('app.cancel')}
          </button>
          <button
            type="button"
            className={destructive ? 'primary danger' : 'primary'}
            disabled={count === 0 || busy || (destructive && !confirmed) || !schedule.valid}
            onClick={() => void enqueue()}
            data-autofocus={!destructive || undefined}
          >
            {t('bulk.enqueue')}
          </button>
        </>
      }
    >
      <div data-testid="review-summary">
        {count > 0 ? (
          <p className="summary">
            {t('bulk.summary', {
              action: actionLabel,
              count,
              what,
              portals: t('bulk.onPortals', { count: plan.perPortal.length })
            })}
          </p>
        ) : (
          <p className="summary">{t('bulk.nothing')}</p>
        )}
        {plan.skipped > 0 && <p>{t('bulk.skipped', { count: plan.skipped })}</p>}
      </div>
      {plan.perPortal.length > 0 && (
        <ul className="per-portal">
          {plan.perPortal.map(({ portalId, count: n }) => (
            <li key={portalId}>
              {t('bulk.perPortal', { portal: names.get(portalId) ?? portalId, count: n })}
            </li>
          ))}
        </ul>
      )}
      {count > 0 && action === 'publish' && (
        <PublishEffects effects={effects} pending={pending} kind={kind} />
      )}
      {count > 0 && <StartTimePicker onChange={setSchedule} />}
      {unreachable.map((p) => (
        <p key={p!.id} className="note">
          {t('bulk.offlineNote', { portal: p!.name })}
        </p>
      ))}
      {destructive && count > 0 && (
        <div className="confirm-box">
          <p>{t('bulk.unpublishWarning')}</p>
          {(kind === 'site' || kind === 'folder') && (
            <OfflineEffects effects={effects} pending={pending} kind={kind} />
          )}
          <label>
            <input
              type="checkbox"
              checked={confirmed}
              onChange={(e) => setConfirmed(e.target.checked)}
              data-autofocus
            />
            {t('bulk.confirmUnpublish', { count })}
          </label>
        </div>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </Dialog>
  )
}

const NAMES_SHOWN = 3

/** What else publishing changes: the folders and sites the portal publishes along, and may publish. */
const PublishEffects = ({
  effects,
  pending,
  kind
}: {
  effects: SideEffects
  pending: boolean
  kind: TargetKind
}) => {
  const { t } = useTranslation()
  if (pending) return <p className="effects-note">{t('bulk.effects.checking')}</p>
  const parts: string[] = []
  if (effects.foldersPublished > 0) parts.push(t('bulk.effects.folders', { count: effects.foldersPublished }))
  const sites = effects.sitesPublished
  if (sites.length > 0) {
    const shown = sites.slice(0, NAMES_SHOWN).map((s) => s.title)
    if (sites.length > NAMES_SHOWN) shown.push(t('bulk.effects.more', { count: sites.length - NAMES_SHOWN }))
    parts.push(t('bulk.effects.sites', { count: sites.length, names: shown.join(', ') }))
  }
  const lines: string[] = []
  if (parts.length > 0) lines.push(t('bulk.effects.published', { list: parts.join(', ') }))
  if (effects.foldersUnknownSites > 0)
    lines.push(t('bulk.effects.foldersUnknown', { count: effects.foldersUnknownSites }))
  if (kind === 'site') {
    // Bitrix24 behaves either way here (docs/bitrix24.md#site-publication): said as a possibility, with the count it would be.
    const context = effects.sitesPublishing > 1 ? 'several' : undefined
    if (effects.inactivePages === null) lines.push(t('bulk.effects.inactiveUnknown', { context }))
    else if (effects.inactivePages > 0)
      lines.push(t('bulk.effects.inactivePages', { count: effects.inactivePages, context }))
  }
  const drafts = effects.draftsPublished
  const warnings: string[] = []
  if (drafts.length > 0) {
    const shown = drafts.slice(0, NAMES_SHOWN).map((p) => `“${p.title}”`)
    if (drafts.length > NAMES_SHOWN)
      shown.push(t('bulk.effects.more', { count: drafts.length - NAMES_SHOWN }))
    warnings.push(t('bulk.effects.drafts', { count: drafts.length, names: shown.join(', ') }))
  }
  // A plan limit stops a site's publication part-way; what it already published stays (the job says what).
  if (kind === 'site')
    lines.push(t('bulk.effects.planLimit', { context: effects.sitesPublishing > 1 ? 'several' : undefined }))
  if (lines.length === 0 && warnings.length === 0) return null
  return (
    <div className="effects-note" data-testid="review-effects">
      {warnings.map((line) => (
        <p key={line} className="effects-warning" data-testid="review-drafts">
          {line}
        </p>
      ))}
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  )
}

/**
 * What else unpublishing changes: a site's pages and folders go offline (some pages may stay
 * marked active, docs/bitrix24.md#site-publication); a folder's published parents always go offline with it (docs/bitrix24.md#folder-chain).
 */
const OfflineEffects = ({
  effects,
  pending,
  kind
}: {
  effects: SideEffects
  pending: boolean
  kind: 'site' | 'folder'
}) => {
  const { t } = useTranslation()
  if (pending) return <p>{t('bulk.effects.checking')}</p>
  const lines: string[] = []
  if (kind === 'folder') {
    const context = effects.foldersUnpublished > 1 ? 'several' : undefined
    if (effects.parentsOffline > 0)
      lines.push(t('bulk.effects.parentsOffline', { count: effects.parentsOffline, context }))
    else if (effects.parentsUnknown) lines.push(t('bulk.effects.parentsUnknown', { context }))
  } else {
    const context = effects.sitesUnpublished > 1 ? 'several' : undefined
    const parts: string[] = []
    if (effects.pagesOffline === null) parts.push(t('bulk.effects.takesAllPages', { context }))
    else if (effects.pagesOffline > 0)
      parts.push(t('bulk.effects.takesPages', { count: effects.pagesOffline, context }))
    if (effects.foldersOffline === null) parts.push(t('bulk.effects.deactivatesAllFolders', { context }))
    else if (effects.foldersOffline > 0)
      parts.push(t('bulk.effects.deactivatesFolders', { count: effects.foldersOffline, context }))
    if (parts.length > 0) {
      const what = parts.length === 2 ? t('bulk.effects.and', { a: parts[0], b: parts[1] }) : parts[0]
      lines.push(t('bulk.effects.alsoOffline', { what }))
    }
    if (effects.pagesOffline !== 0) lines.push(t('bulk.effects.pagesMayStay', { context }))
  }
  if (lines.length === 0) return null
  return (
    <div data-testid="review-effects">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  )
}
