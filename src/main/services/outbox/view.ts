import type { LaneView, OutboxView, StateCounts } from '../../../shared/domain/outbox'
import { localize } from '../app/language'
import { messages } from './messages'
import type { LaneFlight, OutboxStore } from './store'
import { emptyCounts } from './store'

const view = (
  portalId: string,
  base: Pick<LaneView, 'state' | 'reason' | 'nextAttemptAt'>,
  counts: StateCounts,
  flight: LaneFlight,
  live: boolean
): LaneView => ({
  portalId,
  ...base,
  counts,
  // Nothing is on the wire without a runner; the window and its history stay worth showing.
  inFlight: live ? flight.inFlight : 0,
  window: flight.window,
  ceiling: flight.ceiling,
  lowered: flight.lowered
    ? {
        to: flight.lowered.to,
        at: flight.lowered.at,
        reason: localize(messages[flight.lowered.why.key], flight.lowered.why.values)
      }
    : null
})

/**
 * Lanes and jobs as the renderer shows them, read from the database so every process (runner or
 * not) sees the same picture. Only unfinished jobs count towards a lane's numbers. `ceilingFor`
 * gives the portal's setting for lanes no runner has written yet.
 */
export const buildOutboxView = (
  store: OutboxStore,
  runnerAlive: boolean,
  ceilingFor: (portalId: string) => number = () => 1
): OutboxView => {
  const counts = store.laneCounts()
  const lanes: LaneView[] = []
  const seen = new Set<string>()
  const fresh = (portalId: string): LaneFlight => ({
    inFlight: 0,
    window: 1,
    ceiling: ceilingFor(portalId),
    lowered: null
  })
  for (const row of store.lanes()) {
    seen.add(row.portalId)
    const c = counts.get(row.portalId) ?? emptyCounts()
    const pending = c.queued + c.sending > 0
    const flight = row.flight.ceiling > 0 ? row.flight : fresh(row.portalId)
    if (!pending && !row.paused && (row.state === 'idle' || row.state === 'running')) {
      lanes.push(
        view(row.portalId, { state: 'idle', reason: null, nextAttemptAt: null }, c, flight, runnerAlive)
      )
      continue
    }
    if (row.paused) {
      lanes.push(
        view(
          row.portalId,
          { state: 'paused', reason: localize(messages.lanePaused), nextAttemptAt: null },
          c,
          flight,
          runnerAlive
        )
      )
      continue
    }
    // What the runner last wrote is only true while a runner is alive to keep it true.
    lanes.push(
      view(
        row.portalId,
        {
          state: runnerAlive ? row.state : 'idle',
          reason: runnerAlive ? row.reason : null,
          nextAttemptAt: runnerAlive ? row.nextAttemptAt : null
        },
        c,
        flight,
        runnerAlive
      )
    )
  }
  for (const [portalId, c] of counts) {
    // No lane row and nothing left to send: the portal was removed, its operations are history.
    if (!seen.has(portalId) && c.queued + c.sending > 0) {
      lanes.push(
        view(portalId, { state: 'idle', reason: null, nextAttemptAt: null }, c, fresh(portalId), false)
      )
    }
  }
  return { lanes, jobs: store.jobs() }
}
