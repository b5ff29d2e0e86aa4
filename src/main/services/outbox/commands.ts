import type { BatchCommand } from '../bitrix/types'
import type { Action, TargetKind } from '../../../shared/domain/outbox'

export interface CommandTarget {
  kind: TargetKind
  action: Action
  targetId: number
  scope: string
}

/** REST method per (kind, action); also the key of the portal's per-method operating-time budget. */
export const methodFor = (kind: TargetKind, action: Action): string => {
  switch (kind) {
    case 'site':
      return action === 'publish' ? 'landing.site.publication' : 'landing.site.unpublic'
    case 'page':
      return action === 'publish' ? 'landing.landing.publication' : 'landing.landing.unpublic'
    case 'folder':
      return action === 'publish' ? 'landing.site.publicationFolder' : 'landing.site.unPublicFolder'
    case 'document':
      return 'crm.documentgenerator.document.enablepublicurl'
  }
}

/**
 * The REST command for an operation. Every landing command names its `scope`, even the default
 * one: older portals leak the scope of one batch command into the next.
 */
export const commandFor = (op: CommandTarget): BatchCommand => {
  const method = methodFor(op.kind, op.action)
  switch (op.kind) {
    case 'site':
      return { method, params: { id: op.targetId, scope: op.scope } }
    case 'page':
      return { method, params: { lid: op.targetId, scope: op.scope } }
    case 'folder':
      return { method, params: { folderId: op.targetId, scope: op.scope } }
    case 'document':
      return { method, params: { id: op.targetId, status: op.action === 'link-on' ? 1 : 0 } }
  }
}

/** Budgets are per method as the portal counts them, and the portal lowercases method names. */
export const budgetKey = (method: string): string => method.toLowerCase()
