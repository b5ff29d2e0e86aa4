import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Action, TargetKind } from '../../../../shared/domain/outbox'
import { useStore } from '../../store'
import type { SelectableKind } from '../../store/types'
import type { Target } from './plan'
import { ReviewDialog } from './ReviewDialog'
import { portalCount, selectedTargets } from './targets'

const targetKind: Record<SelectableKind, TargetKind> = { sites: 'site', pages: 'page', documents: 'document' }

/** Appears while something is selected: what is selected, and what can be done with it. */
export const BulkBar = ({ kind }: { kind: SelectableKind }) => {
  const { t } = useTranslation()
  const selected = useStore((s) => s.selection[kind])
  const clear = useStore((s) => s.clearSelection)
  const [review, setReview] = useState<{ action: Action; targets: Target[] } | null>(null)
  if (selected.size === 0 && !review) return null

  const start = (action: Action) => setReview({ action, targets: selectedTargets(useStore.getState(), kind) })
  const actions: Array<[Action, string]> =
    kind === 'documents'
      ? [
          ['link-on', t('bulk.linkOn')],
          ['link-off', t('bulk.linkOff')]
        ]
      : [
          ['publish', t('bulk.publish')],
          ['unpublish', t('bulk.unpublish')]
        ]

  const summary = t('bulk.selected', {
    count: selected.size,
    portals: t('bulk.onPortals', { count: portalCount(selected) })
  })
  return (
    <div className="bulk-bar" role="toolbar" aria-label={summary}>
      <span className="bulk-count">{summary}</span>
      {actions.map(([action, label]) => (
        <button
          key={action}
          type="button"
          className={action === 'publish' || action === 'link-on' ? 'primary' : undefined}
          onClick={() => start(action)}
        >
          {label}
        </button>
      ))}
      <button type="button" onClick={() => clear(kind)}>
        {t('bulk.clear')}
      </button>
      {review && (
        <ReviewDialog
          action={review.action}
          kind={targetKind[kind]}
          targets={review.targets}
          onClose={() => setReview(null)}
          onQueued={() => clear(kind)}
        />
      )}
    </div>
  )
}
