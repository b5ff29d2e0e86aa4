import type { LaneView, OutboxSnapshot } from '../../../shared/domain/outbox'
import { localize } from '../app/language'
import { messages } from './messages'
import type { OutboxStore } from './store'
import { emptyCounts } from './store'

/**
 * Lanes and jobs as the renderer shows them, read from the database so every process (runner or
 * not) sees the same picture. Only unfinished jobs count towards a lane's numbers.
 */
export const buildSnapshot = (store: OutboxStore, runnerAlive: boolean): OutboxSnapshot => {
  const counts = store.laneCounts()
  const lanes: LaneView[] = []
  const seen = new Set<string>()
  for (const row of store.lanes()) {
    seen.add(row.portal_id)
    const c = counts.get(row.portal_id) ?? emptyCounts()
    const pending = c.queued + c.sending > 0
    if (!pending && !row.paused && (row.state === 'idle' || row.state === 'running')) {
      lanes.push({ portalId: row.portal_id, state: 'idle', counts: c, reason: null, nextAttemptAt: null })
      continue
    }
    if (row.paused) {
      lanes.push({
        portalId: row.portal_id,
        state: 'paused',
        counts: c,
        reason: localize(messages.lanePaused),
        nextAttemptAt: null
      })
      continue
    }
    // What the runner last wrote is only true while a runner is alive to keep it true.
    const state = runnerAlive ? row.state : 'idle'
    lanes.push({
      portalId: row.portal_id,
      state,
      counts: c,
      reason: runnerAlive ? row.reason : null,
      nextAttemptAt: runnerAlive ? row.next_attempt_at : null
    })
  }
  for (const [portalId, c] of counts) {
    // No lane row and nothing left to send: the portal was removed, its operations are history.
    if (!seen.has(portalId) && c.queued + c.sending > 0) {
      lanes.push({ portalId, state: 'idle', counts: c, reason: null, nextAttemptAt: null })
    }
  }
  return { lanes, jobs: store.jobs() }
}
