// Which objects of a portal this app's jobs are changing or changed lately, for the watch to tell its own work from others'.
import type { TargetKind } from '../../../shared/domain/outbox'
import type { Database } from '../db/database'

/** `kind:id`, the key a touched object is known by. */
export const touchedKey = (kind: string, id: number): string => `${kind}:${id}`

/**
 * The objects of a portal that jobs of this app touch: every target of an unfinished job, every
 * target an operation changed since `since` (epoch ms), and every object the read-back found the
 * app's jobs changed beyond their selection since then (a site publication's pages).
 */
export const touchedTargets = (db: Database, portalId: string, since: number): Set<string> => {
  const rows = db
    .prepare(
      `SELECT o.kind AS kind, o.target_id AS id FROM outbox_operations o
         JOIN outbox_jobs j ON j.id = o.job_id
        WHERE o.portal_id = ? AND (j.finished_at IS NULL OR o.updated_at >= ? OR j.finished_at >= ?)
       UNION
       SELECT kind, target_id AS id FROM outbox_job_changes WHERE portal_id = ? AND at >= ?`
    )
    .all(portalId, since, since, portalId, since) as Array<{ kind: TargetKind; id: number }>
  return new Set(rows.map((r) => touchedKey(r.kind, r.id)))
}
