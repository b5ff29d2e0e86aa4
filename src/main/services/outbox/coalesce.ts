import type { Intent } from '../../../shared/domain/outbox'

/** Operations on the same object of the same portal compete: the newest pending intent wins. */
export const targetKey = (i: Pick<Intent, 'portalId' | 'kind' | 'targetId'>): string =>
  `${i.portalId}\u0000${i.kind}\u0000${i.targetId}`

/**
 * Within one request, the index of the later intent that replaces each earlier one on the same
 * target (or undefined when an intent is the last word on its target).
 */
export const supersededWithin = (intents: readonly Intent[]): Array<number | undefined> => {
  const lastIndex = new Map<string, number>()
  intents.forEach((intent, index) => lastIndex.set(targetKey(intent), index))
  return intents.map((intent, index) => {
    const last = lastIndex.get(targetKey(intent))
    return last !== undefined && last !== index ? last : undefined
  })
}

/**
 * SQL that marks older queued operations on a target superseded by a newer one. Only `queued`
 * ones: an operation already `sending` is on the wire and the newer one simply follows it.
 */
export const SUPERSEDE_OLDER_SQL = `UPDATE outbox_operations
  SET state = 'superseded', superseded_by = :newId, updated_at = :now
  WHERE portal_id = :portalId AND kind = :kind AND target_id = :targetId AND state = 'queued' AND id < :newId
  RETURNING job_id`
