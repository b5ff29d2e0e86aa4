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
 * ones: an operation already `sending` is on the wire and the newer one simply follows it. Only
 * those already due: a job scheduled for later is not replaced by what is queued before its time
 * (it takes effect then, see SUPERSEDE_WHEN_DUE_SQL). Run for intents that take effect now.
 */
export const SUPERSEDE_OLDER_SQL = `UPDATE outbox_operations AS o
  SET state = 'superseded', superseded_by = :newId, updated_at = :now
  WHERE o.portal_id = :portalId AND o.kind = :kind AND o.target_id = :targetId AND o.state = 'queued' AND o.id < :newId
    AND EXISTS (SELECT 1 FROM outbox_jobs j WHERE j.id = o.job_id AND COALESCE(j.due_at, j.created_at) <= :now)
  RETURNING job_id`

/**
 * When a scheduled job (:jobId, due at :due) starts, each of its queued intents (:newId) replaces
 * the queued intents on its target that took effect before it: those of jobs queued earlier, or
 * scheduled earlier and already started. A job queued after the start time (the app was closed
 * then) keeps the last word, so its intent stays.
 */
export const SUPERSEDE_WHEN_DUE_SQL = `UPDATE outbox_operations AS o
  SET state = 'superseded', superseded_by = :newId, updated_at = :now
  WHERE o.portal_id = :portalId AND o.kind = :kind AND o.target_id = :targetId AND o.state = 'queued'
    AND o.job_id != :jobId
    AND EXISTS (SELECT 1 FROM outbox_jobs j WHERE j.id = o.job_id AND (j.start_at IS NULL OR j.started_at IS NOT NULL)
      AND (COALESCE(j.due_at, j.created_at) < :due OR (COALESCE(j.due_at, j.created_at) = :due AND j.id < :jobId)))
  RETURNING job_id`
