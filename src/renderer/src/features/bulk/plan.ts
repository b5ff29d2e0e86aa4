import type { Action, Intent, TargetKind } from '../../../../shared/domain/outbox'
import type { LandingScope } from '../../../../shared/domain/catalog'

export interface Target {
  portalId: string
  kind: TargetKind
  id: number
  scope: LandingScope
  title: string
  /** The state the target is in now; undefined when not known (document links before a check). */
  on: boolean | undefined
  /**
   * Whether visitors can see it, where that differs from `on`: a page active under an unpublished
   * site is on but not live. Publishing skips only what is live (publishing the page activates its
   * site); unpublishing skips only what is off.
   */
  live?: boolean
}

export interface BulkPlan {
  action: Action
  kind: TargetKind
  intents: Intent[]
  skipped: number
  /** Intents per portal, in the order portals first appear. */
  perPortal: Array<{ portalId: string; count: number }>
}

const turnsOn = (action: Action) => action === 'publish' || action === 'link-on'

/**
 * What a bulk action will do: an intent for every target not already in the wanted state. Targets
 * already there are skipped, so the review can say so and the outbox does no needless calls.
 */
export const planBulk = (action: Action, kind: TargetKind, targets: readonly Target[]): BulkPlan => {
  const want = turnsOn(action)
  const intents: Intent[] = []
  const perPortal = new Map<string, number>()
  let skipped = 0
  for (const t of targets) {
    const now = want && t.live !== undefined ? t.live : t.on
    if (now === want) {
      skipped++
      continue
    }
    intents.push({
      portalId: t.portalId,
      kind,
      targetId: t.id,
      scope: t.scope,
      action,
      label: t.title.slice(0, 500)
    })
    perPortal.set(t.portalId, (perPortal.get(t.portalId) ?? 0) + 1)
  }
  return {
    action,
    kind,
    intents,
    skipped,
    perPortal: [...perPortal].map(([portalId, count]) => ({ portalId, count }))
  }
}

export const isDestructive = (action: Action) => action === 'unpublish' || action === 'link-off'
